/** Construct-level checks on tiny stacks: validation branches and details the stack tests do not reach. */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AgentEndpoints } from '../../lib/aws/vpc-endpoints';
import { AgentMemory } from '../../lib/aws/agent-memory';
import { AgentNetwork } from '../../lib/aws/agent-network';
import { AgentRuntime } from '../../lib/aws/agent-runtime';
import { AzureTokenProvider } from '../../lib/aws/azure-token-provider';
import { DnsForwarding } from '../../lib/aws/dns-forwarding';
import { ModelEndpointDnsFirewall, modelEndpointDomains } from '../../lib/aws/dns-firewall';
import { awsTunnelCrypto } from '../../lib/aws/ipsec-options';
import { AZURE_IPSEC_POLICY, IPSEC_PROPOSAL } from '../../lib/topology/ipsec';
import { PlatformKeys } from '../../lib/aws/platform-keys';
import { StateStore } from '../../lib/aws/state-store';
import { ToolGateway } from '../../lib/aws/tool-gateway';
import { VpnLink } from '../../lib/aws/vpn-link';
import { AWS_REGIONS } from '../../lib/topology/regions';
import { AWS_APP_CONTEXT } from '../../stacks/aws-app';
import { deriveFrom, rawDefault } from '../helpers';

const derived = deriveFrom(rawDefault());
const tiny = () => new Stack(new App({ context: { ...AWS_APP_CONTEXT } }), 'Tiny', { env: { region: 'eu-central-1' } });
const network = (stack: Stack, azIds = ['euc1-az1', 'euc1-az2']) =>
  new AgentNetwork(stack, 'Network', { cidr: '10.20.0.0/16', azIds, logsKey: new kms.Key(stack, 'LogsKey') });

describe('AgentRuntime validation', () => {
  function runtimeWith(spec: Partial<typeof derived.aws.agents[number]['spec']>): () => AgentRuntime {
    return () => {
      const stack = tiny();
      const key = new kms.Key(stack, 'Key');
      const net = network(stack);
      const endpoints = new AgentEndpoints(stack, 'Endpoints', { vpc: net.vpc, subnets: net.privateSubnets, logsKey: key, perimeter: { imageRepositoryArns: [] } });
      const state = new StateStore(stack, 'State', { encryptionKey: key });
      const plan = derived.aws.agents[0];
      const ids = { tenantId: '11111111-1111-1111-1111-111111111111', clientId: '22222222-2222-2222-2222-222222222222' };
      const tokens = new AzureTokenProvider(stack, 'Tokens', { agent: plan, ...ids, secretsKey: key });
      return new AgentRuntime(stack, 'Runtime', {
        agent: { ...plan, spec: { ...plan.spec, ...spec } },
        vpc: net.vpc, subnets: net.privateSubnets, endpoints, dnsResolverIp: net.dnsResolverIp, serving: derived.serving,
        memory: new AgentMemory(stack, 'Memory', { memoryName: plan.memoryName, eventExpiryDays: 30, encryptionKey: key }),
        state, tools: new ToolGateway(stack, 'Tools', { gatewayName: 'tools', encryptionKey: key }), logsKey: key,
        tokens, azureTenantId: ids.tenantId, azureClientId: ids.clientId,
      });
    };
  }

  test('the default agent builds', () => {
    expect(runtimeWith({})).not.toThrow();
  });

  test('an image in another region fails: the VPC has ECR endpoints for its own region only', () => {
    expect(runtimeWith({ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1' })).toThrow(/image: .* is in us-east-1, but the agent VPC \(eu-central-1\)/);
  });

  test('an idle timeout longer than the max lifetime fails, with both problems reported at once', () => {
    expect(runtimeWith({ idleTimeoutSeconds: 3600, maxLifetimeSeconds: 600, image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1' }))
      .toThrow(/us-east-1[\s\S]*idleTimeoutSeconds: 3600 exceeds maxLifetimeSeconds 600/);
  });
});

test('StateStore builds without stateline\'s app context too (log delivery by ACL then)', () => {
  const stack = new Stack(new App(), 'Plain', { env: { region: 'eu-central-1' } });
  new StateStore(stack, 'State', { encryptionKey: new kms.Key(stack, 'K') });
  const t = Template.fromStack(stack);
  t.hasResourceProperties('AWS::S3::Bucket', { OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } });
});

describe('AgentMemory validation', () => {
  test.each([[6], [366]])('eventExpiryDays %d fails', (days) => {
    const stack = tiny();
    expect(() => new AgentMemory(stack, 'M', { memoryName: 'm', eventExpiryDays: days, encryptionKey: new kms.Key(stack, 'K') })).toThrow(/outside 7-365/);
  });

  test('self-managed needs the access-log bucket for its payload bucket', () => {
    const stack = tiny();
    expect(() => new AgentMemory(stack, 'M', { memoryName: 'm', eventExpiryDays: 30, longTerm: 'self-managed', encryptionKey: new kms.Key(stack, 'K') }))
      .toThrow(/accessLogsBucket: required with longTerm "self-managed"/);
  });
});

describe('AgentEndpoints', () => {
  test.each([['bedrock-runtime'], ['bedrock-mantle'], ['sagemaker.runtime']])('refuses an interface endpoint for %s', (service) => {
    const stack = tiny();
    const net = network(stack);
    expect(() => new AgentEndpoints(stack, 'E', { vpc: net.vpc, subnets: net.privateSubnets, logsKey: new kms.Key(stack, 'K'), interfaceServices: ['logs', service], perimeter: { imageRepositoryArns: [] } }))
      .toThrow(new RegExp(`must not contain model endpoints \\(${service.replace('.', '\\.')}\\)`));
  });
});

describe('VpnLink validation', () => {
  test('one Azure gateway IP and equal ASNs are both reported', () => {
    const stack = tiny();
    const net = network(stack);
    const key = new kms.Key(stack, 'K');
    expect(() => new VpnLink(stack, 'Link', {
      vpc: net.vpc, subnets: net.privateSubnets, privateRouteTableIds: net.privateRouteTableIds,
      link: { ...derived.link, awsAsn: 65010 }, azureGatewayIps: ['1.2.3.4'], azureAddressSpaces: [], logsKey: key,
    })).toThrow(/azureGatewayIps: 1 given, need 2[\s\S]*AWS ASN 65010 equals the Azure ASN/);
  });
});

describe('DnsForwarding validation', () => {
  test('needs two zones for the two endpoint IPs', () => {
    const stack = tiny();
    const net = network(stack, ['euc1-az1']);
    expect(() => new DnsForwarding(stack, 'D', { vpc: net.vpc, subnets: net.privateSubnets, zones: ['openai.azure.com'], targetIp: '10.100.0.36', namePrefix: 'x' }))
      .toThrow(/subnets in two zones, got 1/);
  });

  test('needs an IPv4 target', () => {
    const stack = tiny();
    const net = network(stack);
    expect(() => new DnsForwarding(stack, 'D', { vpc: net.vpc, subnets: net.privateSubnets, zones: ['openai.azure.com'], targetIp: 'resolver.local', namePrefix: 'x' }))
      .toThrow(/targetIp "resolver.local" is not an IPv4 address/);
  });
});

describe('ModelEndpointDnsFirewall', () => {
  test('blocks each model host exactly and with a leading *. only', () => {
    expect(modelEndpointDomains(['eu-central-1'])).toEqual([
      '*.bedrock-agent-runtime-fips.eu-central-1.amazonaws.com', '*.bedrock-agent-runtime.eu-central-1.amazonaws.com',
      '*.bedrock-mantle.eu-central-1.api.aws', '*.bedrock-runtime-fips.eu-central-1.amazonaws.com', '*.bedrock-runtime.eu-central-1.amazonaws.com',
      '*.runtime-fips.sagemaker.eu-central-1.amazonaws.com', '*.runtime.sagemaker.eu-central-1.amazonaws.com',
      'bedrock-agent-runtime-fips.eu-central-1.amazonaws.com', 'bedrock-agent-runtime.eu-central-1.amazonaws.com',
      'bedrock-mantle.eu-central-1.api.aws', 'bedrock-runtime-fips.eu-central-1.amazonaws.com', 'bedrock-runtime.eu-central-1.amazonaws.com',
      'runtime-fips.sagemaker.eu-central-1.amazonaws.com', 'runtime.sagemaker.eu-central-1.amazonaws.com',
    ]);
    const all = modelEndpointDomains(AWS_REGIONS);
    expect(all).toHaveLength(AWS_REGIONS.length * 14);
    expect(all.every((d) => /^(\*\.)?[a-z0-9.-]+$/.test(d) && d.length <= 255)).toBe(true);
  });

  test('rejects an association priority DNS Firewall does not accept', () => {
    const stack = tiny();
    const net = network(stack);
    expect(() => new ModelEndpointDnsFirewall(stack, 'F', { vpc: net.vpc, regions: ['eu-central-1'], namePrefix: 'x', priority: 100 })).toThrow(/priority 100 is outside 101-9900/);
  });
});

describe('ToolGateway', () => {
  test('rejects a name AgentCore does not accept', () => {
    const stack = tiny();
    expect(() => new ToolGateway(stack, 'G', { gatewayName: 'tools.v1', encryptionKey: new kms.Key(stack, 'K') })).toThrow(/gatewayName "tools.v1"/);
  });
  test('rejects an uppercase name: gateway ids are lowercase, and grants derived from the name must match them', () => {
    const stack = tiny();
    expect(() => new ToolGateway(stack, 'G', { gatewayName: 'acme-SupportAgent-tools', encryptionKey: new kms.Key(stack, 'K') }))
      .toThrow(/gatewayName "acme-SupportAgent-tools" must be lowercase: gateway ids are lowercase-only/);
  });
});

describe('PlatformKeys', () => {
  test('the logs key lets only CloudWatch Logs of this region use it, for this account\'s log groups', () => {
    const stack = tiny();
    new PlatformKeys(stack, 'Keys', { aliasPrefix: 'x' });
    const t = Template.fromStack(stack);
    const [logsKey] = Object.values<any>(t.findResources('AWS::KMS::Key')).filter((k) => k.Properties.Description.includes('CloudWatch Logs'));
    expect(logsKey.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({
      Sid: 'AllowCloudWatchLogs',
      Principal: { Service: 'logs.eu-central-1.amazonaws.com' },
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:aws:logs:eu-central-1:', { Ref: 'AWS::AccountId' }, ':log-group:*']] } } },
    }));
    t.resourceCountIs('AWS::KMS::Alias', 3);
  });
});

test('tunnel crypto is the shared proposal (lib/topology/ipsec.ts) that Azure\'s ipsec_policy uses too', () => {
  const o = awsTunnelCrypto();
  expect(o).toMatchObject({
    ikeVersions: [{ value: 'ikev2' }],
    phase1EncryptionAlgorithms: [{ value: 'AES256' }], phase1IntegrityAlgorithms: [{ value: 'SHA2-256' }],
    phase1DhGroupNumbers: [{ value: IPSEC_PROPOSAL.phase1.dhGroup }], phase1LifetimeSeconds: IPSEC_PROPOSAL.phase1.lifetimeSeconds,
    phase2EncryptionAlgorithms: [{ value: 'AES256' }], phase2IntegrityAlgorithms: [{ value: 'SHA2-256' }],
    phase2DhGroupNumbers: [{ value: IPSEC_PROPOSAL.phase2.pfsDhGroup }], phase2LifetimeSeconds: AZURE_IPSEC_POLICY.saLifetime,
    dpdTimeoutSeconds: IPSEC_PROPOSAL.dpdTimeoutSeconds,
  });
  // Azure PFS2048 = DH group 14; IKE SA lifetime on Azure is fixed at 28800 s.
  expect([AZURE_IPSEC_POLICY.pfsGroup, o.phase2DhGroupNumbers]).toEqual(['PFS2048', [{ value: 14 }]]);
  expect(o.phase1LifetimeSeconds).toBe(28800);
});

test('subnet placement uses AZ ids, never AZ names', () => {
  const stack = tiny();
  network(stack, ['euc1-az3', 'euc1-az1']);
  const subnets = Object.values<any>(Template.fromStack(stack).findResources('AWS::EC2::Subnet')).map((s) => s.Properties);
  expect(subnets.map((s) => [s.AvailabilityZoneId, s.AvailabilityZone])).toEqual([['euc1-az3', undefined], ['euc1-az1', undefined]]);
  expect(ec2.SubnetType.PRIVATE_ISOLATED).toBe('Isolated');
});
