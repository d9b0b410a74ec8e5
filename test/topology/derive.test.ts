import { derive, tunnelPlan, DEFAULT_TUNNEL_CIDRS } from '../../lib/topology/derive';
import { jsonSchemaText } from '../../lib/topology/json-schema';
import * as fs from 'fs';
import * as path from 'path';
import { deriveFrom, rawDefault } from '../helpers';

describe('derivations', () => {
  const d = deriveFrom(rawDefault());

  test('default tunnel plan matches the documented AWS/Azure table', () => {
    expect(tunnelPlan(DEFAULT_TUNNEL_CIDRS).map((t) => [t.insideCidr, t.awsInsideIp, t.azureApipa, t.azureInstance])).toEqual([
      ['169.254.21.0/30', '169.254.21.1', '169.254.21.2', 0],
      ['169.254.22.0/30', '169.254.22.1', '169.254.22.2', 0],
      ['169.254.21.4/30', '169.254.21.5', '169.254.21.6', 1],
      ['169.254.22.4/30', '169.254.22.5', '169.254.22.6', 1],
    ]);
    expect(d.link.azureInstanceApipa).toEqual([['169.254.21.2', '169.254.22.2'], ['169.254.21.6', '169.254.22.6']]);
  });

  test('explicit tunnels drive both sides', () => {
    const t = rawDefault();
    t.link = { tunnels: ['169.254.21.8/30', '169.254.22.8/30', '169.254.21.12/30', '169.254.22.12/30'] };
    const plan = deriveFrom(t).link;
    expect(plan.tunnels[2]).toMatchObject({ awsInsideIp: '169.254.21.13', azureApipa: '169.254.21.14', connection: 1, tunnel: 0 });
  });

  test('ASNs come from the topology', () => {
    expect(d.link).toMatchObject({ awsAsn: 64512, azureAsn: 65010 });
  });

  test('subnet plans fit and the resolver IP is the first usable address of its subnet', () => {
    expect(d.hub.subnets).toEqual({ GatewaySubnet: '10.100.0.0/27', 'snet-dns-inbound': '10.100.0.32/28' });
    expect(d.hub.resolverInboundIp).toBe('10.100.0.36');
    expect(d.serving[0].subnets['snet-private-endpoints']).toBeDefined();
    expect(d.serving[0].subnets['snet-aks-llm']).toBe('10.101.0.0/24');
    expect(d.serving[1].subnets).toEqual({ 'snet-private-endpoints': '10.102.0.0/27' });
  });

  test('forwarded DNS zones include azmk8s.io only when clusters exist', () => {
    expect(d.dns.forwardedZones).toEqual(['openai.azure.com', 'cognitiveservices.azure.com', 'services.ai.azure.com', 'azmk8s.io']);
    const t = rawDefault();
    t.azure.serving[0].clusters = [];
    expect(deriveFrom(t).dns.forwardedZones).not.toContain('azmk8s.io');
  });

  test('agents land in AgentCore-supported AZ ids', () => {
    expect(d.aws.azIds).toEqual(['euc1-az1', 'euc1-az2']);
    expect(d.aws.agents[0]).toMatchObject({ runtimeName: 'stateline_support_agent_runtime', memoryName: 'stateline_support_agent_memory' });
  });

  test('phases: Azure hub + serving + agent identities, then AWS, then the Azure link', () => {
    expect(d.phases.map((p) => [p.id, p.tool, p.stacks])).toEqual([
      [1, 'cdktf', ['stateline-azure-hub', 'stateline-azure-serving-swedencentral', 'stateline-azure-serving-francecentral', 'stateline-azure-identity']],
      [2, 'cdk', ['stateline-aws-agents-eu-central-1']],
      [3, 'cdktf', ['stateline-azure-link']],
    ]);
  });

  test('agents: every serving stamp by default, an explicit subset when listed; identity names and hand-over', () => {
    const [agent] = d.aws.agents;
    expect(agent.serving.map((s) => s.key)).toEqual(['swedencentral', 'francecentral']);
    expect(agent.identity).toMatchObject({
      mode: 'created', appDisplayName: 'stateline-agent-support_agent', credentialProviderName: 'stateline-support_agent-entra',
      clientSecretName: 'stateline/agents/support_agent/entra-client-secret', clientSecretJsonKey: 'clientSecret',
      handover: { clientIdOutput: 'agent_support_agent_client_id', clientIdParameter: 'AgentSupportAgentAzureClientId', clientSecretArnOutput: 'AgentSupportAgentClientSecretArn' },
    });
    const t = rawDefault();
    t.aws.agents[0].serving = ['francecentral'];
    expect(deriveFrom(t).aws.agents[0].serving.map((s) => s.key)).toEqual(['francecentral']);
    // Inference role: OpenAI User for OpenAI-only accounts, Cognitive Services User when another publisher's model is served.
    expect(d.serving.map((s) => s.inferenceRole)).toEqual(['Cognitive Services OpenAI User', 'Cognitive Services OpenAI User']);
    t.azure.serving[1].models.push({ name: 'mistral', format: 'Mistral AI', model: 'Mistral-Large-2411', version: '2', sku: 'GlobalStandard', capacity: 1 });
    expect(deriveFrom(t).serving[1].inferenceRole).toBe('Cognitive Services User');
  });

  test('names respect Azure length rules', () => {
    for (const s of d.serving) {
      expect(s.accountName.length).toBeLessThanOrEqual(64);
      expect(s.customSubdomain).toMatch(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/);
      for (const c of s.clusters) expect(c.aksName.length).toBeLessThanOrEqual(63);
    }
  });

  test('derive is deterministic', () => {
    expect(derive(d.topology)).toEqual(derive(d.topology));
  });

  test('the committed JSON Schema is up to date (npm run schema)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '../../schema/stateline.schema.json'), 'utf8');
    expect(committed).toBe(jsonSchemaText());
    expect(JSON.parse(committed).properties.azure.properties.hub.required).toEqual(['region', 'addressSpace']);
  });
});
