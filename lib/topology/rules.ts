/**
 * Cross-field validation rules. They run on the raw input, next to the schema, so one
 * run reports every problem at once; each rule skips values the schema already rejects.
 * Facts: ../shared/DOMAIN.md (ASNs, APIPA range, subnet sizes).
 */
import { AGENTCORE_AZ_IDS, AGENTCORE_REGIONS, AWS_REGIONS, AZURE_REGIONS, AZURE_REGIONS_WITHOUT_ZONES } from './regions';
import { allocate, Cidr, contains, minimumPrefix, overlaps, parseCidr, PRIVATE_BLOCKS } from './cidr';
import { agentCoreName, AGENTCORE_NAME_MAX, AKS_POD_CIDR, AKS_SERVICE_CIDR, DEFAULT_TUNNEL_CIDRS, HUB_SUBNETS, servingKey, spokeSubnetRequests, toolGatewayName } from './derive';
import { agentKey } from './handover';
import { SECRET_ARN, SUPPRESSION_RULE } from './schema';
import { unknownRuleProblem } from '../policy/finding-ids';
import { closest } from './suggest';
import { formatPath, PathSegment, Problem, valueAt } from './problems';
import { toolProblems } from './tool-rules';

type Raw = Record<string, unknown>;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * ASNs Azure reserves for itself: a BGP **peer** of an Azure VPN gateway (here: the AWS side) may
 * not use them. 65515 is the Azure VPN gateway's own default ASN, so it is valid for the gateway
 * itself (`azure.hub.gateway.asn`) and only reserved for the peer.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
 */
const AZURE_RESERVED_ASNS = new Set([8074, 8075, 12076, 65515, 65517, 65518, 65519, 65520]);
/** The Azure VPN gateway's default ASN: allowed on the gateway, reserved for its peers. */
export const AZURE_GATEWAY_DEFAULT_ASN = 65515;
const isIanaReserved = (n: number) => n === 23456 || (n >= 64496 && n <= 64511) || (n >= 65535 && n <= 65551) || n === 4294967295;
/** ASNs AWS customer gateways refuse (Amazon's own). */
const AWS_CGW_RESERVED = new Set([7224, 9059, 10124, 17943]);

class Collector {
  readonly problems: Problem[] = [];
  constructor(readonly raw: unknown) {}
  add(path: readonly PathSegment[], message: string, value?: unknown) {
    this.problems.push({ path: formatPath(path), value: value === undefined ? valueAt(this.raw, path) : value, message });
  }
}

interface Network { path: PathSegment[]; label: string; cidr: Cidr }

function collectNetworks(c: Collector, raw: Raw): Network[] {
  const nets: Network[] = [];
  const take = (path: PathSegment[], label: string) => {
    const v = valueAt(raw, path);
    if (typeof v !== 'string') return;
    const parsed = parseCidr(v);
    if (typeof parsed === 'string') {
      c.add(path, parsed);
      return;
    }
    if (!PRIVATE_BLOCKS.some((b) => contains(b, parsed))) {
      c.add(path, 'must lie in a private range: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10');
      return;
    }
    nets.push({ path, label, cidr: parsed });
  };
  take(['aws', 'vpc', 'cidr'], 'the AWS VPC');
  take(['azure', 'hub', 'addressSpace'], 'the Azure hub');
  arr(valueAt(raw, ['azure', 'serving'])).forEach((_, i) => take(['azure', 'serving', i, 'addressSpace'], `azure.serving[${i}]`));
  return nets;
}

function checkOverlaps(c: Collector, nets: Network[], hasClusters: boolean) {
  for (let i = 0; i < nets.length; i++) {
    for (let j = i + 1; j < nets.length; j++) {
      if (overlaps(nets[i].cidr, nets[j].cidr)) {
        c.add(nets[j].path, `overlaps ${nets[i].label} (${formatPath(nets[i].path)} = ${nets[i].cidr.text}); every network on both clouds needs its own range`);
      }
    }
    if (hasClusters) {
      for (const [label, text] of [['the AKS pod CIDR', AKS_POD_CIDR], ['the AKS service CIDR', AKS_SERVICE_CIDR]]) {
        if (overlaps(nets[i].cidr, parseCidr(text) as Cidr)) c.add(nets[i].path, `overlaps ${label} ${text} used by the serving clusters; choose another range`);
      }
    }
  }
}

function checkSubnetPlans(c: Collector, raw: Raw, nets: Network[]) {
  const byPath = new Map(nets.map((n) => [formatPath(n.path), n.cidr]));
  const hub = byPath.get('azure.hub.addressSpace');
  if (hub && !allocate(hub, HUB_SUBNETS)) {
    c.add(['azure', 'hub', 'addressSpace'], `is too small for GatewaySubnet (/27) and the DNS resolver inbound subnet (/28): use a /${minimumPrefix(HUB_SUBNETS)} or larger`);
  }
  arr(valueAt(raw, ['azure', 'serving'])).forEach((s, i) => {
    const block = byPath.get(`azure.serving[${i}].addressSpace`);
    if (!block || !isObj(s)) return;
    const requests = spokeSubnetRequests({ clusters: arr(s.clusters).filter(isObj).map((x) => ({ name: String(x.name) })) as never, models: [] });
    if (!allocate(block, requests)) {
      const need = requests.map((r) => `${r.name} /${r.prefix}`).join(', ');
      const min = minimumPrefix(requests);
      c.add(['azure', 'serving', i, 'addressSpace'], `is too small for its subnets (${need}): use a /${min} or larger`);
    }
  });
  const vpc = byPath.get('aws.vpc.cidr');
  if (vpc && (vpc.prefix < 16 || vpc.prefix > 24)) {
    c.add(['aws', 'vpc', 'cidr'], 'must be between /16 and /24 (AWS allows /16-/28; the agent subnets and endpoints need at least a /24)');
  }
}

function checkAsns(c: Collector, raw: Raw) {
  const aws = valueAt(raw, ['aws', 'asn']);
  const az = valueAt(raw, ['azure', 'hub', 'gateway', 'asn']);
  if (typeof az === 'number' && Number.isInteger(az)) {
    const allowed = 'use 65515 (the Azure default), 64512-65514 or 65521-65534';
    if (az === AZURE_GATEWAY_DEFAULT_ASN) { /* Azure's own default: valid for the gateway itself. */ }
    else if (AZURE_RESERVED_ASNS.has(az)) c.add(['azure', 'hub', 'gateway', 'asn'], `is reserved by Azure (8074, 8075, 12076, 65517-65520); ${allowed}`);
    else if (isIanaReserved(az)) c.add(['azure', 'hub', 'gateway', 'asn'], `is reserved by IANA (23456, 64496-64511, 65535-65551); ${allowed}`);
    else if (AWS_CGW_RESERVED.has(az)) c.add(['azure', 'hub', 'gateway', 'asn'], `cannot be used by an AWS customer gateway (7224, 9059, 10124, 17943); ${allowed}`);
    else if (!(az >= 64512 && az <= 65534)) c.add(['azure', 'hub', 'gateway', 'asn'], `must be a private ASN: ${allowed}`);
  }
  if (typeof aws === 'number' && Number.isInteger(aws)) {
    if (AZURE_RESERVED_ASNS.has(aws)) c.add(['aws', 'asn'], 'is reserved by Azure and cannot be a BGP peer of an Azure VPN gateway (65515, 65517-65520); use 64512-65514, 65521-65534 or 4200000000-4294967294');
    else if (isIanaReserved(aws)) c.add(['aws', 'asn'], 'is reserved by IANA (23456, 64496-64511, 65535-65551); use 64512-65514, 65521-65534 or 4200000000-4294967294');
    else if (!((aws >= 64512 && aws <= 65534) || (aws >= 4200000000 && aws <= 4294967294))) c.add(['aws', 'asn'], 'must be an Amazon-side private ASN: 64512-65514, 65521-65534 or 4200000000-4294967294');
  }
  if (typeof aws === 'number' && aws === az) c.add(['aws', 'asn'], `equals azure.hub.gateway.asn (${az}); the two BGP sides need different ASNs`);
}

/** AWS reserves these link-local /30s for its own use; Azure accepts only 169.254.21.0-169.254.22.255. */
const APIPA = parseCidr('169.254.21.0/24') as Cidr;
const APIPA2 = parseCidr('169.254.22.0/24') as Cidr;
const AWS_RESERVED_INSIDE = ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.169.252/30'].map((x) => parseCidr(x) as Cidr);

function checkDeployerRanges(c: Collector, raw: Raw) {
  arr(valueAt(raw, ['azure', 'encryption', 'deployerIpRanges'])).forEach((r, i) => {
    if (typeof r !== 'string') return;
    const p = parseCidr(r);
    if (typeof p === 'string') return c.add(['azure', 'encryption', 'deployerIpRanges', i], p);
    if (PRIVATE_BLOCKS.some((b) => overlaps(b, p))) c.add(['azure', 'encryption', 'deployerIpRanges', i], 'must be a public range: Key Vault IP rules apply to public addresses (private deployers use the private endpoint)');
    if (p.prefix < 16) c.add(['azure', 'encryption', 'deployerIpRanges', i], 'is too broad for a firewall exception: use /16 or narrower');
  });
}

function checkTunnels(c: Collector, raw: Raw) {
  const tunnels = valueAt(raw, ['link', 'tunnels']);
  if (!Array.isArray(tunnels)) return;
  const seen: Cidr[] = [];
  tunnels.forEach((t, i) => {
    const path = ['link', 'tunnels', i];
    if (typeof t !== 'string') return;
    const p = parseCidr(t);
    if (typeof p === 'string') return c.add(path, p);
    if (p.prefix !== 30) return c.add(path, `must be a /30 (AWS tunnel inside CIDRs are /30), e.g. ${DEFAULT_TUNNEL_CIDRS[i % 4]}`);
    if (AWS_RESERVED_INSIDE.some((r) => overlaps(r, p))) return c.add(path, 'is reserved by AWS (169.254.0.0/30-169.254.5.0/30, 169.254.169.252/30); use 169.254.21.0-169.254.22.255');
    if (!contains(APIPA, p) && !contains(APIPA2, p)) return c.add(path, 'must lie in 169.254.21.0-169.254.22.255, the APIPA range Azure VPN gateways accept');
    const dup = seen.findIndex((s) => overlaps(s, p));
    if (dup >= 0) return c.add(path, `overlaps link.tunnels[${dup}]; each tunnel needs its own /30`);
    seen.push(p);
  });
}

function checkRegions(c: Collector, raw: Raw) {
  const azureNames = Object.keys(AZURE_REGIONS);
  const azure = (path: PathSegment[]) => {
    const v = valueAt(raw, path);
    if (typeof v !== 'string' || v in AZURE_REGIONS) return;
    const hint = closest(v.toLowerCase().replace(/[\s-]/g, ''), azureNames);
    c.add(path, `is not a known Azure region${hint ? ` (did you mean "${hint}"?)` : ''}; use a programmatic name such as swedencentral or eastus2`);
  };
  azure(['azure', 'hub', 'region']);
  const hubRegion = valueAt(raw, ['azure', 'hub', 'region']);
  if (typeof hubRegion === 'string' && AZURE_REGIONS_WITHOUT_ZONES.includes(hubRegion)) {
    c.add(['azure', 'hub', 'region'], 'has no availability zones: the zone-redundant VPN gateway (VpnGw2AZ-VpnGw5AZ) and its zonal public IPs need a region with zones');
  }
  const seen = new Map<string, number>();
  const clusterStamps = new Map<string, number>();
  arr(valueAt(raw, ['azure', 'serving'])).forEach((s, i) => {
    azure(['azure', 'serving', i, 'region']);
    const region = isObj(s) ? s.region : undefined;
    if (typeof region !== 'string') return;
    if (AZURE_REGIONS_WITHOUT_ZONES.includes(region) && isObj(s) && arr(s.clusters).length > 0) {
      c.add(['azure', 'serving', i, 'region'], 'has no availability zones: serving clusters spread their system pool across zones 1-3; move the clusters to a region with zones');
    }
    // Each stamp with clusters brings the region's API server zone and links it to the hub VNet;
    // Azure refuses a second zone of the same name on one VNet.
    if (isObj(s) && arr(s.clusters).length > 0) {
      const first = clusterStamps.get(region);
      if (first !== undefined) {
        c.add(['azure', 'serving', i, 'clusters'], `puts clusters in a second serving stamp of ${region} (azure.serving[${first}] has clusters too): every stamp with clusters creates the private API server zone privatelink.${region}.azmk8s.io and links it to the hub VNet, and Azure refuses a second zone of the same name on one VNet ("A virtual network cannot be linked to multiple zones with overlapping namespaces"); put the clusters of ${region} in one stamp`, `${arr(s.clusters).length} clusters`);
      } else clusterStamps.set(region, i);
    }
    const key = `${region}/${isObj(s) && typeof s.stamp === 'string' ? s.stamp : ''}`;
    if (seen.has(key)) c.add(['azure', 'serving', i, 'region'], `is already used by azure.serving[${seen.get(key)}]; one serving entry per region, or give each a distinct "stamp" (its stack is named after region and stamp)`);
    else seen.set(key, i);
  });
  const awsRegion = valueAt(raw, ['aws', 'region']);
  if (typeof awsRegion === 'string') {
    if (!AWS_REGIONS.includes(awsRegion)) {
      const hint = closest(awsRegion, AWS_REGIONS);
      c.add(['aws', 'region'], `is not a known AWS region${hint ? ` (did you mean "${hint}"?)` : ''}`);
    } else if (!AGENTCORE_REGIONS.includes(awsRegion)) {
      c.add(['aws', 'region'], `does not offer AgentCore Runtime, Memory and Gateway; use one of ${AGENTCORE_REGIONS.join(', ')}`);
    } else {
      const maxAzs = valueAt(raw, ['aws', 'vpc', 'maxAzs']);
      const supported = AGENTCORE_AZ_IDS[awsRegion] ?? [];
      if (typeof maxAzs === 'number' && maxAzs > supported.length) {
        c.add(['aws', 'vpc', 'maxAzs'], `exceeds the ${supported.length} AgentCore-supported zones of ${awsRegion} (${supported.join(', ')})`);
      }
    }
  }
}

function checkServing(c: Collector, raw: Raw) {
  arr(valueAt(raw, ['azure', 'serving'])).forEach((s, i) => {
    if (!isObj(s)) return;
    if (arr(s.models).length === 0 && arr(s.clusters).length === 0) {
      c.add(['azure', 'serving', i], 'serves nothing: give it at least one entry in models[] or clusters[]', '{ models: [], clusters: [] }');
    }
    const modelNames = new Map<string, number>();
    arr(s.models).forEach((m, j) => {
      if (!isObj(m) || typeof m.name !== 'string') return;
      if (modelNames.has(m.name)) c.add(['azure', 'serving', i, 'models', j, 'name'], `duplicates models[${modelNames.get(m.name)}].name; deployment names must be unique per account`);
      modelNames.set(m.name, j);
    });
    const clusterNames = new Set<string>();
    arr(s.clusters).forEach((cl, j) => {
      if (!isObj(cl)) return;
      if (typeof cl.name === 'string') {
        if (clusterNames.has(cl.name)) c.add(['azure', 'serving', i, 'clusters', j, 'name'], 'duplicates another cluster name in this region');
        clusterNames.add(cl.name);
      }
      const pools = new Set<string>();
      arr(cl.gpuPools).forEach((p, k) => {
        if (!isObj(p)) return;
        const base = ['azure', 'serving', i, 'clusters', j, 'gpuPools', k];
        if (typeof p.name === 'string') {
          if (p.name === 'system') c.add([...base, 'name'], '"system" is the name of the system pool; choose another');
          if (pools.has(p.name)) c.add([...base, 'name'], 'duplicates another GPU pool name in this cluster');
          pools.add(p.name);
        }
        const min = typeof p.minCount === 'number' ? p.minCount : 0;
        if (typeof p.maxCount === 'number' && p.maxCount < min) c.add([...base, 'maxCount'], `must be >= minCount (${min})`);
      });
    });
  });
}

/** Each agent's hand-over adds two CloudFormation parameters; CloudFormation allows 200 per stack. */
export const MAX_AGENTS = 50;

/** `aws.agents[].serving`: known stamp keys, no duplicates. */
function checkAgentServing(c: Collector, raw: Raw, a: Raw, i: number) {
  if (!Array.isArray(a.serving)) return;
  const known = arr(valueAt(raw, ['azure', 'serving'])).filter(isObj)
    .filter((s) => typeof s.region === 'string')
    .map((s) => servingKey({ region: s.region as string, stamp: typeof s.stamp === 'string' ? s.stamp : undefined }));
  const seen = new Set<string>();
  a.serving.forEach((key, j) => {
    if (typeof key !== 'string') return;
    const p = ['aws', 'agents', i, 'serving', j];
    if (seen.has(key)) c.add(p, 'is listed twice');
    seen.add(key);
    if (!known.includes(key)) {
      const hint = closest(key, known);
      c.add(p, `is not a serving stamp of this topology${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${known.join(', ')} (azure.serving[].region, plus "-<stamp>" for stamps)`);
    }
  });
}

/** A bring-your-own identity's secret must be readable by the runtime: same region and account as the agents. */
function checkAgentIdentity(c: Collector, raw: Raw, a: Raw, i: number) {
  const id = a.azureIdentity;
  if (!isObj(id) || typeof id.clientSecretArn !== 'string') return;
  const m = SECRET_ARN.exec(id.clientSecretArn);
  if (!m) return;
  const [, , region, account] = m;
  const awsRegion = valueAt(raw, ['aws', 'region']);
  const awsAccount = valueAt(raw, ['aws', 'account']);
  const p = ['aws', 'agents', i, 'azureIdentity', 'clientSecretArn'];
  if (typeof awsRegion === 'string' && region !== awsRegion) c.add(p, `is in ${region}; AgentCore Identity reads the client secret in the agents' region ${awsRegion}: replicate the secret to ${awsRegion}`);
  if (typeof awsAccount === 'string' && account !== awsAccount) c.add(p, `is in account ${account}, not the agents' account ${awsAccount} (aws.account); the secret must be in the agents' account`);
}

function checkAgentCredentials(c: Collector, raw: Raw) {
  const life = valueAt(raw, ['azure', 'agentCredentials', 'lifetimeDays']);
  const rotation = valueAt(raw, ['azure', 'agentCredentials', 'rotationDays']);
  const l = typeof life === 'number' ? life : 180;
  const r = typeof rotation === 'number' ? rotation : 90;
  if (r >= l) c.add(['azure', 'agentCredentials', 'rotationDays'], `must be less than lifetimeDays (${l}): a new client secret is created after rotationDays and the old one must still be valid until the next deploy hands it over`, rotation ?? r);
}

function checkAgents(c: Collector, raw: Raw) {
  const names = new Map<string, number>();
  const keys = new Map<string, number>();
  const gateways = new Map<string, number>();
  const project = valueAt(raw, ['name']);
  const awsRegion = valueAt(raw, ['aws', 'region']);
  const agents = arr(valueAt(raw, ['aws', 'agents']));
  if (agents.length > MAX_AGENTS) c.add(['aws', 'agents'], `has ${agents.length} agents; at most ${MAX_AGENTS} fit one agent stack (each agent adds two CloudFormation parameters, the limit is 200): split the agents across topologies`, `${agents.length} agents`);
  agents.forEach((a, i) => {
    if (!isObj(a)) return;
    checkAgentServing(c, raw, a, i);
    checkAgentIdentity(c, raw, a, i);
    if (typeof a.name === 'string') {
      const gateway = typeof project === 'string' && arr(a.tools).length > 0 ? toolGatewayName(project, a.name) : undefined;
      if (names.has(a.name)) c.add(['aws', 'agents', i, 'name'], `duplicates aws.agents[${names.get(a.name)}].name`);
      else if (keys.has(agentKey(a.name))) c.add(['aws', 'agents', i, 'name'], `differs from aws.agents[${keys.get(agentKey(a.name))}].name only in underscores or the case of a first letter; both would be "${agentKey(a.name)}" in CloudFormation logical ids`);
      else if (gateway !== undefined && gateways.has(gateway)) c.add(['aws', 'agents', i, 'name'], `gives the tool gateway name "${gateway}" that aws.agents[${gateways.get(gateway)}] already has (gateway names are lowercase, with hyphens for underscores); rename one of the agents`);
      names.set(a.name, i);
      keys.set(agentKey(a.name), i);
      if (gateway !== undefined && !gateways.has(gateway)) gateways.set(gateway, i);
      if (typeof project === 'string') {
        const longest = agentCoreName(project, a.name, 'runtime');
        if (longest.length > AGENTCORE_NAME_MAX) {
          const room = AGENTCORE_NAME_MAX - (longest.length - a.name.length);
          c.add(['aws', 'agents', i, 'name'], `makes the AgentCore name "${longest}" ${longest.length} characters long; AgentCore allows ${AGENTCORE_NAME_MAX}: with project "${project}" use at most ${room} characters`);
        }
      }
    }
    // The agent VPC has no internet path: its ECR endpoints serve its own region only.
    const imageRegion = typeof a.image === 'string' ? /^\d{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com/.exec(a.image)?.[1] : undefined;
    if (imageRegion && typeof awsRegion === 'string' && imageRegion !== awsRegion) {
      c.add(['aws', 'agents', i, 'image'], `is in ${imageRegion}, but the agents run in ${awsRegion} with no internet path (ECR endpoints serve ${awsRegion} only); replicate the image to ${awsRegion}`);
    }
    // An agent image that is a model server would put stateless inference on AWS.
    if (typeof a.image === 'string' && /(^|[/_-])(vllm|text-generation-inference|tgi|tritonserver|triton|djl-inference|lmi|tensorrt-llm|ollama|sglang|llama\.?cpp)([/:_-]|$)/i.test(a.image)) {
      c.add(['aws', 'agents', i, 'image'], 'looks like a model server image; stateless inference is served only from Azure (aws.agents run agent code, not models)');
    }
    const idle = a.idleTimeoutSeconds, max = a.maxLifetimeSeconds;
    if (typeof idle === 'number' && typeof max === 'number' && idle > max) c.add(['aws', 'agents', i, 'idleTimeoutSeconds'], `must be <= maxLifetimeSeconds (${max})`);
  });
}

function checkSuppressions(c: Collector, raw: Raw) {
  arr(valueAt(raw, ['policy', 'suppressions'])).forEach((s, i) => {
    // A typo in a rule id would otherwise suppress nothing, silently.
    const unknown = isObj(s) && typeof s.rule === 'string' && SUPPRESSION_RULE.test(s.rule) ? unknownRuleProblem(s.rule) : undefined;
    if (unknown) c.add(['policy', 'suppressions', i, 'rule'], unknown);
    if (!isObj(s) || typeof s.expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s.expires)) return;
    const d = new Date(`${s.expires}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s.expires) c.add(['policy', 'suppressions', i, 'expires'], 'is not a real calendar date (YYYY-MM-DD)');
  });
}

function checkTags(c: Collector, raw: Raw) {
  const tags = valueAt(raw, ['tags']);
  if (!isObj(tags)) return;
  for (const [k, v] of Object.entries(tags)) {
    if (k.length > 128 || /[<>%&\\?/]/.test(k)) c.add(['tags', k], 'tag keys must be at most 128 characters without < > % & \\ ? / (the stricter of Azure and AWS)', k);
    if (typeof v === 'string' && v.length > 256) c.add(['tags', k], 'tag values must be at most 256 characters');
    if (/^(aws:|microsoft|azure|windows)/i.test(k)) c.add(['tags', k], 'uses a prefix reserved by AWS or Azure (aws:, microsoft, azure, windows)', k);
  }
}

/** Runs every cross-field rule over raw input; `baseDir` resolves the file paths tools name (the config file's directory). */
export function crossFieldProblems(raw: unknown, baseDir: string = process.cwd()): Problem[] {
  const c = new Collector(raw);
  if (!isObj(raw)) return c.problems;
  const hasClusters = arr(valueAt(raw, ['azure', 'serving'])).some((s) => isObj(s) && arr(s.clusters).length > 0);
  const nets = collectNetworks(c, raw);
  checkOverlaps(c, nets, hasClusters);
  checkSubnetPlans(c, raw, nets);
  checkAsns(c, raw);
  checkTunnels(c, raw);
  checkDeployerRanges(c, raw);
  checkRegions(c, raw);
  checkServing(c, raw);
  checkAgents(c, raw);
  checkAgentCredentials(c, raw);
  checkSuppressions(c, raw);
  checkTags(c, raw);
  return [...c.problems, ...toolProblems(raw, baseDir)];
}
