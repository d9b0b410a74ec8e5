import { validateTopology } from '../../lib/topology/validate';
import { derive } from '../../lib/topology/derive';
import { DEFAULT_TOPOLOGY } from '../../lib/topology/default';
import type { Problem } from '../../lib/topology/problems';
import { rawDefault } from '../helpers';

function problemsOf(mutate: (t: any) => void): Problem[] {
  const t = rawDefault();
  mutate(t);
  const r = validateTopology(t);
  if (r.ok) throw new Error('expected the topology to be invalid');
  return [...r.problems];
}

/** Asserts one problem names `path`, carries the bad `value` and explains with `message`. */
function expectProblem(problems: Problem[], path: string, message: RegExp | string, value?: unknown) {
  const hit = problems.find((p) => p.path === path && (typeof message === 'string' ? p.message.includes(message) : message.test(p.message)));
  if (!hit) throw new Error(`no problem at ${path} matching ${message}; got:\n${JSON.stringify(problems, null, 2)}`);
  if (value !== undefined) expect(hit.value).toEqual(value);
}

describe('topology validation', () => {
  test('the embedded default topology is valid', () => {
    const r = validateTopology(DEFAULT_TOPOLOGY);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  test('reports every problem at once, each with its path', () => {
    const ps = problemsOf((t) => {
      t.name = 'Bad_Name';
      t.aws.asn = 65515;
      t.azure.serving[1].addressSpace = '10.101.1.0/24';
      t.aws.agents[0].name = '1agent';
    });
    expect(ps.map((p) => p.path)).toEqual(expect.arrayContaining(['name', 'aws.asn', 'azure.serving[1].addressSpace', 'aws.agents[0].name']));
    expect(ps.length).toBeGreaterThanOrEqual(4);
  });

  describe('CIDR syntax', () => {
    test('fails on a malformed CIDR', () => expectProblem(problemsOf((t) => { t.aws.vpc.cidr = '10.20.0.0/33'; }), 'aws.vpc.cidr', 'IPv4 CIDR', '10.20.0.0/33'));
    test('fails on host bits set', () => expectProblem(problemsOf((t) => { t.azure.hub.addressSpace = '10.100.0.1/24'; }), 'azure.hub.addressSpace', 'host bits', '10.100.0.1/24'));
    test('fails on a public range', () => expectProblem(problemsOf((t) => { t.azure.serving[0].addressSpace = '8.8.0.0/22'; }), 'azure.serving[0].addressSpace', 'private range'));
  });

  describe('network overlaps across clouds', () => {
    test('fails when a spoke overlaps another spoke', () =>
      expectProblem(problemsOf((t) => { t.azure.serving[1].addressSpace = '10.101.2.0/23'; }), 'azure.serving[1].addressSpace', /overlaps azure\.serving\[0\]/, '10.101.2.0/23'));
    test('fails when the AWS VPC overlaps the Azure hub', () =>
      expectProblem(problemsOf((t) => { t.aws.vpc.cidr = '10.100.0.0/16'; }), 'azure.hub.addressSpace', /overlaps the AWS VPC/));
    test('fails when a network overlaps the AKS pod CIDR', () =>
      expectProblem(problemsOf((t) => { t.azure.serving[1].addressSpace = '10.244.0.0/22'; }), 'azure.serving[1].addressSpace', 'AKS pod CIDR'));
  });

  describe('subnet plans', () => {
    test('fails when the hub cannot hold GatewaySubnet /27 and the resolver /28', () =>
      expectProblem(problemsOf((t) => { t.azure.hub.addressSpace = '10.100.0.0/27'; }), 'azure.hub.addressSpace', /GatewaySubnet \(\/27\).*: use a \/26 or larger$/));
    test('fails when a spoke cannot hold its cluster subnets, naming the smallest range that fits', () =>
      expectProblem(problemsOf((t) => { t.azure.serving[0].addressSpace = '10.101.0.0/24'; }), 'azure.serving[0].addressSpace', /snet-aks-llm \/24.*: use a \/23 or larger$/));
    test('the minimum follows the subnets: a spoke with models only needs a /27, two clusters a /22', () => {
      expectProblem(problemsOf((t) => { t.azure.serving[1].addressSpace = '10.102.0.0/28'; }), 'azure.serving[1].addressSpace', /snet-private-endpoints \/27\): use a \/27 or larger$/);
      expectProblem(problemsOf((t) => {
        t.azure.serving[0].addressSpace = '10.101.0.0/23';
        t.azure.serving[0].clusters.push({ name: 'emb', gpuPools: [{ name: 't4', vmSize: 'Standard_NC4as_T4_v3', maxCount: 1 }] });
      }), 'azure.serving[0].addressSpace', /snet-aks-emb \/24.*: use a \/22 or larger$/);
    });
    test('fails when the AWS VPC is smaller than /24', () =>
      expectProblem(problemsOf((t) => { t.aws.vpc.cidr = '10.20.0.0/26'; }), 'aws.vpc.cidr', '/16 and /24'));
  });

  describe('ASNs', () => {
    test.each([
      ['azure.hub.gateway.asn', (t: any) => { t.azure.hub.gateway.asn = 65517; }, 'reserved by Azure'],
      ['azure.hub.gateway.asn', (t: any) => { t.azure.hub.gateway.asn = 64500; }, 'reserved by IANA'],
      ['azure.hub.gateway.asn', (t: any) => { t.azure.hub.gateway.asn = 7224; }, 'AWS customer gateway'],
      ['azure.hub.gateway.asn', (t: any) => { t.azure.hub.gateway.asn = 100; }, 'private ASN'],
      ['aws.asn', (t: any) => { t.aws.asn = 65518; }, 'reserved by Azure'],
      ['aws.asn', (t: any) => { t.aws.asn = 65535; }, 'reserved by IANA'],
      ['aws.asn', (t: any) => { t.aws.asn = 13335; }, 'Amazon-side private ASN'],
      ['aws.asn', (t: any) => { t.aws.asn = 65010; }, 'different ASNs'],
    ])('fails at %s (%#)', (path, mutate, msg) => expectProblem(problemsOf(mutate), path, msg));
    test("accepts 65515, Azure's default VPN gateway ASN, on the Azure side only", () => {
      const t = rawDefault();
      t.azure.hub.gateway.asn = 65515;
      expect(validateTopology(t).problems).toEqual([]);
      // The AWS side is the gateway's BGP peer: Azure reserves 65515 for its peers.
      expectProblem(problemsOf((x) => { x.aws.asn = 65515; }), 'aws.asn', 'reserved by Azure');
    });

    test('accepts a 4-byte private Amazon-side ASN', () => {
      const t = rawDefault();
      t.aws.asn = 4200000001;
      expect(validateTopology(t).ok).toBe(true);
    });
  });

  describe('tunnel inside CIDRs', () => {
    const tunnels = ['169.254.21.0/30', '169.254.22.0/30', '169.254.21.4/30', '169.254.22.4/30'];
    const withTunnel = (i: number, v: string) => (t: any) => { t.link = { tunnels: tunnels.map((x, j) => (j === i ? v : x)) }; };
    test('fails on a non-/30', () => expectProblem(problemsOf(withTunnel(0, '169.254.21.0/29')), 'link.tunnels[0]', '/30', '169.254.21.0/29'));
    test('fails outside the Azure APIPA range', () => expectProblem(problemsOf(withTunnel(1, '169.254.100.0/30')), 'link.tunnels[1]', '169.254.21.0-169.254.22.255'));
    test('fails on an AWS-reserved range', () => expectProblem(problemsOf(withTunnel(2, '169.254.2.0/30')), 'link.tunnels[2]', 'reserved by AWS'));
    test('fails on a duplicate', () => expectProblem(problemsOf(withTunnel(3, '169.254.21.0/30')), 'link.tunnels[3]', 'overlaps link.tunnels[0]'));
    test('fails on the wrong count', () => expectProblem(problemsOf((t) => { t.link = { tunnels: tunnels.slice(0, 3) }; }), 'link.tunnels', 'exactly four'));
  });

  describe('regions', () => {
    test('fails on an unknown Azure region with a suggestion', () =>
      expectProblem(problemsOf((t) => { t.azure.serving[0].region = 'swedencentrl'; }), 'azure.serving[0].region', 'did you mean "swedencentral"', 'swedencentrl'));
    test('fails on an unknown AWS region with a suggestion', () =>
      expectProblem(problemsOf((t) => { t.aws.region = 'eu-centrl-1'; }), 'aws.region', 'did you mean "eu-central-1"'));
    test('fails on an AWS region without AgentCore', () =>
      expectProblem(problemsOf((t) => { t.aws.region = 'af-south-1'; }), 'aws.region', 'AgentCore'));
    test('fails on a hub region without availability zones', () =>
      expectProblem(problemsOf((t) => { t.azure.hub.region = 'westus'; }), 'azure.hub.region', 'no availability zones'));
    test('fails on clusters in a region without availability zones', () =>
      expectProblem(problemsOf((t) => { t.azure.serving[0].region = 'ukwest'; }), 'azure.serving[0].region', 'no availability zones'));
    test('fails on a duplicated serving region', () =>
      expectProblem(problemsOf((t) => { t.azure.serving[1].region = 'swedencentral'; }), 'azure.serving[1].region', 'already used'));
    test('accepts a second stamp in one region and names its stack after the stamp', () => {
      const t = rawDefault();
      t.azure.serving[1].region = 'swedencentral';
      t.azure.serving[1].stamp = 'b';
      expect(validateTopology(t).ok).toBe(true);
    });
    test('fails on clusters in two stamps of one region: both would link a privatelink.<region>.azmk8s.io zone to the hub VNet', () =>
      expectProblem(problemsOf((t) => {
        t.azure.serving[1].region = 'swedencentral';
        t.azure.serving[1].stamp = 'b';
        t.azure.serving[1].addressSpace = '10.103.0.0/22';
        t.azure.serving[1].clusters = [{ name: 'llm2', gpuPools: [{ name: 'a100', vmSize: 'Standard_NC24ads_A100_v4', minCount: 0, maxCount: 1 }] }];
      }), 'azure.serving[1].clusters', /second serving stamp of swedencentral \(azure\.serving\[0\] has clusters too\).*privatelink\.swedencentral\.azmk8s\.io.*one stamp$/, '1 clusters'));
    test('fails when maxAzs exceeds the supported zones', () =>
      expectProblem(problemsOf((t) => { t.aws.vpc.maxAzs = 4; }), 'aws.vpc.maxAzs', /<=3|3/));
  });

  describe('names', () => {
    test('fails on a non DNS-safe project name', () => expectProblem(problemsOf((t) => { t.name = 'My_Project'; }), 'name', 'lowercase', 'My_Project'));
    test('fails on consecutive hyphens in the project name', () => expectProblem(problemsOf((t) => { t.name = 'ac--me'; }), 'name', '"--"'));
    test('fails on a too-long project name', () => expectProblem(problemsOf((t) => { t.name = 'averyverylongname'; }), 'name', '2-12'));
    test('fails on an AgentCore agent name', () => expectProblem(problemsOf((t) => { t.aws.agents[0].name = 'support-agent'; }), 'aws.agents[0].name', '[a-zA-Z][a-zA-Z0-9_]{0,47}'));
    test('fails on a 49-character agent name', () => expectProblem(problemsOf((t) => { t.aws.agents[0].name = `a${'b'.repeat(48)}`; }), 'aws.agents[0].name', 'AgentCore'));
    test('fails on an AKS pool name', () => expectProblem(problemsOf((t) => { t.azure.serving[0].clusters[0].gpuPools[0].name = 'GPU-pool'; }), 'azure.serving[0].clusters[0].gpuPools[0].name', 'AKS node pool'));
    test('fails when the derived AgentCore name would exceed 48 characters (no silent truncation)', () =>
      expectProblem(problemsOf((t) => { t.aws.agents[0].name = 'customer_support_agent_for_enterprise_tier_a'; }), 'aws.agents[0].name', /AgentCore allows 48: with project "stateline" use at most 30 characters/));
    test('fails on an image in another region', () =>
      expectProblem(problemsOf((t) => { t.aws.agents[0].image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1.0.0'; }), 'aws.agents[0].image', 'replicate the image to eu-central-1'));
    test('fails on duplicate agent names', () => expectProblem(problemsOf((t) => { t.aws.agents.push({ ...t.aws.agents[0] }); }), 'aws.agents[1].name', 'duplicates'));
    test('fails on duplicate deployment names', () => expectProblem(problemsOf((t) => { t.azure.serving[0].models[1].name = 'gpt-5-6-terra'; }), 'azure.serving[0].models[1].name', 'unique'));
  });

  describe('serving content', () => {
    test('fails without serving regions', () => expectProblem(problemsOf((t) => { t.azure.serving = []; }), 'azure.serving', 'at least one serving region'));
    test('fails on a serving region that serves nothing', () =>
      expectProblem(problemsOf((t) => { t.azure.serving[1].models = []; }), 'azure.serving[1]', 'serves nothing'));
    test('fails on a zero model capacity', () => expectProblem(problemsOf((t) => { t.azure.serving[0].models[0].capacity = 0; }), 'azure.serving[0].models[0].capacity', '>=1', 0));
    test('fails on an unknown deployment SKU', () => expectProblem(problemsOf((t) => { t.azure.serving[0].models[0].sku = 'Premium'; }), 'azure.serving[0].models[0].sku', 'DataZoneStandard'));
    test('an enum value in the wrong case lists the allowed values and the one meant', () => {
      const ps = problemsOf((t) => { t.azure.serving[0].models[0].sku = 'globalstandard'; t.aws.agents[0].protocol = 'http'; t.aws.vpnGateway = 'TGW'; });
      expectProblem(ps, 'azure.serving[0].models[0].sku', /^must be one of "Standard", "DataZoneStandard", "GlobalStandard", .*; did you mean "GlobalStandard"\?$/, 'globalstandard');
      expectProblem(ps, 'aws.agents[0].protocol', /^must be one of "HTTP", "MCP", "A2A"; did you mean "HTTP"\?$/);
      expectProblem(ps, 'aws.vpnGateway', /did you mean "tgw"\?$/);
      // Nothing close: the allowed values only.
      expectProblem(problemsOf((t) => { t.azure.serving[0].models[0].format = 'Anthropic'; }), 'azure.serving[0].models[0].format', /^must be one of "OpenAI", .*"Black Forest Labs"$/);
    });
    test('fails when maxCount < minCount', () => expectProblem(problemsOf((t) => { Object.assign(t.azure.serving[0].clusters[0].gpuPools[0], { minCount: 3, maxCount: 2 }); }), 'azure.serving[0].clusters[0].gpuPools[0].maxCount', '>= minCount'));
    test('fails on a negative minCount', () => expectProblem(problemsOf((t) => { t.azure.serving[0].clusters[0].gpuPools[0].minCount = -1; }), 'azure.serving[0].clusters[0].gpuPools[0].minCount', '>=0'));
    test('fails on a non-GPU pool VM size', () => expectProblem(problemsOf((t) => { t.azure.serving[0].clusters[0].gpuPools[0].vmSize = 'Standard_D4s_v5'; }), 'azure.serving[0].clusters[0].gpuPools[0].vmSize', 'GPU'));
    test('fails on an event expiry outside 7-365 days', () => expectProblem(problemsOf((t) => { t.aws.agents[0].memory.eventExpiryDays = 400; }), 'aws.agents[0].memory.eventExpiryDays', '365'));
    test('fails on a model-server image for an agent', () =>
      expectProblem(problemsOf((t) => { t.aws.agents[0].image = '123456789012.dkr.ecr.eu-central-1.amazonaws.com/vllm-openai:v0.9.0'; }), 'aws.agents[0].image', 'model server'));
    test('fails on a non-ECR image', () => expectProblem(problemsOf((t) => { t.aws.agents[0].image = 'docker.io/library/python:3.12'; }), 'aws.agents[0].image', 'ECR'));
  });

  describe('unknown keys', () => {
    test('are rejected with a "did you mean"', () =>
      expectProblem(problemsOf((t) => { t.azure.hub.adressSpace = '10.0.0.0/24'; }), 'azure.hub.adressSpace', 'did you mean "addressSpace"'));
    test('are rejected inside arrays', () =>
      expectProblem(problemsOf((t) => { t.azure.serving[0].models[0].capasity = 3; }), 'azure.serving[0].models[0].capasity', 'did you mean "capacity"'));
    test('without a close match list what is allowed', () =>
      expectProblem(problemsOf((t) => { t.zzz = 1; }), 'zzz', 'allowed here: $schema, name'));
  });

  describe('data perimeter', () => {
    test('fails on an organization id that is not one', () =>
      expectProblem(problemsOf((t) => { t.aws.organizationId = 'o-ABC'; }), 'aws.organizationId', /must be an AWS Organizations id: "o-" and 10-32 lowercase letters or digits/, 'o-ABC'));
    test('accepts a valid one and derives it for the endpoint policies', () => {
      const t = rawDefault();
      t.aws.organizationId = 'o-a1b2c3d4e5';
      const r = validateTopology(t);
      expect(r.problems).toEqual([]);
      expect(r.ok && derive(r.topology).aws.organizationId).toBe('o-a1b2c3d4e5');
    });
  });

  describe('encryption', () => {
    test('fails on a private deployer range', () =>
      expectProblem(problemsOf((t) => { t.azure.encryption = { deployerIpRanges: ['10.1.0.0/24'] }; }), 'azure.encryption.deployerIpRanges[0]', 'public range'));
    test('fails on a too broad deployer range', () =>
      expectProblem(problemsOf((t) => { t.azure.encryption = { deployerIpRanges: ['20.0.0.0/8'] }; }), 'azure.encryption.deployerIpRanges[0]', 'too broad'));
  });

  describe('suppressions and tags', () => {
    test('fails on a suppression without a reason', () =>
      expectProblem(problemsOf((t) => { t.policy = { suppressions: [{ rule: 'link/bgp-enabled', resource: '*' }] }; }), 'policy.suppressions[0].reason', 'required'));
    test('fails on an impossible expiry date', () =>
      expectProblem(problemsOf((t) => { t.policy = { suppressions: [{ rule: 'link/bgp-enabled', resource: '*', reason: 'lab only, torn down nightly', expires: '2026-02-30' }] }; }), 'policy.suppressions[0].expires', 'calendar date'));
    test('fails on a suppression whose rule id does not exist, suggesting the closest', () =>
      expectProblem(problemsOf((t) => { t.policy = { suppressions: [{ rule: 'placement/stateless-endpoint-outside-aws', resource: '*', reason: 'typo in the rule id' }] }; }), 'policy.suppressions[0].rule', /^is not a rule id \(did you mean "placement\/stateless-endpoint-outside-azure"\?\)/));
    test('fails on a rule glob that matches no rule, suggesting the namespace', () =>
      expectProblem(problemsOf((t) => { t.policy = { suppressions: [{ rule: 'placment/*', resource: '*', reason: 'typo in the namespace' }] }; }), 'policy.suppressions[0].rule', /^matches no rule \(did you mean "placement\/\*"\?\)/));
    test('accepts rule ids and globs that name a rule', () => {
      const t = rawDefault();
      t.policy = { suppressions: ['link/bgp-enabled', 'path/*', '*/no-route', 'policy/module-not-inspected'].map((rule) => ({ rule, resource: '*', reason: 'lab only, torn down nightly' })) };
      expect(validateTopology(t).problems).toEqual([]);
    });
    test('fails on a reserved tag prefix', () => expectProblem(problemsOf((t) => { t.tags['aws:owner'] = 'x'; }), 'tags.aws:owner', 'reserved'));
  });

  test('fails on a missing required field', () => expectProblem(problemsOf((t) => { delete t.aws.vpc.cidr; }), 'aws.vpc.cidr', 'required'));
  test('fails on a wrong type', () => expectProblem(problemsOf((t) => { t.aws.asn = 'sixty-four'; }), 'aws.asn', 'number'));
  test('fails on an invalid subscription id', () => expectProblem(problemsOf((t) => { t.azure.subscriptionId = 'abc'; }), 'azure.subscriptionId', 'GUID'));

  describe('agents and their Azure identities', () => {
    const byo = { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', clientId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', principalId: '11111111-2222-3333-4444-555555555555', clientSecretArn: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:agent-entra-AbCdEf' };
    test('accepts a bring-your-own identity and an explicit serving subset', () => {
      const t = rawDefault();
      t.aws.agents[0].azureIdentity = byo;
      t.aws.agents[0].serving = ['francecentral'];
      expect(validateTopology(t).ok).toBe(true);
    });
    test('fails on an unknown serving stamp, with a suggestion', () =>
      expectProblem(problemsOf((t) => { t.aws.agents[0].serving = ['francecentrl']; }), 'aws.agents[0].serving[0]', /not a serving stamp .*did you mean "francecentral".*allowed: swedencentral, francecentral/, 'francecentrl'));
    test('fails on a serving stamp listed twice', () =>
      expectProblem(problemsOf((t) => { t.aws.agents[0].serving = ['swedencentral', 'swedencentral']; }), 'aws.agents[0].serving[1]', 'listed twice'));
    test('fails on a client secret in another region', () =>
      expectProblem(problemsOf((t) => { t.aws.agents[0].azureIdentity = { ...byo, clientSecretArn: byo.clientSecretArn.replace('eu-central-1', 'us-east-1') }; }), 'aws.agents[0].azureIdentity.clientSecretArn', /is in us-east-1; .* agents' region eu-central-1/));
    test('fails on a client secret in another account', () =>
      expectProblem(problemsOf((t) => { t.aws.account = '210987654321'; t.aws.agents[0].azureIdentity = byo; }), 'aws.agents[0].azureIdentity.clientSecretArn', /account 123456789012, not the agents' account 210987654321/));
    test('fails on a partial secret ARN (no 6-character suffix)', () =>
      expectProblem(problemsOf((t) => { t.aws.agents[0].azureIdentity = { ...byo, clientSecretArn: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:agent-entra' }; }), 'aws.agents[0].azureIdentity.clientSecretArn', 'complete ARN'));
    test('fails on a client id that is not a GUID', () =>
      expectProblem(problemsOf((t) => { t.aws.agents[0].azureIdentity = { ...byo, clientId: 'support-agent' }; }), 'aws.agents[0].azureIdentity.clientId', 'GUID', 'support-agent'));
    test('fails on rotation not shorter than the lifetime, and on a lifetime above 180 days', () => {
      const problems = problemsOf((t) => { t.azure.agentCredentials = { lifetimeDays: 200, rotationDays: 200 }; });
      expectProblem(problems, 'azure.agentCredentials.lifetimeDays', '180');
      expectProblem(problems, 'azure.agentCredentials.rotationDays', 'less than lifetimeDays');
    });
    test('fails on two agents whose names collide in CloudFormation logical ids', () =>
      expectProblem(problemsOf((t) => { t.aws.agents.push({ ...t.aws.agents[0], name: 'supportAgent' }); }), 'aws.agents[1].name', /"SupportAgent" in CloudFormation logical ids/));
    test('fails on more agents than one stack can hand over', () =>
      expectProblem(problemsOf((t) => { t.aws.agents = Array.from({ length: 51 }, (_, i) => ({ ...t.aws.agents[0], name: `agent_${i}` })); }), 'aws.agents', /51 agents; at most 50/));
  });
});
