/**
 * The identity stack: one Entra app registration per agent with a rotating, expiring client
 * secret that only leaves Terraform as a sensitive output, and data-plane inference roles on
 * exactly the AI Services accounts each agent uses (never Contributor, never a broad scope).
 */
import { deriveFrom, rawDefault } from '../helpers';
import { bodiesOf, buildAzure, BuiltAzure, resourcesOf, TfJson } from './synth';

const BYO = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  principalId: '11111111-2222-3333-4444-555555555555',
  clientSecretArn: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:billing-entra-AbCdEf',
};

describe('Azure identity stack', () => {
  const t = rawDefault();
  // A second agent with its own identity that calls only France Central, which also serves a non-OpenAI model.
  t.aws.agents.push({ name: 'billing_agent', image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/billing:1.0.0', serving: ['francecentral'], azureIdentity: BYO });
  t.azure.serving[1].models.push({ name: 'mistral-large', format: 'Mistral AI', model: 'Mistral-Large-2411', version: '2', sku: 'GlobalStandard', capacity: 1 });
  const derived = deriveFrom(t);
  let built: BuiltAzure;
  let tf: TfJson;
  let text: string;
  beforeAll(() => {
    built = buildAzure(derived);
    tf = built.json[derived.identity.stackName];
    text = built.text[derived.identity.stackName];
  });
  afterAll(() => built.dispose());

  test('one app registration, service principal and client secret for the created identity only', () => {
    const apps = bodiesOf(tf, 'azuread_application');
    expect(apps).toEqual([expect.objectContaining({
      display_name: 'stateline-agent-support_agent', sign_in_audience: 'AzureADMyOrg', prevent_duplicate_names: true,
      owners: ['${data.azuread_client_config.Deployer.object_id}'], tags: ['stateline', 'stateline-agent:support_agent'],
    })]);
    const [[appId]] = resourcesOf(tf, 'azuread_application');
    expect(bodiesOf(tf, 'azuread_service_principal')).toEqual([expect.objectContaining({ client_id: `\${azuread_application.${appId}.client_id}` })]);
    // Valid 180 days from the rotation base, replaced every 90 days (old secret still valid until the next hand-over).
    const [[rotId, rotation]] = resourcesOf(tf, 'time_rotating');
    expect(rotation).toEqual({ rotation_days: 90 });
    expect(bodiesOf(tf, 'azuread_application_password')).toEqual([{
      application_id: `\${azuread_application.${appId}.id}`,
      display_name: 'stateline: AgentCore Identity (AWS)',
      end_date: `\${timeadd(time_rotating.${rotId}.rfc3339, "4320h")}`,
      rotate_when_changed: { rotation: `\${time_rotating.${rotId}.id}` },
      lifecycle: { create_before_destroy: true },
    }]);
  });

  test('the client secret leaves Terraform only as a sensitive output; ids are plain outputs for the hand-over', () => {
    const out = tf.output!;
    expect(out.agent_support_agent_client_secret).toMatchObject({ sensitive: true, value: expect.stringMatching(/^\$\{azuread_application_password\.[^.]+\.value\}$/) });
    expect(out.agent_support_agent_client_id.sensitive).toBeUndefined();
    expect(out.agent_support_agent_tenant_id.value).toBe('${data.azuread_client_config.Deployer.tenant_id}');
    // A bring-your-own identity hands over its literal ids and has no secret output (its secret is already in AWS).
    expect(out.agent_billing_agent_client_id.value).toBe(BYO.clientId);
    expect(out.agent_billing_agent_tenant_id.value).toBe(BYO.tenantId);
    expect(out.agent_billing_agent_client_secret).toBeUndefined();
    expect(text).not.toMatch(/"password"|"client_secret"\s*:\s*"[^$]/);
  });

  test('inference roles: data plane only, on exactly the accounts each agent uses', () => {
    const assignments = bodiesOf(tf, 'azurerm_role_assignment').map((b) => [b.description, b.role_definition_name, b.scope, b.principal_id]).sort();
    expect(assignments).toEqual([
      ['stateline agent billing_agent: inference on ais-stateline-frc', 'Cognitive Services User', '${data.azurerm_cognitive_account.Account-francecentral.id}', BYO.principalId],
      ['stateline agent support_agent: inference on ais-stateline-frc', 'Cognitive Services User', '${data.azurerm_cognitive_account.Account-francecentral.id}', expect.stringMatching(/^\$\{azuread_service_principal\..*\.object_id\}$/)],
      ['stateline agent support_agent: inference on ais-stateline-sdc', 'Cognitive Services OpenAI User', '${data.azurerm_cognitive_account.Account-swedencentral.id}', expect.stringMatching(/^\$\{azuread_service_principal\..*\.object_id\}$/)],
    ]);
    for (const b of bodiesOf(tf, 'azurerm_role_assignment')) {
      expect(b.principal_type).toBe('ServicePrincipal');
      expect(b.role_definition_name).not.toMatch(/Contributor|Owner/);
    }
    expect(tf.data!.azurerm_cognitive_account).toEqual({
      'Account-swedencentral': { name: 'ais-stateline-sdc', resource_group_name: 'rg-stateline-sdc-serving' },
      'Account-francecentral': { name: 'ais-stateline-frc', resource_group_name: 'rg-stateline-frc-serving' },
    });
  });

  test('providers: azuread and time only when an identity is created', () => {
    const only = rawDefault();
    only.aws.agents[0].azureIdentity = BYO;
    const b = buildAzure(deriveFrom(only));
    try {
      const json = b.json['stateline-azure-identity'] as any;
      expect(Object.keys(json.provider)).toEqual(['azurerm']);
      expect(json.resource.azuread_application).toBeUndefined();
      expect(Object.keys(json.resource)).toEqual(['azurerm_role_assignment']);
    } finally {
      b.dispose();
    }
  });

  test('snapshot (safety net on top of the assertions above)', () => {
    expect(text).toMatchSnapshot();
  });
});
