/**
 * The AWS half of an agent's request path, from its CloudFormation resources: the runtime's
 * VPC, subnets, route tables and security groups, the Route 53 Resolver forwarding that
 * resolves Azure names, the VPN (BGP) routes towards Azure, and the token path through
 * AgentCore Identity.
 */
import type { InventoryResource, InventoryView } from '../policy/types';
import { allStrings, blocks, bool, isObj, literal, path as propPath, prop, strings } from '../policy/util/values';
import { endpointAllows } from './endpoint-policy';
import { Range, range, covers, egressAllows, egressAllowsGroup, egressRules, EgressRule, globMatches, ingressAllows } from './net';
import { memoBy, resolve, resolveAll } from './refs';

/** What the agent's environment says it calls (the serving catalog stateline writes). */
export interface CatalogEntry {
  readonly stamp?: string;
  readonly openAiEndpoint?: string;
  readonly cognitiveEndpoint?: string;
  readonly deployments?: readonly string[];
  readonly modelServers?: ReadonlyArray<{ readonly cluster?: string; readonly address?: string }>;
}

export interface AgentContext {
  readonly agent: string;
  readonly runtime: InventoryResource;
  readonly env: Readonly<Record<string, unknown>>;
  /** Undefined when the environment holds no readable catalog (then every Azure account is a target). */
  readonly catalog?: readonly CatalogEntry[];
  readonly vpc?: InventoryResource;
  readonly vpcRange?: Range;
  readonly subnets: readonly InventoryResource[];
  readonly subnetRanges: readonly Range[];
  readonly routeTables: readonly InventoryResource[];
  readonly securityGroups: readonly InventoryResource[];
  readonly egress: readonly EgressRule[];
  /** Why the basics could not be resolved (subnets or security groups outside the inputs). */
  readonly gaps: readonly string[];
  /**
   * What the network hops depend on (VPC, subnets, route tables, egress rules): agents with the
   * same key share every network result, so many agents cost little more than one.
   */
  readonly networkKey: string;
}

const RUNTIME_TYPES = new Set(['AWS::BedrockAgentCore::Runtime']);
export const isRuntimeType = (t: string) => RUNTIME_TYPES.has(t);

/** Reads `AZURE_SERVING`, `AZURE_SERVING_2..N` (JSON arrays) into one catalog. */
export function readCatalog(env: Readonly<Record<string, unknown>>): CatalogEntry[] | undefined {
  const first = literal(env.AZURE_SERVING);
  if (first === undefined) return undefined;
  const parts = [first];
  const count = Number(literal(env.AZURE_SERVING_PARTS) ?? '1');
  for (let i = 2; i <= count; i++) {
    const p = literal(env[`AZURE_SERVING_${i}`]);
    if (p === undefined) return undefined;
    parts.push(p);
  }
  const out: CatalogEntry[] = [];
  for (const p of parts) {
    try {
      const v: unknown = JSON.parse(p);
      if (!Array.isArray(v)) return undefined;
      out.push(...v.filter(isObj) as CatalogEntry[]);
    } catch {
      return undefined;
    }
  }
  return out;
}

/**
 * `readCatalog`, parsed once per distinct catalog text: agents serving the same regions carry
 * the same (large) catalog and share one parse, and so one list of targets.
 */
function catalogOf(inv: InventoryView, env: Readonly<Record<string, unknown>>): CatalogEntry[] | undefined {
  const parts: unknown[] = [env.AZURE_SERVING, env.AZURE_SERVING_PARTS];
  const count = Number(literal(env.AZURE_SERVING_PARTS) ?? '1');
  for (let i = 2; i <= count; i++) parts.push(env[`AZURE_SERVING_${i}`]);
  if (!parts.every((p) => p === undefined || typeof p === 'string')) return readCatalog(env);
  // Compared part by part with the catalogs seen so far (string equality checks lengths first):
  // the texts are long, and comparing equal ones costs less than hashing them.
  const seen = inv.memo('path:catalogs', () => [] as Array<{ parts: unknown[]; catalog: CatalogEntry[] | undefined }>);
  const known = seen.find((c) => c.parts.length === parts.length && c.parts.every((p, i) => p === parts[i]));
  if (known) return known.catalog;
  const catalog = readCatalog(env);
  seen.push({ parts, catalog });
  return catalog;
}

const compareNumbers = (x: number | undefined, y: number | undefined) => (x === y ? 0 : x === undefined ? -1 : y === undefined ? 1 : x - y);
const compareTexts = (x: string | undefined, y: string | undefined) => (x === y ? 0 : x === undefined ? -1 : y === undefined ? 1 : x < y ? -1 : 1);

/** Egress rules ordered by what the checks read of them (0: the checks cannot tell them apart). */
function compareEgress(a: EgressRule, b: EgressRule): number {
  return compareTexts(a.protocolText, b.protocolText) || compareNumbers(a.fromPort, b.fromPort) || compareNumbers(a.toPort, b.toPort)
    || compareNumbers(a.cidr?.start, b.cidr?.start) || compareNumbers(a.cidr?.end, b.cidr?.end) || compareTexts(a.destinationGroup, b.destinationGroup);
}

/** What the network hops of an agent depend on; agents with equal networks share one key. */
interface Network {
  readonly vpc?: InventoryResource;
  readonly subnets: readonly InventoryResource[];
  readonly routeTables: readonly InventoryResource[];
  /** Sorted with compareEgress. */
  readonly egress: readonly EgressRule[];
  readonly key: string;
}

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) => a.length === b.length && a.every((x, i) => same(x, b[i]));

/** The key of the agent's network: compared with the networks seen so far (few), no key text built. */
function networkKeyOf(inv: InventoryView, vpc: InventoryResource | undefined, subnets: readonly InventoryResource[], routeTables: readonly InventoryResource[], egress: readonly EgressRule[]): string {
  const networks = inv.memo('path:networks', () => [] as Network[]);
  const sorted = egress.slice().sort(compareEgress);
  const identical = (x: InventoryResource, y: InventoryResource) => x === y;
  const known = networks.find((n) => n.vpc === vpc && sameList(n.subnets, subnets, identical) && sameList(n.routeTables, routeTables, identical)
    && sameList(n.egress, sorted, (x, y) => compareEgress(x, y) === 0));
  if (known) return known.key;
  const key = `n${networks.length}`;
  networks.push({ vpc, subnets, routeTables, egress: sorted, key });
  return key;
}

export function agentContext(inv: InventoryView, runtime: InventoryResource): AgentContext {
  const env = isObj(runtime.properties.EnvironmentVariables) ? runtime.properties.EnvironmentVariables : {};
  const agent = literal(env.STATELINE_AGENT) ?? literal(runtime.properties.AgentRuntimeName) ?? runtime.id;
  const mode = propPath(runtime.properties, 'NetworkConfiguration', 'NetworkModeConfig');
  const gaps: string[] = [];
  const subnetRefs = prop(mode, 'Subnets');
  const subnets = resolveAll(inv, runtime, subnetRefs);
  if (subnets.length === 0) gaps.push('its subnets are not in the inputs (VPC mode with subnets of this template is needed)');
  const securityGroups = resolveAll(inv, runtime, prop(mode, 'SecurityGroups'));
  if (securityGroups.length === 0) gaps.push('its security groups are not in the inputs');
  const vpc = subnets.length > 0 ? resolve(inv, subnets[0], subnets[0].properties.VpcId) : undefined;
  const associations = inv.memo('path:rt-assoc', () => {
    const m = new Map<InventoryResource, InventoryResource>();
    for (const a of inv.ofType('AWS::EC2::SubnetRouteTableAssociation')) {
      const s = resolve(inv, a, a.properties.SubnetId);
      const rt = resolve(inv, a, a.properties.RouteTableId);
      if (s && rt) m.set(s, rt);
    }
    return m;
  });
  const routeTables = subnets.map((s) => associations.get(s)).filter((r): r is InventoryResource => r !== undefined);
  if (routeTables.length < subnets.length) gaps.push('some of its subnets have no route table association in the inputs');
  const egress = securityGroups.flatMap((sg) => egressRules(inv, sg));
  const networkKey = networkKeyOf(inv, vpc, subnets, routeTables, egress);
  return {
    agent,
    runtime,
    env,
    catalog: catalogOf(inv, env),
    vpc,
    vpcRange: vpc ? range(vpc.properties.CidrBlock) : undefined,
    subnets,
    subnetRanges: subnets.map((s) => range(s.properties.CidrBlock)).filter((r): r is Range => r !== undefined),
    routeTables,
    securityGroups,
    egress,
    gaps,
    networkKey,
  };
}

/** The agent's security groups let `protocol/port` out to all of `dest`. */
export function agentEgress(ctx: AgentContext, protocol: 'tcp' | 'udp', port: number, dest: Range): boolean {
  return egressAllows(ctx.egress, protocol, port, dest);
}

interface Gateway {
  readonly kind: 'vgw' | 'tgw';
  readonly resource: InventoryResource;
}

/** VPN connections of a gateway, and whether one of them runs BGP (counted once per gateway). */
function bgpConnections(inv: InventoryView, gw: Gateway): { all: number; bgp: number } {
  return memoBy(inv, 'path:bgp-connections', gw.resource, () => {
    let all = 0;
    let bgp = 0;
    for (const c of inv.ofType('AWS::EC2::VPNConnection')) {
      const target = resolve(inv, c, gw.kind === 'vgw' ? c.properties.VpnGatewayId : c.properties.TransitGatewayId);
      if (target !== gw.resource) continue;
      all++;
      if (bool(c.properties.StaticRoutesOnly) !== true) bgp++;
    }
    return { all, bgp };
  });
}

/** Whether a gateway is attached to the agent VPC (found once per gateway and VPC). */
function attached(inv: InventoryView, gw: Gateway, vpc: InventoryResource | undefined): boolean {
  if (!vpc) return false;
  const byVpc = memoBy(inv, 'path:gateway-attached', gw.resource, () => new Map<InventoryResource, boolean>());
  let yes = byVpc.get(vpc);
  if (yes === undefined) {
    const type = gw.kind === 'vgw' ? 'AWS::EC2::VPCGatewayAttachment' : 'AWS::EC2::TransitGatewayVpcAttachment';
    yes = inv.ofType(type).some((a) => resolve(inv, a, gw.kind === 'vgw' ? a.properties.VpnGatewayId : a.properties.TransitGatewayId) === gw.resource && resolve(inv, a, a.properties.VpcId) === vpc);
    byVpc.set(vpc, yes);
  }
  return yes;
}

function gatewayOf(inv: InventoryView, from: InventoryResource, v: unknown, kind: Gateway['kind']): Gateway | undefined {
  const r = resolve(inv, from, v);
  if (!r) return undefined;
  if (kind === 'vgw' && r.type === 'AWS::EC2::VPNGateway') return { kind, resource: r };
  if (kind === 'tgw' && r.type === 'AWS::EC2::TransitGateway') return { kind, resource: r };
  return undefined;
}

/** A route table's static routes (in input order) and the gateways propagating into it: read once per inventory. */
interface TableRouting {
  readonly routes: Array<{ readonly r: InventoryResource; readonly cidr?: Range; readonly gw?: Gateway }>;
  readonly propagated: Gateway[];
}

function routingOf(inv: InventoryView, rt: InventoryResource): TableRouting | undefined {
  return inv.memo('path:routing', () => {
    const m = new Map<InventoryResource, TableRouting>();
    const of = (t: InventoryResource) => {
      let x = m.get(t);
      if (x === undefined) m.set(t, (x = { routes: [], propagated: [] }));
      return x;
    };
    for (const r of inv.ofType('AWS::EC2::Route')) {
      const t = resolve(inv, r, r.properties.RouteTableId);
      if (!t) continue;
      of(t).routes.push({ r, cidr: range(r.properties.DestinationCidrBlock), gw: gatewayOf(inv, r, r.properties.GatewayId, 'vgw') ?? gatewayOf(inv, r, r.properties.TransitGatewayId, 'tgw') });
    }
    for (const p of inv.ofType('AWS::EC2::VPNGatewayRoutePropagation')) {
      const gw = gatewayOf(inv, p, p.properties.VpnGatewayId, 'vgw');
      if (!gw) continue;
      for (const t of new Set(resolveAll(inv, p, p.properties.RouteTableIds))) of(t).propagated.push(gw);
    }
    return m;
  }).get(rt);
}

/** Whether one route table sends `dest` to a VPN gateway that learns Azure's routes over BGP; the reason when not. */
function tableRoutes(inv: InventoryView, rt: InventoryResource, vpc: InventoryResource | undefined, dest: Range): string | undefined {
  const routing = routingOf(inv, rt);
  const candidates: Gateway[] = [];
  for (const { r, cidr, gw } of routing?.routes ?? []) {
    if (!cidr || !covers(cidr, dest)) continue;
    if (gw) candidates.push(gw);
    else return `${rt.id} sends ${dest.text} to ${literal(r.properties.GatewayId) ?? r.id}, not to the VPN`;
  }
  candidates.push(...(routing?.propagated ?? []));
  if (candidates.length === 0) return `route table ${rt.id} has no route to ${dest.text} (no static route to the VPN gateway and no route propagation from it)`;
  for (const gw of candidates) {
    if (!attached(inv, gw, vpc)) continue;
    if (bgpConnections(inv, gw).bgp > 0) return undefined;
  }
  const gw = candidates[0];
  const conns = bgpConnections(inv, gw);
  if (!attached(inv, gw, vpc)) return `${gw.resource.id} is not attached to the agent VPC`;
  return conns.all === 0 ? `${gw.resource.id} has no VPN connection` : `the VPN connections of ${gw.resource.id} use static routes only (no BGP): Azure's prefixes are never learned`;
}

/** Every route table of the agent's subnets routes `dest` to the VPN; the first reason when not. */
export function routesToVpn(inv: InventoryView, ctx: AgentContext, dest: Range, tables = ctx.routeTables): string | undefined {
  if (tables.length === 0) return 'the agent subnets have no route tables in the inputs';
  for (const rt of tables) {
    // Agents share route tables: one answer per table and destination.
    const byDest = memoBy(inv, 'path:route', rt, () => new Map<string, string>());
    let why = byDest.get(dest.text);
    if (why === undefined) byDest.set(dest.text, (why = tableRoutes(inv, rt, ctx.vpc, dest) ?? ''));
    if (why) return why;
  }
  return undefined;
}

/** Normalizes a DNS name: lowercase, no trailing dot. */
const dnsName = (s: string) => {
  const l = s.toLowerCase();
  return l.endsWith('.') ? l.slice(0, -1) : l;
};

/**
 * The Route 53 Resolver rule that answers `host` for the agent VPC: the associated rule with
 * the longest matching domain name (how Resolver picks), or undefined.
 */
export function resolverRuleFor(inv: InventoryView, ctx: AgentContext, host: string): InventoryResource | undefined {
  if (!ctx.vpc) return undefined;
  const rules = memoBy(inv, 'path:resolver-rules', ctx.vpc, () => inv.ofType('AWS::Route53Resolver::ResolverRuleAssociation')
    .filter((a) => resolve(inv, a, a.properties.VPCId) === ctx.vpc)
    .map((a) => resolve(inv, a, a.properties.ResolverRuleId))
    .filter((r): r is InventoryResource => r !== undefined && r.type === 'AWS::Route53Resolver::ResolverRule')
    .map((r) => {
      const d = dnsName(literal(r.properties.DomainName) ?? '');
      return { r, d, under: `.${d}` };
    }));
  const h = dnsName(host);
  let best: InventoryResource | undefined;
  let bestLen = -1;
  for (const { r, d, under } of rules) {
    if (d === '' || !(h === d || h.endsWith(under))) continue;
    if (d.length > bestLen) {
      best = r;
      bestLen = d.length;
    }
  }
  return best;
}

/** Target IPs of a FORWARD rule (port 53 or unset). */
export function forwardTargets(rule: InventoryResource): string[] {
  return blocks(rule.properties.TargetIps)
    .filter((t) => { const p = literal(t.Port) ?? (typeof t.Port === 'number' ? String(t.Port) : undefined); return p === undefined || p === '53'; })
    .map((t) => literal(t.Ip))
    .filter((x): x is string => x !== undefined);
}

/** The rule's outbound endpoint, the route tables of its subnets, and the addresses its queries leave from. */
function outboundEndpoint(inv: InventoryView, rule: InventoryResource): { endpoint?: InventoryResource; tables: InventoryResource[]; sources: Range[] } {
  const endpoint = resolve(inv, rule, rule.properties.ResolverEndpointId);
  if (!endpoint) return { tables: [], sources: [] };
  const addresses = blocks(endpoint.properties.IpAddresses).map((a) => ({ subnet: resolve(inv, endpoint, a.SubnetId), ip: range(a.Ip) }));
  const subnets = addresses.map((a) => a.subnet).filter((s): s is InventoryResource => s !== undefined);
  const assoc = inv.ofType('AWS::EC2::SubnetRouteTableAssociation');
  const tables = subnets.map((s) => assoc.find((a) => resolve(inv, a, a.properties.SubnetId) === s)).map((a) => (a ? resolve(inv, a, a.properties.RouteTableId) : undefined)).filter((t): t is InventoryResource => t !== undefined);
  // A fixed address is the source; otherwise any address of its subnet.
  const sources = addresses.map((a) => a.ip ?? (a.subnet ? range(a.subnet.properties.CidrBlock) : undefined)).filter((r): r is Range => r !== undefined);
  return { endpoint, tables, sources };
}

/** Addresses DNS queries of the rule's outbound endpoint come from (fixed IPs, else its subnets). */
export function outboundEndpointSources(inv: InventoryView, rule: InventoryResource): Range[] {
  return memoBy(inv, 'path:outbound', rule, () => outboundEndpoint(inv, rule)).sources;
}

/** Whether the rule's outbound endpoint may send DNS to `ip` (it exists, is OUTBOUND, its security groups allow 53). */
export function outboundEndpointAllows(inv: InventoryView, rule: InventoryResource, ip: Range): string | undefined {
  const { endpoint } = memoBy(inv, 'path:outbound', rule, () => outboundEndpoint(inv, rule));
  if (!endpoint) return `rule ${rule.id} has no outbound resolver endpoint in the inputs`;
  if ((literal(endpoint.properties.Direction) ?? '').toUpperCase() !== 'OUTBOUND') return `${endpoint.id} is not an OUTBOUND endpoint`;
  const groups = resolveAll(inv, endpoint, endpoint.properties.SecurityGroupIds);
  const rules = groups.flatMap((g) => egressRules(inv, g));
  if (!egressAllows(rules, 'udp', 53, ip) && !egressAllows(rules, 'tcp', 53, ip)) return `the security group of resolver endpoint ${endpoint.id} does not allow DNS (53) to ${ip.text}`;
  return undefined;
}

/** Whether the subnets of the rule's outbound endpoint route `ip` (the Azure resolver) over the VPN. */
export function outboundEndpointRoutes(inv: InventoryView, ctx: AgentContext, rule: InventoryResource, ip: Range): string | undefined {
  const { endpoint, tables } = memoBy(inv, 'path:outbound', rule, () => outboundEndpoint(inv, rule));
  if (!endpoint) return undefined;
  const why = routesToVpn(inv, ctx, ip, tables);
  return why ? `DNS queries from resolver endpoint ${endpoint.id} to the Azure resolver ${ip.text}: ${why}` : undefined;
}

/** The VPC's own resolver (base + 2) or the link-local one: what the runtime sends DNS to. */
export function vpcResolverRanges(ctx: AgentContext): Range[] {
  const out: Range[] = [range('169.254.169.253') as Range];
  if (ctx.vpcRange) {
    const n = ctx.vpcRange.start + 2;
    const ip = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    out.unshift(range(ip) as Range);
  }
  return out;
}

// ---------------------------------------------------------------- token path

/** `service:Action` matched against an IAM action pattern with `*` / `?` wildcards. */
function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action);
}

/** Policy documents attached to a role: inline, standalone `AWS::IAM::Policy`, managed policies of the template. */
function roleDocuments(inv: InventoryView, role: InventoryResource): unknown[] {
  const attached = inv.memo('path:policies-by-role', () => {
    const m = new Map<InventoryResource, unknown[]>();
    for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
      for (const p of inv.ofType(type)) {
        for (const r of resolveAll(inv, p, p.properties.Roles)) m.set(r, [...(m.get(r) ?? []), p.properties.PolicyDocument]);
      }
    }
    return m;
  });
  const docs: unknown[] = blocks(role.properties.Policies).map((p) => p.PolicyDocument);
  docs.push(...(attached.get(role) ?? []));
  for (const m of resolveAll(inv, role, role.properties.ManagedPolicyArns)) docs.push(m.properties.PolicyDocument);
  return docs;
}

/** The statements of a role's policies (gathered once per role). */
function roleStatements(inv: InventoryView, role: InventoryResource): Array<Record<string, unknown>> {
  return memoBy(inv, 'path:role-statements', role, () => roleDocuments(inv, role).flatMap((doc) => blocks(prop(doc, 'Statement'))));
}

/** Whether a resource entry of a statement names `target` (a reference to it, `*`, or its literal ARN/name inside). */
function resourceMatches(inv: InventoryView, from: InventoryResource, entry: unknown, target: InventoryResource | string): boolean {
  if (entry === '*') return true;
  if (typeof target !== 'string') return resolve(inv, from, entry) === target;
  return allStrings(entry).some((s) => s === target || (s.includes('*') && actionMatches(s, target)));
}

/** A policy statement as the token checks read it (read once per role or boundary, not per question). */
interface ReadStatement {
  readonly effect: string | undefined;
  readonly actions: readonly string[];
  /** Undefined when the statement has no NotAction. */
  readonly notActions?: readonly string[];
  /** `[Resource].flat()`; undefined when the statement has no Resource. */
  readonly resources?: readonly unknown[];
  readonly conditional: boolean;
  /** Each resource entry's strings joined (for ARN suffixes), read on first use. */
  texts?: readonly string[];
}

const readStatement = (st: Record<string, unknown>): ReadStatement => ({
  effect: literal(st.Effect),
  actions: strings(st.Action),
  notActions: st.NotAction !== undefined ? strings(st.NotAction) : undefined,
  resources: st.Resource === undefined ? undefined : [st.Resource].flat(),
  conditional: st.Condition !== undefined,
});

/** The role's statements, read (see roleStatements). */
function readRoleStatements(inv: InventoryView, role: InventoryResource): readonly ReadStatement[] {
  return memoBy(inv, 'path:role-statements-read', role, () => roleStatements(inv, role).map(readStatement));
}

/** The statements of a permissions boundary policy, read once per policy (agents usually share one). */
function boundaryStatements(inv: InventoryView, boundary: InventoryResource): readonly ReadStatement[] {
  return memoBy(inv, 'path:boundary-statements', boundary, () => blocks(prop(boundary.properties.PolicyDocument, 'Statement')).map(readStatement));
}

const anyActionMatches = (patterns: readonly string[], action: string): boolean => {
  for (const a of patterns) if (actionMatches(a, action)) return true;
  return false;
};

/** Allowed by an Allow statement of the role's policies, not denied, and inside its permissions boundary. */
export function roleAllows(inv: InventoryView, role: InventoryResource, action: string, target: InventoryResource | string): boolean {
  const names = (st: ReadStatement) => st.resources === undefined || st.resources.some((e) => resourceMatches(inv, role, e, target));
  const all = readRoleStatements(inv, role);
  // Only an unconditional Deny proves a denial (a condition may or may not hold at run time).
  const denies = (st: ReadStatement) => st.effect === 'Deny' && !st.conditional
    && (st.notActions !== undefined ? !anyActionMatches(st.notActions, action) : anyActionMatches(st.actions, action))
    && names(st);
  if (all.some(denies)) return false;
  const allowed = all.some((st) => st.effect === 'Allow' && anyActionMatches(st.actions, action) && names(st));
  if (!allowed) return false;
  const boundary = resolve(inv, role, role.properties.PermissionsBoundary);
  if (!boundary) return true;
  const b = boundaryStatements(inv, boundary);
  const denied = b.some((st) => st.effect === 'Deny' && anyActionMatches(st.actions, action) && !st.conditional);
  return !denied && b.some((st) => st.effect === 'Allow' && anyActionMatches(st.actions, action));
}

/** A literal or joined service name ending in `.bedrock-agentcore` (the data plane, not `.gateway`). */
function isAgentCoreDataPlane(v: unknown): boolean {
  const text = allStrings(v).join('');
  return /\.bedrock-agentcore$/.test(text);
}

/** AgentCore Identity's action that returns the agent's Entra ID token. */
const GET_TOKEN = 'bedrock-agentcore:GetResourceOauth2Token';

/**
 * The `bedrock-agentcore` interface endpoint of the agent VPC that the runtime can reach over
 * HTTPS and whose endpoint policy lets the runtime role fetch tokens from `provider`.
 */
function agentCoreEndpoint(inv: InventoryView, ctx: AgentContext, role: InventoryResource, provider: InventoryResource): string | undefined {
  const endpoints = memoBy(inv, 'path:agentcore-endpoints', ctx.vpc, () => inv.ofType('AWS::EC2::VPCEndpoint').filter((e) => resolve(inv, e, e.properties.VpcId) === ctx.vpc && isAgentCoreDataPlane(e.properties.ServiceName)));
  if (endpoints.length === 0) return 'the agent VPC has no bedrock-agentcore interface endpoint (AgentCore Identity is unreachable without internet)';
  const reasons: string[] = [];
  for (const e of endpoints) {
    if (bool(e.properties.PrivateDnsEnabled) !== true) {
      reasons.push(`${e.id} has private DNS off (the SDK's regional name would resolve to the public endpoint)`);
      continue;
    }
    const groups = resolveAll(inv, e, e.properties.SecurityGroupIds);
    const endpointSubnets = resolveAll(inv, e, e.properties.SubnetIds).map((s) => range(s.properties.CidrBlock)).filter((r): r is Range => r !== undefined);
    const outOk = groups.some((g) => egressAllowsGroup(ctx.egress, 'tcp', 443, g.id)) || (endpointSubnets.length > 0 && endpointSubnets.every((r) => agentEgress(ctx, 'tcp', 443, r)));
    if (!outOk) {
      reasons.push(`the runtime's security group does not allow HTTPS to ${e.id}`);
      continue;
    }
    const runtimeGroups = ctx.securityGroups.map((g) => g.id);
    const inOk = groups.some((g) => ctx.subnetRanges.every((s) => ingressAllows(inv, g, 443, s)) || runtimeGroups.some((rg) => ingressAllows(inv, g, 443, undefined, rg)));
    if (!inOk) {
      reasons.push(`the security group of ${e.id} does not admit HTTPS from the agent subnets`);
      continue;
    }
    const name = literal(provider.properties.Name) ?? provider.id;
    const verdict = endpointAllows(inv, e, { action: GET_TOKEN, role, resource: provider, service: 'bedrock-agentcore', resourcePath: `token-vault/default/oauth2credentialprovider/${name}` });
    if (!verdict.allowed) {
      reasons.push(`the endpoint policy (PolicyDocument) of VPC endpoint ${e.id} does not let the runtime role ${role.id} call ${GET_TOKEN} on credential provider ${name}: ${verdict.detail}; allow it there (e.g. Principal "*", Action "${GET_TOKEN}" or "*", with aws:PrincipalAccount and aws:ResourceAccount of this account)`);
      continue;
    }
    return undefined;
  }
  return reasons.join('; ');
}

/**
 * The token path: an OAuth2 credential provider for Entra ID that the runtime's role may use,
 * reached through the VPC's `bedrock-agentcore` endpoint.
 */
export function tokenPath(inv: InventoryView, ctx: AgentContext): { ok: boolean; detail: string } {
  const role = resolve(inv, ctx.runtime, ctx.runtime.properties.RoleArn);
  if (!role) return { ok: false, detail: 'its execution role is not in the inputs' };
  const providers = inv.ofType('AWS::BedrockAgentCore::OAuth2CredentialProvider');
  const named = literal(ctx.env.AZURE_TOKEN_PROVIDER);
  const candidates = named !== undefined ? providers.filter((p) => literal(p.properties.Name) === named) : providers;
  if (candidates.length === 0) {
    return { ok: false, detail: named !== undefined ? `no OAuth2 credential provider named "${named}" (AZURE_TOKEN_PROVIDER) in the inputs` : 'no OAuth2 credential provider for Entra ID in the inputs: the agent has no way to get an Azure token without internet' };
  }
  const reasons: string[] = [];
  for (const p of candidates) {
    const why = providerProblem(inv, role, p);
    if (why) reasons.push(`${literal(p.properties.Name) ?? p.id}: ${why}`);
    else {
      const endpoint = agentCoreEndpoint(inv, ctx, role, p);
      if (endpoint) return { ok: false, detail: endpoint };
      return { ok: true, detail: `credential provider ${literal(p.properties.Name) ?? p.id} via the bedrock-agentcore endpoint` };
    }
  }
  return { ok: false, detail: reasons.join('; ') };
}

function providerProblem(inv: InventoryView, role: InventoryResource, p: InventoryResource): string | undefined {
  const vendor = literal(p.properties.CredentialProviderVendor) ?? '';
  const input = prop(p.properties, 'Oauth2ProviderConfigInput');
  const config = (prop(input, 'CustomOauth2ProviderConfig') ?? prop(input, 'MicrosoftOauth2ProviderConfig') ?? prop(input, 'IncludedOauth2ProviderConfig')) as Record<string, unknown> | undefined;
  if (!config) return 'no client configuration';
  const endpointText = allStrings(prop(config, 'OauthDiscovery')).join(' ');
  if (vendor !== 'MicrosoftOauth2' && !/login\.microsoftonline\.(com|us)|login\.partner\.microsoftonline\.cn/.test(endpointText)) return 'its token endpoint is not Microsoft Entra ID (login.microsoftonline.com)';
  const source = (literal(config.ClientSecretSource) ?? '').toUpperCase();
  const secretRef = prop(prop(config, 'ClientSecretConfig'), 'SecretId');
  if (source === 'EXTERNAL' && secretRef === undefined) return 'ClientSecretSource EXTERNAL without ClientSecretConfig.SecretId';
  if (!roleAllows(inv, role, GET_TOKEN, p)) return `the runtime's execution role ${role.id} may not call ${GET_TOKEN} on it`;
  for (const suffix of ['token-vault/default', 'workload-identity-directory/default']) {
    if (!roleAllowsArnSuffix(inv, role, GET_TOKEN, suffix)) return `the runtime's execution role ${role.id} may call ${GET_TOKEN} on the provider but not on ${suffix} (AgentCore Identity authorizes the token vault and the caller's workload identity too)`;
  }
  if (source === 'EXTERNAL') {
    const secret = resolve(inv, p, secretRef) ?? literal(secretRef);
    if (secret !== undefined && !roleAllows(inv, role, 'secretsmanager:GetSecretValue', secret)) return `the runtime's execution role ${role.id} may not read its client secret (secretsmanager:GetSecretValue)`;
    // A secret under a customer-managed key is readable only with kms:Decrypt on that key.
    const key = typeof secret === 'object' ? resolve(inv, secret, secret.properties.KmsKeyId) : undefined;
    if (key && !roleAllows(inv, role, 'kms:Decrypt', key)) return `the runtime's execution role ${role.id} may not decrypt its client secret (kms:Decrypt on ${key.id})`;
  }
  return undefined;
}

/** Whether an Allow for `action` names a resource ending in `suffix` (ARNs are joined with intrinsics, so the tail is compared) or a wildcard covering it. */
function roleAllowsArnSuffix(inv: InventoryView, role: InventoryResource, action: string, suffix: string): boolean {
  return readRoleStatements(inv, role).some((st) => {
    if (st.effect !== 'Allow' || !anyActionMatches(st.actions, action)) return false;
    st.texts ??= (st.resources ?? [undefined]).map((e) => allStrings(e).join(''));
    return st.texts.some((text) => {
      if (text === '*' || text.endsWith(`:${suffix}`) || text.endsWith(`/${suffix}`)) return true;
      const tail = /:bedrock-agentcore:[^:]*:[^:]*:(.*)$/.exec(text)?.[1] ?? text;
      return tail.includes('*') && actionMatches(tail, suffix);
    });
  });
}
