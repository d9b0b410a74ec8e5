/**
 * Tools on the AWS side, one topology with every kind synthesized once (cdk-nag on): each kind's
 * `AWS::BedrockAgentCore::GatewayTarget`, the AgentCore Identity credential providers, the
 * gateway roles' grants (exact functions, objects, secrets and service actions), the per-gateway
 * boundary that still denies model invocation, and per-agent isolation of gateways.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Derived } from '../../lib/topology/derive';
import { writeFiles } from '../policy/helpers';
import { deriveFrom, rawDefault } from '../helpers';
import { actionRegex, FORBIDDEN_ACTIONS, modelInvocationGrants, Synthesized, synthApp } from './support';

const ACCOUNT = '123456789012';
const SECRET = (name: string) => `arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:tools/${name}-AbCdEf`;
const KEY = `arn:aws:kms:eu-central-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const EXAMPLES = path.join(__dirname, '../../examples/tools');

let derived: Derived;
let s: Synthesized;
let json: any;

beforeAll(() => {
  const dir = writeFiles({
    'models/dynamodb.json': {
      smithy: '2.0',
      shapes: { 'com.amazonaws.dynamodb#DynamoDB_20120810': { type: 'service', traits: { 'aws.api#service': { sdkId: 'DynamoDB', arnNamespace: 'dynamodb', endpointPrefix: 'dynamodb' } } } },
    },
  });
  fs.copyFileSync(path.join(EXAMPLES, 'claims-lookup.tools.json'), path.join(dir, 'claims.tools.json'));
  fs.copyFileSync(path.join(EXAMPLES, 'policy-api.openapi.yaml'), path.join(dir, 'policy.openapi.yaml'));
  const t = rawDefault();
  t.aws.tools.push(
    { name: 'claims', lambda: { functionArn: `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:claims:live`, toolSchema: 'claims.tools.json' } },
    { name: 'policy-api', openapi: { schema: 'policy.openapi.yaml', auth: { apiKey: { secretArn: SECRET('policy'), parameterName: 'X-Api-Key' } } } },
    { name: 'rates', openapi: { schema: 's3://acme-schemas/rates.json', bucketOwnerAccountId: ACCOUNT, auth: { apiKey: { secretArn: SECRET('rates'), jsonKey: 'key', location: 'query', parameterName: 'apikey', prefix: 'Token ' } } } },
    {
      name: 'docs', mcp: {
        endpoint: 'https://mcp.docs.example/mcp',
        auth: { oauth2: { clientId: 'agent-docs', clientSecretArn: SECRET('docs'), kmsKeyArn: KEY, issuer: 'https://id.example.com', authorizationEndpoint: 'https://id.example.com/authorize', tokenEndpoint: 'https://id.example.com/token', scopes: ['docs.read'], clientAuthentication: 'CLIENT_SECRET_BASIC' } },
      },
    },
    { name: 'orders-table', smithy: { model: 'models/dynamodb.json', allow: [{ actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: [`arn:aws:dynamodb:eu-central-1:${ACCOUNT}:table/orders`, `arn:aws:dynamodb:eu-central-1:${ACCOUNT}:table/orders/index/*`] }] } },
  );
  t.aws.agents[0].tools = ['order-lookup', 'claims', 'policy-api', 'rates', 'docs', 'orders-table'];
  t.aws.agents.push({ name: 'billing_agent', image: `${ACCOUNT}.dkr.ecr.eu-central-1.amazonaws.com/billing-agent:1.0.0`, tools: ['docs'] });
  t.aws.agents.push({ name: 'quiet_agent', image: `${ACCOUNT}.dkr.ecr.eu-central-1.amazonaws.com/quiet-agent:1.0.0` });
  derived = deriveFrom(t, dir);
  s = synthApp(derived);
  json = s.json;
});

afterAll(() => fs.rmSync(s.outdir, { recursive: true, force: true }));

const resourcesOf = (type: string) => Object.entries<any>(json.Resources).filter(([, r]) => r.Type === type);
const only = <T>(xs: T[]): T => {
  expect(xs).toHaveLength(1);
  return xs[0];
};
const gatewayOf = (name: string) => only(resourcesOf('AWS::BedrockAgentCore::Gateway').filter(([, r]) => r.Properties.Name === name));
const targetOf = (name: string, gatewayId: string) => only(resourcesOf('AWS::BedrockAgentCore::GatewayTarget').filter(([, r]) => r.Properties.Name === name && r.Properties.GatewayIdentifier['Fn::GetAtt'][0] === gatewayId))[1].Properties;
const roleStatements = (gatewayId: string) => {
  const roleId = json.Resources[gatewayId].Properties.RoleArn['Fn::GetAtt'][0];
  return resourcesOf('AWS::IAM::Policy').filter(([, r]) => r.Properties.Roles.some((x: any) => x.Ref === roleId)).flatMap(([, r]) => r.Properties.PolicyDocument.Statement);
};
const actionsOf = (st: any): string[] => [st.Action].flat();
const grantsOf = (statements: any[], action: string) => statements.filter((st) => st.Effect === 'Allow' && actionsOf(st).some((a) => actionRegex(a).test(action)));

describe('synthesis', () => {
  test('cdk-nag passed with every finding acknowledged', () => {
    const report = JSON.parse(fs.readFileSync(path.join(s.outdir, 'validation-report.json'), 'utf8'));
    expect((report.pluginReports ?? []).filter((r: any) => r.conclusion === 'failure' || (r.violations ?? []).length > 0)).toEqual([]);
  });

  test('file documents are staged as assets in the assembly, which holds no machine path', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(s.outdir, `${derived.aws.stackName}.assets.json`), 'utf8'));
    const docs = Object.values<any>(manifest.files).filter((f) => /Document/.test(f.displayName));
    expect(docs.map((f) => f.source.path).sort()).toEqual([expect.stringMatching(/^asset\.[0-9a-f]{64}\.json$/), expect.stringMatching(/^asset\.[0-9a-f]{64}\.yaml$/)]);
    for (const f of docs) expect(fs.existsSync(path.join(s.outdir, f.source.path))).toBe(true);
    for (const file of fs.readdirSync(s.outdir).filter((f) => f.endsWith('.json'))) {
      const text = fs.readFileSync(path.join(s.outdir, file), 'utf8');
      for (const needle of [s.outdir, process.cwd(), os.homedir()]) expect({ file, leaks: text.includes(needle) }).toEqual({ file, leaks: false });
    }
  });
});

describe('one gateway per agent with tools, holding exactly its tools', () => {
  test('gateways, targets per gateway, and no gateway for an agent without tools', () => {
    const gateways = resourcesOf('AWS::BedrockAgentCore::Gateway').map(([, r]) => r.Properties.Name).sort();
    expect(gateways).toEqual(['stateline-billing-agent-tools', 'stateline-support-agent-tools']);
    const [supportId] = gatewayOf('stateline-support-agent-tools');
    const [billingId] = gatewayOf('stateline-billing-agent-tools');
    const names = (gw: string) => resourcesOf('AWS::BedrockAgentCore::GatewayTarget').filter(([, r]) => r.Properties.GatewayIdentifier['Fn::GetAtt'][0] === gw).map(([, r]) => r.Properties.Name);
    expect(names(supportId)).toEqual(['order-lookup', 'claims', 'policy-api', 'rates', 'docs', 'orders-table']);
    expect(names(billingId)).toEqual(['docs']);
    for (const [, g] of resourcesOf('AWS::BedrockAgentCore::Gateway')) {
      expect(g.Properties).toMatchObject({ AuthorizerType: 'AWS_IAM', ProtocolType: 'MCP' });
      expect(g.Properties.ProtocolConfiguration.Mcp.SearchType).toBeUndefined();
    }
  });

  test("each runtime may invoke only its own gateway, and only agents with tools get TOOL_GATEWAY_URL", () => {
    const runtimes = Object.fromEntries(resourcesOf('AWS::BedrockAgentCore::Runtime').map(([, r]) => [r.Properties.AgentRuntimeName, r.Properties]));
    const invokes = (runtimeName: string) => {
      const roleId = runtimes[runtimeName].RoleArn['Fn::GetAtt'][0];
      return resourcesOf('AWS::IAM::Policy').filter(([, r]) => r.Properties.Roles.some((x: any) => x.Ref === roleId))
        .flatMap(([, r]) => r.Properties.PolicyDocument.Statement).filter((st: any) => actionsOf(st).includes('bedrock-agentcore:InvokeGateway')).map((st: any) => st.Resource);
    };
    const [supportId] = gatewayOf('stateline-support-agent-tools');
    const [billingId] = gatewayOf('stateline-billing-agent-tools');
    expect(invokes('stateline_support_agent_runtime')).toEqual([{ 'Fn::GetAtt': [supportId, 'GatewayArn'] }]);
    expect(invokes('stateline_billing_agent_runtime')).toEqual([{ 'Fn::GetAtt': [billingId, 'GatewayArn'] }]);
    expect(invokes('stateline_quiet_agent_runtime')).toEqual([]);
    expect(runtimes.stateline_billing_agent_runtime.EnvironmentVariables.TOOL_GATEWAY_URL).toEqual({ 'Fn::GetAtt': [billingId, 'GatewayUrl'] });
    expect(runtimes.stateline_quiet_agent_runtime.EnvironmentVariables.TOOL_GATEWAY_URL).toBeUndefined();
  });

  test('a gateway role holds only its own tools\' grants (billing: the docs secret, no function)', () => {
    const [billingId] = gatewayOf('stateline-billing-agent-tools');
    const st = roleStatements(billingId);
    expect(grantsOf(st, 'lambda:InvokeFunction')).toEqual([]);
    expect(grantsOf(st, 'secretsmanager:GetSecretValue').map((x) => x.Resource)).toEqual([SECRET('docs')]);
    expect(grantsOf(st, 'dynamodb:GetItem')).toEqual([]);
  });
});

describe('each kind of target', () => {
  const support = () => gatewayOf('stateline-support-agent-tools')[0];

  test('lambda: the (qualified) function ARN, the tool schema read from its file, IAM outbound; invoke granted on exactly that ARN', () => {
    const p = targetOf('claims', support());
    expect(p.CredentialProviderConfigurations).toEqual([{ CredentialProviderType: 'GATEWAY_IAM_ROLE' }]);
    expect(p.TargetConfiguration.Mcp.Lambda.LambdaArn).toBe(`arn:aws:lambda:eu-central-1:${ACCOUNT}:function:claims:live`);
    const payload = p.TargetConfiguration.Mcp.Lambda.ToolSchema.InlinePayload;
    expect(payload.map((d: any) => d.Name)).toEqual(['get_claim', 'list_claims_for_policy']);
    expect(payload[0].OutputSchema.Properties.documents).toEqual({ Type: 'array', Items: { Type: 'string' } });
    const invoke = grantsOf(roleStatements(support()), 'lambda:InvokeFunction');
    expect(invoke.flatMap((x) => [x.Resource].flat()).sort()).toEqual([`arn:aws:lambda:eu-central-1:${ACCOUNT}:function:claims:live`, `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:order-lookup-tool`]);
    // No "*" anywhere in a lambda:InvokeFunction resource of the whole template.
    const all = resourcesOf('AWS::IAM::Policy').flatMap(([, r]) => r.Properties.PolicyDocument.Statement).filter((st: any) => actionsOf(st).some((a) => actionRegex(a).test('lambda:InvokeFunction')));
    expect(all.flatMap((st: any) => [st.Resource].flat()).filter((r: unknown) => JSON.stringify(r).includes('*'))).toEqual([]);
  });

  test('openapi from a file: an asset object the role may read (that object only), API key header without prefix', () => {
    const p = targetOf('policy-api', support());
    const uri = p.TargetConfiguration.Mcp.OpenApiSchema.S3.Uri;
    expect(JSON.stringify(uri)).toMatch(/s3:\/\/.*cdk-hnb659fds-assets-\$\{AWS::AccountId\}-eu-central-1.*\/[0-9a-f]{64}\.yaml/);
    const [provider] = only(resourcesOf('AWS::BedrockAgentCore::ApiKeyCredentialProvider').filter(([, r]) => r.Properties.Name === 'stateline-tool-policy-api'));
    expect(p.CredentialProviderConfigurations).toEqual([{
      CredentialProviderType: 'API_KEY',
      CredentialProvider: { ApiKeyCredentialProvider: { ProviderArn: { 'Fn::GetAtt': [provider, 'CredentialProviderArn'] }, CredentialLocation: 'HEADER', CredentialParameterName: 'X-Api-Key' } },
    }]);
    const reads = grantsOf(roleStatements(support()), 's3:GetObject');
    const objects = reads.flatMap((x) => [x.Resource].flat()).map((r) => JSON.stringify(r));
    expect(objects.filter((o) => /cdk-hnb659fds-assets-.*\/[0-9a-f]{64}\.yaml"\]\]\}$/.test(o))).toHaveLength(1);
    expect(objects.filter((o) => o.includes('*'))).toEqual([]);
    expect(reads.flatMap(actionsOf).sort()).toEqual(reads.map(() => 's3:GetObject'));
  });

  test('openapi from S3: the URI and bucket owner as given, API key in a query parameter with its prefix, the secret by reference', () => {
    const p = targetOf('rates', support());
    expect(p.TargetConfiguration.Mcp.OpenApiSchema.S3).toEqual({ Uri: 's3://acme-schemas/rates.json', BucketOwnerAccountId: ACCOUNT });
    expect(p.CredentialProviderConfigurations[0].CredentialProvider.ApiKeyCredentialProvider).toMatchObject({ CredentialLocation: 'QUERY_PARAMETER', CredentialParameterName: 'apikey', CredentialPrefix: 'Token ' });
    const [, provider] = only(resourcesOf('AWS::BedrockAgentCore::ApiKeyCredentialProvider').filter(([, r]) => r.Properties.Name === 'stateline-tool-rates'));
    expect(provider.Properties).toMatchObject({ ApiKeySecretSource: 'EXTERNAL', ApiKeySecretConfig: { SecretId: SECRET('rates'), JsonKey: 'key' } });
    expect(provider.Properties.ApiKey).toBeUndefined();
  });

  test('mcp: the endpoint, OAuth2 client credentials through a CustomOauth2 provider with an external secret; decrypt via Secrets Manager only', () => {
    const p = targetOf('docs', support());
    expect(p.TargetConfiguration).toEqual({ Mcp: { McpServer: { Endpoint: 'https://mcp.docs.example/mcp' } } });
    const [providerId, provider] = only(resourcesOf('AWS::BedrockAgentCore::OAuth2CredentialProvider').filter(([, r]) => r.Properties.Name === 'stateline-tool-docs'));
    expect(p.CredentialProviderConfigurations).toEqual([{
      CredentialProviderType: 'OAUTH',
      CredentialProvider: { OauthCredentialProvider: { ProviderArn: { 'Fn::GetAtt': [providerId, 'CredentialProviderArn'] }, Scopes: ['docs.read'], GrantType: 'CLIENT_CREDENTIALS' } },
    }]);
    expect(provider.Properties).toMatchObject({
      CredentialProviderVendor: 'CustomOauth2',
      Oauth2ProviderConfigInput: {
        CustomOauth2ProviderConfig: {
          ClientId: 'agent-docs', ClientSecretSource: 'EXTERNAL', ClientSecretConfig: { SecretId: SECRET('docs'), JsonKey: 'clientSecret' }, ClientAuthenticationMethod: 'CLIENT_SECRET_BASIC',
          OauthDiscovery: { AuthorizationServerMetadata: { Issuer: 'https://id.example.com', AuthorizationEndpoint: 'https://id.example.com/authorize', TokenEndpoint: 'https://id.example.com/token' } },
        },
      },
    });
    const decrypt = grantsOf(roleStatements(support()), 'kms:Decrypt').filter((st) => st.Resource === KEY);
    expect(decrypt).toEqual([expect.objectContaining({ Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.eu-central-1.', { Ref: 'AWS::URLSuffix' }]] } } } })]);
    // Token calls are pinned to the provider and this gateway's workload identity.
    const tokens = grantsOf(roleStatements(support()), 'bedrock-agentcore:GetResourceOauth2Token');
    expect(JSON.stringify(tokens)).toContain(providerId);
    expect(JSON.stringify(tokens)).toContain('workload-identity/stateline-support-agent-tools-*');
  });

  test('smithy: the model asset, IAM outbound, and exactly the listed actions on the listed resources', () => {
    const p = targetOf('orders-table', support());
    expect(p.CredentialProviderConfigurations).toEqual([{ CredentialProviderType: 'GATEWAY_IAM_ROLE' }]);
    expect(JSON.stringify(p.TargetConfiguration.Mcp.SmithyModel.S3.Uri)).toMatch(/[0-9a-f]{64}\.json/);
    const ddb = roleStatements(support()).filter((st) => actionsOf(st).some((a) => a.startsWith('dynamodb:')));
    expect(ddb).toEqual([{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: [`arn:aws:dynamodb:eu-central-1:${ACCOUNT}:table/orders`, `arn:aws:dynamodb:eu-central-1:${ACCOUNT}:table/orders/index/*`] }]);
  });

  test('every secret and credential is a reference: no ApiKey or ClientSecret value in the template', () => {
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/"ApiKey":|"ClientSecret":/);
  });
});

describe('the gateway boundary', () => {
  test('allows exactly the tools\' functions and Smithy actions on their resources, and still denies every model-invocation action', () => {
    const [supportId] = gatewayOf('stateline-support-agent-tools');
    const roleId = json.Resources[supportId].Properties.RoleArn['Fn::GetAtt'][0];
    const boundary = json.Resources[json.Resources[roleId].Properties.PermissionsBoundary.Ref].Properties.PolicyDocument.Statement;
    expect(boundary.filter((st: any) => /^ScopedTargets/.test(st.Sid))).toEqual([
      { Sid: 'ScopedTargets1', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [`arn:aws:lambda:eu-central-1:${ACCOUNT}:function:claims:live`, `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:order-lookup-tool`] },
      { Sid: 'ScopedTargets2', Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: [`arn:aws:dynamodb:eu-central-1:${ACCOUNT}:table/orders`, `arn:aws:dynamodb:eu-central-1:${ACCOUNT}:table/orders/index/*`] },
    ]);
    const deny = boundary.find((st: any) => st.Effect === 'Deny');
    expect(deny.Resource).toBe('*');
    for (const action of FORBIDDEN_ACTIONS) expect({ action, denied: actionsOf(deny).some((a) => actionRegex(a).test(action)) }).toEqual({ action, denied: true });
  });

  test('no identity policy anywhere grants a model-invocation action', () => {
    expect(modelInvocationGrants(json)).toEqual([]);
  });
});
