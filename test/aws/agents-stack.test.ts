/**
 * The AWS agent stack on the default topology, synthesized once (with cdk-nag) and asserted
 * resource by resource; a snapshot sits on top as a safety net.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HANDOVER } from '../../lib/topology/handover';
import type { Derived } from '../../lib/topology/derive';
import { deriveFrom, rawDefault } from '../helpers';
import { ASSET_KEY, evaluate, idsOf, modelInvocationGrants, stableTemplate, Synthesized, synthApp, synthVariant } from './support';

let derived: Derived;
let s: Synthesized;
let t: Template;
let json: any;

beforeAll(() => {
  derived = deriveFrom(rawDefault());
  s = synthApp(derived);
  t = s.template;
  json = s.json;
});

afterAll(() => fs.rmSync(s.outdir, { recursive: true, force: true }));

const resourcesOf = (type: string) => Object.entries<any>(json.Resources).filter(([, r]) => r.Type === type);
const ref = (id: string) => ({ Ref: id });

describe('cdk-nag (AwsSolutions) on the default topology', () => {
  test('synthesis passed with every finding acknowledged, and the report says so', () => {
    const report = JSON.parse(fs.readFileSync(path.join(s.outdir, 'validation-report.json'), 'utf8'));
    const failing = (report.pluginReports ?? []).filter((r: any) => r.conclusion === 'failure' || (r.violations ?? []).length > 0);
    expect(failing).toEqual([]);
  });

  test('the cloud assembly holds no machine paths (outdir, cwd, home)', () => {
    const needles = [s.outdir, process.cwd(), os.homedir()];
    for (const file of fs.readdirSync(s.outdir).filter((f) => f.endsWith('.json'))) {
      const text = fs.readFileSync(path.join(s.outdir, file), 'utf8');
      for (const n of needles) expect({ file, leaks: text.includes(n) }).toEqual({ file, leaks: false });
    }
  });
});

describe('network', () => {
  test('private isolated subnets pinned by AZ id to the AgentCore-supported zones, no internet path', () => {
    const subnets = resourcesOf('AWS::EC2::Subnet').map(([, r]) => r.Properties);
    expect(subnets.map((p) => p.AvailabilityZoneId)).toEqual(derived.aws.azIds);
    expect(derived.aws.azIds).toEqual(['euc1-az1', 'euc1-az2']);
    for (const p of subnets) {
      expect(p.AvailabilityZone).toBeUndefined();
      expect(p.MapPublicIpOnLaunch).toBe(false);
    }
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  test('VPC flow logs (all traffic) go to a KMS-encrypted log group with retention', () => {
    t.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    const [groupId] = resourcesOf('AWS::EC2::FlowLog').map(([, r]) => r.Properties.LogGroupName.Ref);
    expect(json.Resources[groupId].Properties).toMatchObject({ RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^KeysLogs/), 'Arn'] } });
  });

  test('interface endpoints: exactly the services a VPC-mode runtime needs, private DNS on', () => {
    const iface = resourcesOf('AWS::EC2::VPCEndpoint').map(([, r]) => r.Properties).filter((p) => p.VpcEndpointType === 'Interface');
    expect(iface.map((p) => p.ServiceName).sort()).toEqual([
      'bedrock-agentcore', 'bedrock-agentcore.gateway', 'ecr.api', 'ecr.dkr', 'kms', 'logs', 'monitoring', 'secretsmanager', 'sts', 'xray',
    ].map((n) => `com.amazonaws.eu-central-1.${n}`).sort());
    for (const p of iface) expect(p.PrivateDnsEnabled).toBe(true);
  });

  test('S3 and DynamoDB gateway endpoints on the private route tables', () => {
    const gw = resourcesOf('AWS::EC2::VPCEndpoint').map(([, r]) => r.Properties).filter((p) => p.VpcEndpointType === 'Gateway');
    expect(gw.map((p) => p.ServiceName).sort()).toEqual(['com.amazonaws.eu-central-1.dynamodb', 'com.amazonaws.eu-central-1.s3']);
    const routeTables = idsOf(json, 'AWS::EC2::RouteTable').map(ref);
    for (const p of gw) expect(p.RouteTableIds).toEqual(expect.arrayContaining(routeTables));
  });

  test('no endpoint, of any type, for bedrock-runtime, bedrock-mantle or sagemaker.runtime', () => {
    const names = resourcesOf('AWS::EC2::VPCEndpoint').map(([, r]) => String(r.Properties.ServiceName));
    for (const forbidden of ['bedrock-runtime', 'bedrock-mantle', 'sagemaker.runtime', 'bedrock-agent-runtime']) {
      expect(names.filter((n) => n.endsWith(`.${forbidden}`))).toEqual([]);
    }
  });

  test('the endpoint security group admits HTTPS from the VPC CIDR only', () => {
    const [sgId] = new Set(resourcesOf('AWS::EC2::VPCEndpoint').map(([, r]) => r.Properties.SecurityGroupIds?.[0]?.['Fn::GetAtt']?.[0]).filter(Boolean));
    expect(json.Resources[sgId].Properties.SecurityGroupIngress).toEqual([
      { CidrIp: '10.20.0.0/16', Description: 'HTTPS from the agent VPC', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 },
    ]);
  });

  test('no security group rule anywhere opens 0.0.0.0/0 or ::/0', () => {
    const rules = [
      ...resourcesOf('AWS::EC2::SecurityGroup').flatMap(([, r]) => [...(r.Properties.SecurityGroupIngress ?? []), ...(r.Properties.SecurityGroupEgress ?? [])]),
      ...resourcesOf('AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties),
      ...resourcesOf('AWS::EC2::SecurityGroupEgress').map(([, r]) => r.Properties),
    ];
    expect(rules.length).toBeGreaterThan(5);
    expect(rules.filter((r) => r.CidrIp === '0.0.0.0/0' || r.CidrIpv6 === '::/0')).toEqual([]);
  });
});

describe('agent runtime', () => {
  const runtime = () => resourcesOf('AWS::BedrockAgentCore::Runtime')[0][1].Properties;

  test('one runtime per agent, in VPC mode on the private subnets with its own security group', () => {
    t.resourceCountIs('AWS::BedrockAgentCore::Runtime', derived.aws.agents.length);
    const net = runtime().NetworkConfiguration;
    expect(net.NetworkMode).toBe('VPC');
    expect(net.NetworkModeConfig.Subnets).toEqual(idsOf(json, 'AWS::EC2::Subnet').map(ref));
    expect(net.NetworkModeConfig.SecurityGroups).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^AgentssupportagentRuntimeSecurityGroup/), 'GroupId'] }]);
  });

  test('image, protocol, lifecycle and name come from the topology', () => {
    const agent = derived.aws.agents[0];
    expect(runtime()).toMatchObject({
      AgentRuntimeName: agent.runtimeName,
      AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: agent.spec.image } },
      ProtocolConfiguration: 'HTTP',
      LifecycleConfiguration: { IdleRuntimeSessionTimeout: 900, MaxLifetime: 28800 },
    });
  });

  test('egress: HTTPS to endpoints and Azure serving spaces, DNS to the VPC resolver, nothing else', () => {
    const sgId = runtime().NetworkConfiguration.NetworkModeConfig.SecurityGroups[0]['Fn::GetAtt'][0];
    const inline = json.Resources[sgId].Properties.SecurityGroupEgress.map((r: any) => `${r.IpProtocol}/${r.ToPort} ${r.CidrIp}`);
    expect(inline.sort()).toEqual(['tcp/443 10.101.0.0/22', 'tcp/443 10.102.0.0/22', 'tcp/53 10.20.0.2/32', 'udp/53 10.20.0.2/32']);
    const standalone = resourcesOf('AWS::EC2::SecurityGroupEgress').map(([, r]) => r.Properties).filter((p) => p.GroupId['Fn::GetAtt'][0] === sgId);
    expect(standalone).toHaveLength(3);
    expect(standalone.every((p) => p.FromPort === 443 && p.ToPort === 443)).toBe(true);
    expect(standalone.filter((p) => p.DestinationPrefixListId)).toHaveLength(2);
    expect(standalone.filter((p) => p.DestinationSecurityGroupId)).toHaveLength(1);
  });

  test('environment: Azure serving endpoints and state stores, never a key', () => {
    const env = runtime().EnvironmentVariables;
    expect(Object.keys(env).sort()).toEqual([
      'AGENTCORE_MEMORY_ID', 'ARTIFACTS_BUCKET_NAME', 'ARTIFACTS_PREFIX', 'AZURE_AUTH_MODE', 'AZURE_CLIENT_ID', 'AZURE_SERVING',
      'AZURE_TENANT_ID', 'AZURE_TOKEN_PROVIDER', 'AZURE_TOKEN_SCOPE', 'STATELINE_AGENT', 'STATE_KEY_PREFIX', 'STATE_TABLE_NAME', 'TOOL_GATEWAY_URL',
    ]);
    // Exactly the endpoints that exist: the cluster's model server address where there is a cluster.
    expect(JSON.parse(env.AZURE_SERVING)).toEqual([
      {
        stamp: 'swedencentral', region: 'swedencentral', openAiEndpoint: 'https://stateline-sdc-ai.openai.azure.com/', cognitiveEndpoint: 'https://stateline-sdc-ai.cognitiveservices.azure.com/',
        deployments: derived.serving[0].spec.models.map((m) => m.name), modelServers: [{ cluster: 'llm', address: '10.101.1.36' }],
      },
      { stamp: 'francecentral', region: 'francecentral', openAiEndpoint: 'https://stateline-frc-ai.openai.azure.com/', cognitiveEndpoint: 'https://stateline-frc-ai.cognitiveservices.azure.com/', deployments: ['gpt-5-6-terra'] },
    ]);
    expect(env).toMatchObject({
      AZURE_AUTH_MODE: 'agentcore-identity-m2m',
      AZURE_TOKEN_PROVIDER: 'stateline-support_agent-entra',
      AZURE_TOKEN_SCOPE: 'https://cognitiveservices.azure.com/.default',
      AZURE_TENANT_ID: ref('AgentSupportAgentAzureTenantId'),
      AZURE_CLIENT_ID: ref('AgentSupportAgentAzureClientId'),
      STATE_TABLE_NAME: ref(idsOf(json, 'AWS::DynamoDB::Table')[0]),
      AGENTCORE_MEMORY_ID: { 'Fn::GetAtt': [idsOf(json, 'AWS::BedrockAgentCore::Memory')[0], 'MemoryId'] },
    });
  });

  test('tracing and application/usage logs are delivered', () => {
    const types = resourcesOf('AWS::Logs::DeliverySource').map(([, r]) => r.Properties.LogType).sort();
    expect(types).toEqual(['APPLICATION_LOGS', 'TRACES', 'USAGE_LOGS']);
    t.resourceCountIs('AWS::Logs::Delivery', 3);
  });

  test('the execution role is assumable only by AgentCore for this account and runtime name', () => {
    const roleId = runtime().RoleArn['Fn::GetAtt'][0];
    expect(json.Resources[roleId].Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({
      Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') },
        ArnLike: { 'aws:SourceArn': expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([`:runtime/${derived.aws.agents[0].runtimeName}*`])] }) },
      },
    })]);
  });

  test('Azure tokens: an Entra ID client-credentials provider in AgentCore Identity, its secret by reference only', () => {
    const [[providerId, provider]] = resourcesOf('AWS::BedrockAgentCore::OAuth2CredentialProvider');
    const [[secretId]] = resourcesOf('AWS::SecretsManager::Secret').filter(([id]) => /AzureTokensClientSecret/.test(id));
    const endpoint = (suffix: string) => ({ 'Fn::Join': ['', ['https://login.microsoftonline.com/', ref('AgentSupportAgentAzureTenantId'), suffix]] });
    expect(provider.Properties).toEqual(expect.objectContaining({
      Name: 'stateline-support_agent-entra',
      CredentialProviderVendor: 'CustomOauth2',
      Oauth2ProviderConfigInput: {
        CustomOauth2ProviderConfig: {
          ClientId: ref('AgentSupportAgentAzureClientId'),
          ClientSecretSource: 'EXTERNAL',
          ClientSecretConfig: { SecretId: ref(secretId), JsonKey: 'clientSecret' },
          ClientAuthenticationMethod: 'CLIENT_SECRET_POST',
          OauthDiscovery: { AuthorizationServerMetadata: { Issuer: endpoint('/v2.0'), AuthorizationEndpoint: endpoint('/oauth2/v2.0/authorize'), TokenEndpoint: endpoint('/oauth2/v2.0/token') } },
        },
      },
    }));
    // The secret is created with a random placeholder (the deploy writes the real one) and never carries a literal.
    expect(json.Resources[secretId].Properties).toMatchObject({ Name: 'stateline/agents/support_agent/entra-client-secret', KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^KeysSecrets/), 'Arn'] } });
    expect(json.Resources[secretId].Properties.SecretString).toBeUndefined();
    expect(json.Outputs.AgentSupportAgentClientSecretArn.Value).toEqual(ref(secretId));
    expect(json.Parameters.AgentSupportAgentAzureClientId).toMatchObject({ Type: 'String', AllowedPattern: expect.stringContaining('[0-9a-fA-F]{8}') });

    // The runtime role: tokens from exactly this provider, read on exactly this secret (decrypt only via Secrets Manager); no STS web identity.
    const roleId = runtime().RoleArn['Fn::GetAtt'][0];
    const policies = resourcesOf('AWS::IAM::Policy').filter(([, r]) => r.Properties.Roles.some((x: any) => x.Ref === roleId)).flatMap(([, r]) => r.Properties.PolicyDocument.Statement);
    const token = policies.find((st: any) => st.Sid === 'AzureTokenFromAgentCoreIdentity');
    expect(token.Action).toBe('bedrock-agentcore:GetResourceOauth2Token');
    expect(token.Resource).toEqual(expect.arrayContaining([{ 'Fn::GetAtt': [providerId, 'CredentialProviderArn'] }]));
    expect(token.Resource.filter((r: any) => JSON.stringify(r).includes('oauth2credentialprovider'))).toEqual([]);
    expect(policies.find((st: any) => st.Sid === 'ReadAzureClientSecret')).toEqual({ Sid: 'ReadAzureClientSecret', Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Resource: ref(secretId) });
    expect(policies.find((st: any) => st.Sid === 'DecryptAzureClientSecret').Condition.StringEquals['kms:ViaService']).toBeDefined();
    const all = resourcesOf('AWS::IAM::Policy').flatMap(([, r]) => r.Properties.PolicyDocument.Statement);
    expect(all.filter((st: any) => [st.Action].flat().includes('sts:GetWebIdentityToken'))).toEqual([]);
  });
});

describe('least privilege', () => {
  test('no IAM statement in the template allows a model-invocation action (wildcards included)', () => {
    expect(modelInvocationGrants(json)).toEqual([]);
  });

  test('runtime and memory roles carry the agent boundary, the tool gateway role its own; both deny model invocation', () => {
    const boundaryIds = idsOf(json, 'AWS::IAM::ManagedPolicy').sort();
    expect(boundaryIds).toEqual([expect.stringMatching(/^AgentBoundary/), expect.stringMatching(/^ToolssupportagentBoundary/)]);
    const [agentBoundary, toolBoundary] = boundaryIds;
    const bounded = resourcesOf('AWS::IAM::Role').filter(([, r]) => r.Properties.PermissionsBoundary).map(([id, r]) => [id, r.Properties.PermissionsBoundary.Ref]).sort();
    expect(bounded).toEqual([
      [expect.stringMatching(/^AgentssupportagentMemory.*ServiceRole/), agentBoundary],
      [expect.stringMatching(/^AgentssupportagentRuntimeExecutionRole/), agentBoundary],
      [expect.stringMatching(/^ToolssupportagentServiceRole/), toolBoundary],
    ]);
    for (const id of boundaryIds) {
      const deny = json.Resources[id].Properties.PolicyDocument.Statement.find((st: any) => st.Effect === 'Deny');
      expect(deny.Resource).toBe('*');
      expect(deny.Action).toEqual(expect.arrayContaining(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock-mantle:*', 'sagemaker:InvokeEndpoint*', 'bedrock:InvokeAgent']));
    }
    // The agent boundary does not allow invoking functions; the gateway's allows exactly the tool's function.
    const allows = (id: string) => json.Resources[id].Properties.PolicyDocument.Statement.filter((st: any) => st.Effect === 'Allow');
    expect(allows(agentBoundary).flatMap((st: any) => [st.Action].flat()).filter((a: string) => a.startsWith('lambda:'))).toEqual([]);
    expect(allows(toolBoundary).filter((st: any) => [st.Action].flat().includes('lambda:InvokeFunction'))).toEqual([
      { Sid: 'ScopedTargets1', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:eu-central-1:123456789012:function:order-lookup-tool' },
    ]);
  });

  test('lambda:InvokeFunction is granted only on exact function ARNs: no "*" resource, no qualifier wildcard', () => {
    const grants = resourcesOf('AWS::IAM::Policy').flatMap(([id, r]) => r.Properties.PolicyDocument.Statement.map((st: any) => ({ id, st })))
      .filter(({ st }) => st.Effect === 'Allow' && [st.Action].flat().some((a: string) => /^lambda:(InvokeFunction|Invoke\*|\*)$|^\*$/.test(a)));
    expect(grants.map(({ id, st }) => [id, st.Resource])).toEqual([[expect.stringMatching(/^ToolssupportagentServiceRoleDefaultPolicy/), 'arn:aws:lambda:eu-central-1:123456789012:function:order-lookup-tool']]);
  });

  test('the runtime role also carries the explicit Deny inline (defence in depth)', () => {
    const roleId = resourcesOf('AWS::BedrockAgentCore::Runtime')[0][1].Properties.RoleArn['Fn::GetAtt'][0];
    const statements = resourcesOf('AWS::IAM::Policy').filter(([, r]) => r.Properties.Roles.some((x: any) => x.Ref === roleId)).flatMap(([, r]) => r.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'DenyModelInvocation', Effect: 'Deny' }));
  });

  test('state access is confined to the agent partition (dynamodb:LeadingKeys) and has no Scan', () => {
    const statements = resourcesOf('AWS::IAM::Policy').flatMap(([, r]) => r.Properties.PolicyDocument.Statement);
    const ddb = statements.filter((st: any) => [st.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
    expect(ddb).toHaveLength(1);
    expect(ddb[0].Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['support_agent#*'] } });
    expect(ddb[0].Action).not.toContain('dynamodb:Scan');
  });
});

describe('memory', () => {
  test('short-term only: no built-in or override strategy, CMK, expiry from the topology', () => {
    t.resourceCountIs('AWS::BedrockAgentCore::Memory', 1);
    t.hasResourceProperties('AWS::BedrockAgentCore::Memory', {
      Name: derived.aws.agents[0].memoryName,
      EventExpiryDuration: 30,
      EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysData'), 'Arn'] },
      MemoryStrategies: Match.absent(),
    });
  });
});

describe('state and tools', () => {
  test('state table: on-demand, PITR, CMK, TTL, deletion protection, retained', () => {
    t.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysData'), 'Arn'] } },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        DeletionProtectionEnabled: true,
      },
    });
  });

  test('artifacts bucket: CMK, versioned, private, TLS-only, access-logged, retained', () => {
    const [logBucketId] = resourcesOf('AWS::S3::Bucket').filter(([, r]) => !r.Properties.LoggingConfiguration).map(([id]) => id);
    t.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysData'), 'Arn'] } } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LoggingConfiguration: { DestinationBucketName: ref(logBucketId), LogFilePrefix: 'artifacts/' },
      },
    });
    // The log bucket is SSE-S3 (server access logging cannot deliver to SSE-KMS buckets) and also private.
    expect(json.Resources[logBucketId].Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
  });

  test('every bucket policy denies non-TLS requests', () => {
    const policies = resourcesOf('AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(2);
    for (const [, p] of policies) {
      expect(p.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
  });

  test("the agent's tool gateway holds its one Lambda tool: IAM outbound, the tool schema inline", () => {
    t.resourceCountIs('AWS::BedrockAgentCore::Gateway', 1);
    const [[gatewayId, gateway]] = resourcesOf('AWS::BedrockAgentCore::Gateway');
    expect(gateway.Properties.Name).toBe('stateline-support-agent-tools');
    const targets = resourcesOf('AWS::BedrockAgentCore::GatewayTarget');
    expect(targets).toHaveLength(1);
    expect(targets[0][1].Properties).toEqual({
      Name: 'order-lookup',
      Description: 'Order status and shipping events from the order service',
      GatewayIdentifier: { 'Fn::GetAtt': [gatewayId, 'GatewayIdentifier'] },
      CredentialProviderConfigurations: [{ CredentialProviderType: 'GATEWAY_IAM_ROLE' }],
      TargetConfiguration: {
        Mcp: {
          Lambda: {
            LambdaArn: 'arn:aws:lambda:eu-central-1:123456789012:function:order-lookup-tool',
            ToolSchema: {
              InlinePayload: [{
                Name: 'get_order', Description: 'Returns an order with its status and shipping events',
                InputSchema: { Type: 'object', Properties: { orderId: { Type: 'string', Description: 'Order number, e.g. A-10042' } }, Required: ['orderId'] },
              }],
            },
          },
        },
      },
    });
    // The runtime may invoke exactly its own gateway and finds it in its environment.
    const env = resourcesOf('AWS::BedrockAgentCore::Runtime')[0][1].Properties.EnvironmentVariables;
    expect(env.TOOL_GATEWAY_URL).toEqual({ 'Fn::GetAtt': [gatewayId, 'GatewayUrl'] });
    const invoke = resourcesOf('AWS::IAM::Policy').flatMap(([, r]) => r.Properties.PolicyDocument.Statement).filter((st: any) => [st.Action].flat().includes('bedrock-agentcore:InvokeGateway'));
    expect(invoke.map((st: any) => st.Resource)).toEqual([{ 'Fn::GetAtt': [gatewayId, 'GatewayArn'] }]);
    // No credential provider for IAM-authenticated tools.
    t.resourceCountIs('AWS::BedrockAgentCore::ApiKeyCredentialProvider', 0);
  });

  test('tool gateway: IAM inbound auth, CMK, no Cognito, no semantic (model-backed) search', () => {
    t.hasResourceProperties('AWS::BedrockAgentCore::Gateway', {
      AuthorizerType: 'AWS_IAM',
      AuthorizerConfiguration: Match.absent(),
      KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysData'), 'Arn'] },
      ProtocolType: 'MCP',
      ProtocolConfiguration: { Mcp: { SupportedVersions: Match.anyValue(), SearchType: Match.absent() } },
    });
    expect(Object.values<any>(json.Resources).filter((r) => r.Type.startsWith('AWS::Cognito::'))).toEqual([]);
  });

  test('customer-managed keys rotate and are retained', () => {
    const keys = resourcesOf('AWS::KMS::Key');
    expect(keys).toHaveLength(3);
    for (const [, k] of keys) expect(k).toMatchObject({ DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
  });
});

describe('VPN link (AWS half)', () => {
  const connections = () => resourcesOf('AWS::EC2::VPNConnection').map(([id, r]) => ({ id, p: r.Properties }));

  test('a virtual private gateway with the Amazon-side ASN, attached, propagating to the private route tables', () => {
    t.resourceCountIs('AWS::EC2::VPNGateway', 1);
    t.hasResourceProperties('AWS::EC2::VPNGateway', { Type: 'ipsec.1', AmazonSideAsn: 64512 });
    t.resourceCountIs('AWS::EC2::VPCGatewayAttachment', 1);
    t.hasResourceProperties('AWS::EC2::VPNGatewayRoutePropagation', { RouteTableIds: idsOf(json, 'AWS::EC2::RouteTable').map(ref) });
    t.resourceCountIs('AWS::EC2::TransitGateway', 0);
  });

  test('two customer gateways from the hand-over parameters, with the Azure ASN', () => {
    const cgws = resourcesOf('AWS::EC2::CustomerGateway').map(([, r]) => r.Properties);
    expect(cgws).toEqual(HANDOVER.awsGatewayIpParameters.map((p) => expect.objectContaining({ Type: 'ipsec.1', BgpAsn: 65010, IpAddress: ref(p) })));
    for (const p of HANDOVER.awsGatewayIpParameters) {
      const pattern = new RegExp(json.Parameters[p].AllowedPattern);
      expect(json.Parameters[p].Type).toBe('String');
      expect(['20.91.10.4', '255.255.255.255'].every((ip) => pattern.test(ip))).toBe(true);
      expect(['256.1.1.1', '1.2.3', '1.2.3.4/32', 'example.com', ''].some((ip) => pattern.test(ip))).toBe(false);
    }
  });

  test('2 BGP connections x 2 tunnels, inside CIDRs exactly as the tunnel plan', () => {
    const conns = connections();
    expect(conns).toHaveLength(2);
    conns.forEach(({ p }, c) => {
      expect(p).toMatchObject({ Type: 'ipsec.1', StaticRoutesOnly: false, CustomerGatewayId: { 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^LinkCustomerGateway${c + 1}`)), 'CustomerGatewayId'] } });
      expect(p.VpnTunnelOptionsSpecifications.map((o: any) => o.TunnelInsideCidr)).toEqual(derived.link.tunnels.filter((x) => x.connection === c).map((x) => x.insideCidr));
    });
    expect(conns.flatMap(({ p }) => p.VpnTunnelOptionsSpecifications.map((o: any) => o.TunnelInsideCidr))).toEqual(['169.254.21.0/30', '169.254.22.0/30', '169.254.21.4/30', '169.254.22.4/30']);
  });

  test('every tunnel: IKEv2 and the shared IPsec suite, DPD, tunnel and BGP logs', () => {
    for (const { p } of connections()) {
      for (const o of p.VpnTunnelOptionsSpecifications) {
        expect(o).toMatchObject({
          IKEVersions: [{ Value: 'ikev2' }],
          Phase1EncryptionAlgorithms: [{ Value: 'AES256' }], Phase1IntegrityAlgorithms: [{ Value: 'SHA2-256' }], Phase1DHGroupNumbers: [{ Value: 14 }], Phase1LifetimeSeconds: 28800,
          Phase2EncryptionAlgorithms: [{ Value: 'AES256' }], Phase2IntegrityAlgorithms: [{ Value: 'SHA2-256' }], Phase2DHGroupNumbers: [{ Value: 14 }], Phase2LifetimeSeconds: 3600,
          DPDTimeoutSeconds: 45, DPDTimeoutAction: 'restart',
          LogOptions: { CloudwatchLogOptions: { LogEnabled: true, BgpLogEnabled: true, LogOutputFormat: 'json' } },
        });
      }
    }
  });

  test('pre-shared keys: generated and kept by Site-to-Site VPN in Secrets Manager, never in the template', () => {
    for (const { p } of connections()) {
      expect(p.PreSharedKeyStorage).toBe('SecretsManager');
      for (const o of p.VpnTunnelOptionsSpecifications) expect(o.PreSharedKey).toBeUndefined();
    }
    // No secrets of our own for the keys (the VPN service owns them), so none can drift from the tunnels.
    expect(resourcesOf('AWS::SecretsManager::Secret').filter(([id]) => id.startsWith('Link'))).toEqual([]);
  });

  test('hand-over outputs: outside IPs and the PSK secret ARN of each tunnel, both from the lookup', () => {
    expect(Object.keys(json.Outputs)).toEqual(expect.arrayContaining([...HANDOVER.awsTunnelOutsideIpOutputs, ...HANDOVER.awsTunnelPskSecretOutputs]));
    for (const name of HANDOVER.awsTunnelPskSecretOutputs) {
      expect(JSON.stringify(json.Outputs[name].Value)).toMatch(/"Fn::GetAtt":\["TunnelOutsideIps[A-Za-z0-9]+","VpnConnections\.[01]\.PreSharedKeyArn"\]/);
    }
  });

  test("PSK secret ARNs are matched to the plan by inside CIDR: each tunnel gets its own connection's secret", () => {
    // Connections returned in reverse order: index 0 is connection 2 (tunnels 169.254.x.4/30).
    const response: Record<string, string> = {
      'VpnConnections.0.Options.TunnelOptions.0.TunnelInsideCidr': '169.254.22.4/30',
      'VpnConnections.0.Options.TunnelOptions.1.TunnelInsideCidr': '169.254.21.4/30',
      'VpnConnections.1.Options.TunnelOptions.0.TunnelInsideCidr': '169.254.21.0/30',
      'VpnConnections.1.Options.TunnelOptions.1.TunnelInsideCidr': '169.254.22.0/30',
      'VpnConnections.0.PreSharedKeyArn': 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:s2svpn!vpn-conn2-AbCdEf',
      'VpnConnections.1.PreSharedKeyArn': 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:s2svpn!vpn-conn1-GhIjKl',
    };
    const arns = HANDOVER.awsTunnelPskSecretOutputs.map((n) => evaluate(json.Outputs[n].Value, (_id, attr) => response[attr]));
    expect(arns).toEqual([response['VpnConnections.1.PreSharedKeyArn'], response['VpnConnections.1.PreSharedKeyArn'], response['VpnConnections.0.PreSharedKeyArn'], response['VpnConnections.0.PreSharedKeyArn']]);
  });

  test('outside IPs are matched to the plan by inside CIDR, whatever order EC2 returns the tunnels in', () => {
    // A DescribeVpnConnections response with the connections and their tunnels shuffled.
    const response: Record<string, string> = {};
    const returned = [['169.254.22.4/30', '3.0.0.4'], ['169.254.21.4/30', '3.0.0.3'], ['169.254.22.0/30', '3.0.0.2'], ['169.254.21.0/30', '3.0.0.1']];
    returned.forEach(([cidr, ip], i) => {
      const prefix = `VpnConnections.${Math.floor(i / 2)}.Options.TunnelOptions.${i % 2}`;
      response[`${prefix}.TunnelInsideCidr`] = cidr;
      response[`${prefix}.OutsideIpAddress`] = ip;
    });
    const values = HANDOVER.awsTunnelOutsideIpOutputs.map((n) => evaluate(json.Outputs[n].Value, (_id, attr) => response[attr]));
    expect(values).toEqual(['3.0.0.1', '3.0.0.2', '3.0.0.3', '3.0.0.4']);
    const missing: Record<string, string> = { ...response, 'VpnConnections.0.Options.TunnelOptions.0.TunnelInsideCidr': '169.254.30.0/30' };
    expect(() => evaluate(json.Outputs.Tunnel4OutsideIp.Value, (_id, attr) => missing[attr])).toThrow(/out of range/);
  });

  test('the lookup calls DescribeVpnConnections for both connections and may do nothing else', () => {
    const [, cr] = resourcesOf('Custom::AWS').find(([id]) => id.startsWith('TunnelOutsideIps'))!;
    const create = JSON.stringify(cr.Properties.Create);
    expect(create).toContain('\\"action\\":\\"describeVpnConnections\\"');
    for (const { id } of connections()) expect(create).toContain(JSON.stringify({ 'Fn::GetAtt': [id, 'VpnConnectionId'] }));
    expect(cr.Properties.InstallLatestAwsSdk).toBe(false);
    const policy = resourcesOf('AWS::IAM::Policy').find(([id]) => id.startsWith('TunnelOutsideIps'))![1];
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{ Action: 'ec2:DescribeVpnConnections', Effect: 'Allow', Resource: '*' }]);
  });
});

describe('cross-cloud DNS', () => {
  test('outbound resolver endpoint: two IPs in two subnets, DNS only to the Azure inbound resolver', () => {
    const [[, ep]] = resourcesOf('AWS::Route53Resolver::ResolverEndpoint');
    expect(ep.Properties.Direction).toBe('OUTBOUND');
    expect(ep.Properties.IpAddresses).toEqual(idsOf(json, 'AWS::EC2::Subnet').map((id) => ({ SubnetId: ref(id) })));
    const sgId = ep.Properties.SecurityGroupIds[0]['Fn::GetAtt'][0];
    const egress = json.Resources[sgId].Properties.SecurityGroupEgress.map((r: any) => `${r.IpProtocol}/${r.FromPort}-${r.ToPort} ${r.CidrIp}`);
    expect(egress.sort()).toEqual([`tcp/53-53 ${derived.dns.resolverInboundIp}/32`, `udp/53-53 ${derived.dns.resolverInboundIp}/32`]);
  });

  test('a FORWARD rule per forwarded zone to the Azure resolver IP, each associated with the VPC', () => {
    const rules = resourcesOf('AWS::Route53Resolver::ResolverRule').map(([, r]) => r.Properties);
    expect(rules.map((r) => r.DomainName).sort()).toEqual([...derived.dns.forwardedZones].sort());
    for (const r of rules) expect(r).toMatchObject({ RuleType: 'FORWARD', TargetIps: [{ Ip: derived.dns.resolverInboundIp, Port: '53' }] });
    const vpcId = idsOf(json, 'AWS::EC2::VPC')[0];
    const assoc = resourcesOf('AWS::Route53Resolver::ResolverRuleAssociation').map(([, r]) => r.Properties);
    expect(assoc).toHaveLength(rules.length);
    for (const a of assoc) expect(a.VPCId).toEqual(ref(vpcId));
  });

  test('DNS firewall answers NXDOMAIN for AWS model endpoints, on the agent VPC', () => {
    const [[listId, list]] = resourcesOf('AWS::Route53Resolver::FirewallDomainList');
    expect(list.Properties.Domains).toEqual(expect.arrayContaining([
      'bedrock-runtime.eu-central-1.amazonaws.com', '*.bedrock-runtime.eu-central-1.amazonaws.com',
      'bedrock-mantle.eu-central-1.api.aws', 'runtime.sagemaker.eu-central-1.amazonaws.com', 'bedrock-runtime.us-east-1.amazonaws.com',
    ]));
    // DNS Firewall accepts `*` only as a leading `*.`.
    expect(list.Properties.Domains.filter((d: string) => d.slice(1).includes('*') || (d.startsWith('*') && !d.startsWith('*.')))).toEqual([]);
    t.hasResourceProperties('AWS::Route53Resolver::FirewallRuleGroup', {
      FirewallRules: [{ Action: 'BLOCK', BlockResponse: 'NXDOMAIN', FirewallDomainListId: { 'Fn::GetAtt': [listId, 'Id'] }, Priority: 100 }],
    });
    t.hasResourceProperties('AWS::Route53Resolver::FirewallRuleGroupAssociation', { VpcId: ref(idsOf(json, 'AWS::EC2::VPC')[0]), Priority: 101 });
  });
});

describe('stability', () => {
  test('changing only aws.asn changes only the VGW AmazonSideAsn', () => {
    const raw = rawDefault();
    raw.aws.asn = 64600;
    const other = synthVariant(deriveFrom(raw)).toJSON();
    const diffs: string[] = [];
    const walk = (a: any, b: any, at: string) => {
      if (JSON.stringify(a) === JSON.stringify(b)) return;
      if (a && b && typeof a === 'object' && typeof b === 'object') {
        for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], `${at}/${k}`);
      } else diffs.push(`${at}: ${a} -> ${b}`);
    };
    walk(json, other, '');
    expect(diffs).toEqual([`/Resources/${idsOf(json, 'AWS::EC2::VPNGateway')[0]}/Properties/AmazonSideAsn: 64512 -> 64600`]);
  });

  test('Lambda assets are content-hashed code from aws-cdk-lib, identical across syntheses', () => {
    const keys = resourcesOf('AWS::Lambda::Function').map(([, r]) => r.Properties.Code.S3Key);
    expect(keys).toHaveLength(2);
    for (const k of keys) expect(k).toMatch(ASSET_KEY);
    const again = synthVariant(derived).toJSON();
    expect(Object.values<any>(again.Resources).filter((r) => r.Type === 'AWS::Lambda::Function').map((r) => r.Properties.Code.S3Key)).toEqual(keys);
  });

  test('template snapshot (safety net on top of the assertions above)', () => {
    expect(stableTemplate(json)).toMatchSnapshot();
  });
});
