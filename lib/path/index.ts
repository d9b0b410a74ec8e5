/**
 * lib/path: the offline proof of every agent-to-model path.
 *
 * For each AgentCore runtime in the inputs and each model it is configured to use (the
 * serving catalog in its environment; without one, every AI Services account of the inputs),
 * walk both clouds' synthesized outputs hop by hop, in request order, and record the first
 * hop that cannot be proven:
 *
 *   target          the deployment / account / model server exists in the Azure outputs
 *   token           an Entra ID token path without internet: an AgentCore Identity OAuth2
 *                   credential provider for Entra ID the runtime's role may use, reached
 *                   through the VPC's bedrock-agentcore endpoint, whose endpoint policy lets
 *                   the role call GetResourceOauth2Token (see endpoint-policy.ts)
 *   dns             the runtime may send DNS to the VPC resolver; a Route 53 Resolver FORWARD
 *                   rule for the host's zone is associated with the agent VPC and targets the
 *                   Azure DNS Private Resolver inbound address; its outbound endpoint reaches
 *                   that address over the VPN and the NSG of the resolver's subnet admits its
 *                   queries (UDP or TCP 53); the privatelink zone exists, is linked to the
 *                   resolver's VNet, and the private endpoint is registered in it
 *   security-group  the runtime's security groups allow HTTPS to the target's prefix
 *   route           every agent subnet's route table sends the prefix to a VPN/transit gateway
 *                   attached to the VPC whose connections run BGP; Azure advertises the
 *                   target's VNet (the hub, or a spoke using the hub's gateway with transit)
 *   nsg             network security groups on the target's subnet(s) admit HTTPS from the
 *                   agent subnets, by prefix or by the private endpoint's application security
 *                   groups (NSGs apply to private endpoints only with network policies on)
 *   authorization   the agent's Entra identity holds a data-plane inference role on the account
 *
 * Tool paths are not model paths and get no hop or finding: an agent reaches its tools only
 * through its AgentCore Gateway (the VPC's `bedrock-agentcore.gateway` endpoint, a trusted
 * account resource under the endpoint policy), and the gateway service calls the targets from
 * outside the VPC (MCP servers and OpenAPI APIs on the internet with AgentCore Identity
 * credentials, Lambda and Smithy-modelled AWS APIs with its role). Nothing in the VPC needs a
 * route, a security group rule or a DNS answer for a tool's host; a tool that would run
 * inference is a placement finding instead (placement/stateless-endpoint-outside-azure for
 * semantic search and inference targets, placement/model-invocation-outside-azure for a Lambda
 * tool whose role can invoke a model).
 *
 * The analysis reads the same inventory as the policy engine and runs only when both clouds
 * are present (a lone template has nothing to connect). Results are memoized per inventory:
 * the `path/*` rules and the synth summary share one run.
 */
import type { InventoryResource, InventoryView } from '../policy/types';
import { blocks, literal } from '../policy/util/values';
import { AgentContext, agentContext, agentEgress, CatalogEntry, forwardTargets, isRuntimeType, outboundEndpointAllows, outboundEndpointRoutes, outboundEndpointSources, resolverRuleFor, routesToVpn, tokenPath, vpcResolverRanges } from './aws';
import {
  accountEndpoint, accountsBySubdomain, advertised, Authorizer, authorizer, deploymentsOf, endpointGroups, endpointInZone, endpointPoliciesOn, resolverInbound,
  nsgOf, subnetHolding, subnetRange, vnetOfSubnet, zoneExists, zoneLinked,
} from './azure';
import type { AgentPaths, Hop, HopId, ModelPath, PathReport, Target } from './model';
import { nsgInbound, NsgVerdict, range, Range, withRanges } from './net';
import { memoBy, resolveTf } from './refs';

export * from './model';

/** Whether the inputs hold both an agent runtime (AWS) and Azure serving resources. */
function applicable(inv: InventoryView): boolean {
  return inv.ofType('AWS::BedrockAgentCore::Runtime').length > 0
    && (inv.ofType('azurerm_cognitive_account').length > 0 || inv.ofType('azurerm_kubernetes_cluster').length > 0);
}

/** The path report of an inventory (computed once per inventory). */
export function provePaths(inv: InventoryView): PathReport {
  return inv.memo('path:report', () => withRanges(() => {
    if (!applicable(inv)) return { applicable: false, agents: [] };
    const agents: AgentPaths[] = inv.ofType('AWS::BedrockAgentCore::Runtime')
      .filter((r) => r.mode === 'managed' && isRuntimeType(r.type))
      .map((runtime) => agentPaths(inv, runtime));
    return { applicable: true, agents };
  }));
}

const hop = (h: HopId, ok: boolean, detail: string): Hop => ({ hop: h, ok, detail });

/** The first hop that is not proven. */
function finish(target: Target, hops: Hop[]): ModelPath {
  let broken: Hop | undefined;
  for (const h of hops) {
    if (!h.ok) {
      broken = h;
      break;
    }
  }
  return { target, hops, broken };
}

/**
 * What one proof shares between agents. The work of a path splits three ways: per agent (its
 * context, token path and role assignments), per Azure site (an account or a model server:
 * its facts, and its network hops per agent network, see AgentContext.networkKey), and per
 * (agent, deployment) only the authorization lookup. Sites are interned once per inventory and
 * looked up by object, so a path costs a few map lookups and no key strings.
 */
interface Proof {
  /** Account sites by their hosts (`a.openai.azure.com,a.cognitiveservices.azure.com`). */
  readonly accounts: Map<string, AccountSite>;
  /** Model server sites by address and cluster. */
  readonly servers: Map<string, ServerSite>;
  /** Targets per catalog (agents with the same catalog text share one parsed catalog, see cachedCatalog). */
  readonly targets: Map<readonly CatalogEntry[] | undefined, ReadonlyArray<AccountTarget | ServerTarget>>;
}

/** A deployment of an account as every agent sees it: the target, and its hops when it does not exist. */
interface Slot {
  readonly target: Target;
  /** The whole path when the account or the deployment is missing (nothing else is checked). */
  readonly missing?: Hop[];
  readonly openAiOnly: boolean;
}

interface AccountSite {
  readonly subdomain: string;
  readonly host: string;
  readonly hosts: readonly string[];
  readonly facts: AccountFacts;
  readonly accountName: string;
  /** The proven target hop (when the account exists). */
  readonly targetHop: Hop;
  /** Deployment names when the catalog names none. */
  readonly names: readonly string[];
  readonly slots: Map<string | undefined, Slot>;
  /** DNS, security group, route and NSG hops per agent network key. */
  readonly network: Map<string, Hop[]>;
}

interface ServerSite {
  readonly address: string;
  /** Where the address lives; undefined when it is in no subnet of the inputs. */
  readonly facts?: ServerFacts;
  /** The target (with the subnet as its resource when the address is in one). */
  readonly target: Target;
  /** Every hop per agent network key (a model server has no token or authorization hop). */
  readonly hops: Map<string, Hop[]>;
}

type AccountTarget = { kind: 'account'; site: AccountSite; deployments?: readonly string[] };
type ServerTarget = { kind: 'server'; site: ServerSite };

const proofOf = (inv: InventoryView): Proof => inv.memo('path:proof', () => ({ accounts: new Map(), servers: new Map(), targets: new Map() }));

function agentPaths(inv: InventoryView, runtime: InventoryResource): AgentPaths {
  const ctx = agentContext(inv, runtime);
  const token = ctx.gaps.length > 0 ? hop('token', false, `agent runtime: ${ctx.gaps.join('; ')}`) : memoToken(inv, ctx);
  const authorize = authorizer(inv, ctx.agent, literal(ctx.env.AZURE_PRINCIPAL_ID));
  const paths: ModelPath[] = [];
  for (const t of targetsOf(inv, ctx)) {
    if (t.kind === 'account') accountPaths(inv, ctx, token, authorize, t, paths);
    else paths.push(modelServerPath(inv, ctx, t.site));
  }
  return { agent: ctx.agent, runtime, paths };
}

function memoToken(inv: InventoryView, ctx: AgentContext): Hop {
  const t = tokenPath(inv, ctx);
  return hop('token', t.ok, t.detail);
}

const hostOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  const m = /^https?:\/\/([^/:]+)/i.exec(url);
  return m ? m[1].toLowerCase() : undefined;
};

/** What the agent calls: its catalog, or every account of the inputs (once per distinct catalog). */
function targetsOf(inv: InventoryView, ctx: AgentContext): ReadonlyArray<AccountTarget | ServerTarget> {
  const proof = proofOf(inv);
  let out = proof.targets.get(ctx.catalog);
  if (out === undefined) proof.targets.set(ctx.catalog, (out = findTargets(inv, ctx.catalog)));
  return out;
}

function findTargets(inv: InventoryView, catalog: readonly CatalogEntry[] | undefined): Array<AccountTarget | ServerTarget> {
  if (catalog === undefined) {
    return [...accountsBySubdomain(inv).entries()].map(([subdomain, a]) => {
      const kind = (literal(a.properties.kind) ?? '').toLowerCase();
      const zone = kind === 'openai' || kind === 'aiservices' ? 'openai.azure.com' : 'cognitiveservices.azure.com';
      return { kind: 'account' as const, site: accountSite(inv, [`${subdomain}.${zone}`]) };
    });
  }
  const out: Array<AccountTarget | ServerTarget> = [];
  for (const e of catalog) {
    // Every endpoint the agent may call must resolve: the OpenAI and the cognitive services host are in different zones.
    const hosts = [hostOf(e.openAiEndpoint), hostOf(e.cognitiveEndpoint)].filter((h): h is string => h !== undefined);
    if (hosts.length > 0) out.push({ kind: 'account', site: accountSite(inv, hosts), deployments: e.deployments });
    for (const s of e.modelServers ?? []) if (s.address) out.push({ kind: 'server', site: serverSite(inv, s.address, s.cluster) });
  }
  return out;
}

/** The interned site of an account's hosts, with everything about it that no agent changes. */
function accountSite(inv: InventoryView, hosts: readonly string[]): AccountSite {
  const proof = proofOf(inv);
  const key = hosts.join(',');
  const known = proof.accounts.get(key);
  if (known) return known;
  const subdomain = hosts[0].split('.')[0];
  const facts = accountFacts(inv, subdomain);
  const accountName = facts.account ? literal(facts.account.properties.name) ?? facts.account.id : `${subdomain} (missing)`;
  const site: AccountSite = {
    subdomain,
    host: hosts[0],
    hosts,
    facts,
    accountName,
    targetHop: hop('target', true, accountName),
    names: facts.account ? [...deploymentsOf(inv, facts.account).keys()] : [],
    slots: new Map(),
    network: new Map(),
  };
  proof.accounts.set(key, site);
  return site;
}

/** A deployment slot of an account site (computed once, shared by every agent). */
function slotOf(inv: InventoryView, site: AccountSite, d: string | undefined): Slot {
  let slot = site.slots.get(d);
  if (slot) return slot;
  const account = site.facts.account;
  const label = `${d ?? 'model'} on ${site.accountName}`;
  if (!account) {
    const target: Target = { kind: 'model-deployment', label };
    slot = { target, missing: [hop('target', false, `no AI Services account with custom subdomain ${site.subdomain} (${site.host}) in the Azure outputs`)], openAiOnly: true };
  } else {
    const dep = d ? deploymentsOf(inv, account).get(d) : undefined;
    const target: Target = { kind: 'model-deployment', label, resource: account };
    if (d && !dep) slot = { target, missing: [hop('target', false, `deployment ${d} does not exist on ${site.accountName}`)], openAiOnly: true };
    else {
      const model = dep ? ([dep.properties.model].flat()[0] as Record<string, unknown> | undefined) : undefined;
      slot = { target, openAiOnly: (literal(model?.format) ?? 'OpenAI') === 'OpenAI' };
    }
  }
  site.slots.set(d, slot);
  return slot;
}
/** Hops of an account that do not depend on the agent (DNS on Azure, route advertisement, NSG rules list). */
interface AccountFacts {
  readonly account?: InventoryResource;
  readonly endpoint?: InventoryResource;
  readonly subnet?: InventoryResource;
  readonly prefix?: Range;
  readonly vnet?: InventoryResource;
}

function accountFacts(inv: InventoryView, subdomain: string): AccountFacts {
  return inv.memo(`path:account:${subdomain}`, () => {
    const account = accountsBySubdomain(inv).get(subdomain);
    if (!account) return {};
    const endpoint = accountEndpoint(inv, account);
    const subnet = endpoint ? resolveTf(inv, endpoint, endpoint.properties.subnet_id) : undefined;
    return { account, endpoint, subnet, prefix: subnet ? subnetRange(subnet) : undefined, vnet: subnet ? vnetOfSubnet(inv, subnet) : undefined };
  });
}

/** Where DNS queries for a host leave AWS: the forwarding rule and the Azure resolver address (for the route hop). */
interface DnsPath {
  readonly rule: InventoryResource;
  readonly resolverIp: Range;
  readonly resolverVnet?: InventoryResource;
}

/**
 * DNS for `host`: AWS forwarding to the Azure resolver, the zone linked to the resolver's VNet,
 * the endpoint registered. Reaching the resolver over the VPN is checked with the route hop.
 */
function dnsHop(inv: InventoryView, ctx: AgentContext, host: string, endpoint: InventoryResource | undefined): Hop & { path?: DnsPath } {
  // Whether the runtime may query the VPC resolver depends on its network only (see AgentContext.networkKey).
  const resolverReachable = memoBy(inv, 'path:dns-egress', ctx.networkKey, () => vpcResolverRanges(ctx).some((r) => agentEgress(ctx, 'udp', 53, r) || agentEgress(ctx, 'tcp', 53, r)));
  if (!resolverReachable) {
    return hop('dns', false, `the runtime's security groups allow no DNS (53) to the VPC resolver ${vpcResolverRanges(ctx)[0].text}`);
  }
  // The rest depends on the VPC, not the agent: agents in one VPC share it.
  const rule = resolverRuleFor(inv, ctx, host);
  const dot = host.indexOf('.');
  const zone = dot < 0 ? '' : host.slice(dot + 1);
  if (!rule) return hop('dns', false, `no Route 53 Resolver rule for ${zone} is associated with the agent VPC: ${host} resolves to its public address, not the private endpoint`);
  const byZone = memoBy(inv, 'path:dns-forwarding', rule, () => new Map<string, Forwarding>());
  let via = byZone.get(zone);
  if (via === undefined) byZone.set(zone, (via = forwarding(inv, rule, zone)));
  if (via.broken) return via.broken;
  const { path: dnsPath, privateZone } = via;
  if (!endpoint) return { ...hop('dns', true, `forwarded to ${via.ip}`), path: dnsPath };
  if (!endpointInZone(inv, endpoint, privateZone)) return hop('dns', false, `private endpoint ${endpoint.id} is not registered in ${privateZone} (no private_dns_zone_group entry): the name has no private record`);
  return { ...hop('dns', true, `${rule.id} forwards to ${via.ip}; ${privateZone} linked to the resolver's VNet; ${endpoint.id} registered`), path: dnsPath };
}

/** How a forwarding rule serves one zone: the path to the Azure resolver, or the hop that breaks it. */
type Forwarding = { broken: Hop } | { broken?: undefined; path: DnsPath; ip: string; privateZone: string };

/**
 * The part of DNS that depends on the rule and the zone only (every host of the zone, every
 * agent of the VPC): forwarding to the Azure resolver, the outbound endpoint and the resolver
 * subnet's NSG letting the queries through, the privatelink zone existing and linked to the
 * resolver's VNet.
 */
function forwarding(inv: InventoryView, rule: InventoryResource, zone: string): Forwarding {
  const broken = (detail: string): Forwarding => ({ broken: hop('dns', false, detail) });
  if ((literal(rule.properties.RuleType) ?? '').toUpperCase() !== 'FORWARD') return broken(`Route 53 Resolver rule ${rule.id} for ${literal(rule.properties.DomainName)} is not a FORWARD rule`);
  const inbound = resolverInbound(inv);
  const targets = forwardTargets(rule);
  const hit = inbound.find((i) => targets.includes(i.ip));
  if (!hit) {
    return broken(`Route 53 Resolver rule ${rule.id} forwards ${literal(rule.properties.DomainName)} to ${targets.join(', ') || 'nothing'}, not to the Azure DNS Private Resolver inbound address (${inbound.map((i) => i.ip).join(', ') || 'none in the inputs'})`);
  }
  const resolverIp = range(hit.ip) as Range;
  const allowed = outboundEndpointAllows(inv, rule, resolverIp);
  if (allowed) return broken(allowed);
  const nsg = resolverNsgBlocks(inv, rule, hit.endpoint, resolverIp);
  if (nsg) return broken(nsg);
  const dnsPath: DnsPath = { rule, resolverIp, resolverVnet: hit.vnet };
  const privateZone = `privatelink.${zone}`;
  if (!zoneExists(inv, privateZone)) return broken(`no private DNS zone ${privateZone} in the inputs`);
  if (!hit.vnet) return broken(`the VNet of resolver inbound endpoint ${hit.endpoint.id} is not in the inputs`);
  if (!zoneLinked(inv, privateZone, hit.vnet)) return broken(`private DNS zone ${privateZone} is not linked to the resolver's VNet ${literal(hit.vnet.properties.name) ?? hit.vnet.id}: the Azure resolver answers with the public address`);
  return { path: dnsPath, ip: hit.ip, privateZone };
}

/**
 * Whether the NSG of the resolver inbound endpoint's subnet drops the forwarded queries (from
 * the outbound endpoint's addresses, DNS over UDP or TCP 53). The reason when it does.
 */
function resolverNsgBlocks(inv: InventoryView, rule: InventoryResource, inbound: InventoryResource, ip: Range): string | undefined {
  const sources = outboundEndpointSources(inv, rule);
  if (sources.length === 0) return undefined;
  const byInbound = memoBy(inv, 'path:resolver-nsg', rule, () => new Map<InventoryResource, string>());
  let why = byInbound.get(inbound);
  if (why === undefined) byInbound.set(inbound, (why = resolverNsgProblem(inv, inbound, sources, ip)));
  return why || undefined;
}

function resolverNsgProblem(inv: InventoryView, inbound: InventoryResource, sources: readonly Range[], ip: Range): string {
  const subnet = blocks(inbound.properties.ip_configurations).map((c) => resolveTf(inv, inbound, c.subnet_id)).find((s) => s !== undefined);
  const nsg = subnet ? nsgOf(inv, subnet) : undefined;
  if (!subnet || !nsg) return '';
  const udp = nsgInbound(nsg.rules, sources, ip, 53, { protocol: 'udp' });
  const tcp = nsgInbound(nsg.rules, sources, ip, 53, { protocol: 'tcp' });
  if (udp.allowed || tcp.allowed) return '';
  return `network security group ${literal(nsg.nsg.properties.name) ?? nsg.nsg.id} on the resolver's subnet ${literal(subnet.properties.name) ?? subnet.id} drops DNS from the Route 53 Resolver outbound endpoint (${sources.map((r) => r.text).join(', ')}) at rule ${udp.rule} (priority ${udp.priority}): add inbound allows for UDP and TCP 53 from those addresses before it`;
}

/** The route hop also covers the DNS queries: the resolver endpoint's subnets must reach the Azure resolver over the VPN. */
function withDnsRoute(inv: InventoryView, ctx: AgentContext, hops: Hop[], dns: DnsPath | undefined): Hop[] {
  if (!dns) return hops;
  const i = hops.findIndex((h) => h.hop === 'route');
  if (i < 0 || !hops[i].ok) return hops;
  const why = outboundEndpointRoutes(inv, ctx, dns.rule, dns.resolverIp) ?? (dns.resolverVnet ? advertised(inv, dns.resolverVnet) : undefined);
  if (!why) return hops;
  return hops.map((h, j) => (j === i ? hop('route', false, why) : h));
}

/** Where a broken security-group hop was headed (to restate it with another agent's groups). */
const blockedDestination = new WeakMap<Hop, Range>();

function securityGroupBlocks(ctx: AgentContext, dest: Range): Hop {
  const h = hop('security-group', false, `the runtime's security groups (${ctx.securityGroups.map((g) => g.id).join(', ')}) do not allow HTTPS (443) to ${dest.text}`);
  blockedDestination.set(h, dest);
  return h;
}

/**
 * Network hops shared by agents with the same network key (AgentContext.networkKey): the same
 * verdicts, but a broken security-group hop names the agent's own groups.
 */
function forAgent(ctx: AgentContext, hops: Hop[]): Hop[] {
  for (let i = 0; i < hops.length; i++) {
    const dest = hops[i].ok ? undefined : blockedDestination.get(hops[i]);
    if (dest === undefined) continue;
    const own = securityGroupBlocks(ctx, dest);
    if (own.detail !== hops[i].detail) return hops.map((h, j) => (j === i ? own : h));
  }
  return hops;
}

/** Network hops shared by accounts and model servers: security group, route (both clouds), NSG. */
function networkHops(inv: InventoryView, ctx: AgentContext, dest: Range, vnet: InventoryResource | undefined, subnets: readonly InventoryResource[], checkNsg: (s: InventoryResource) => boolean, endpoint?: InventoryResource): Hop[] {
  const hops: Hop[] = [];
  hops.push(agentEgress(ctx, 'tcp', 443, dest) ? hop('security-group', true, `HTTPS to ${dest.text} allowed`) : securityGroupBlocks(ctx, dest));
  const aws = routesToVpn(inv, ctx, dest);
  const azure = vnet ? advertised(inv, vnet) : `the VNet of ${dest.text} is not in the inputs`;
  hops.push(aws ? hop('route', false, aws) : azure ? hop('route', false, azure) : hop('route', true, `${dest.text} routed over the VPN (BGP)`));
  const nsgProblems: string[] = [];
  for (const s of subnets) {
    if (!checkNsg(s)) continue;
    const nsg = nsgOf(inv, s);
    if (!nsg) continue;
    // Agents with the same subnets share the verdict (it does not depend on their security groups).
    const byEndpoint = memoBy(inv, 'path:nsg-eval', s, () => new Map<InventoryResource | undefined, Map<string, NsgVerdict>>());
    let byTarget = byEndpoint.get(endpoint);
    if (byTarget === undefined) byEndpoint.set(endpoint, (byTarget = new Map()));
    const key = `${ctx.subnetRanges.map((r) => r.text).join(',')}\u0000${dest.text}`;
    let v = byTarget.get(key);
    if (v === undefined) byTarget.set(key, (v = nsgInbound(nsg.rules, ctx.subnetRanges, dest, 443, { groups: endpoint ? endpointGroups(inv, endpoint) : undefined })));
    if (!v.allowed) nsgProblems.push(`network security group ${literal(nsg.nsg.properties.name) ?? nsg.nsg.id} on subnet ${literal(s.properties.name) ?? s.id} drops HTTPS from the agent subnets (${ctx.subnetRanges.map((r) => r.text).join(', ')}) at rule ${v.rule} (priority ${v.priority}): add an inbound allow for them on 443 before it`);
  }
  hops.push(nsgProblems.length > 0 ? hop('nsg', false, nsgProblems.join('; ')) : hop('nsg', true, 'admitted'));
  return hops;
}

/** An agent's paths to the deployments of one account (appended to `out`). */
function accountPaths(inv: InventoryView, ctx: AgentContext, token: Hop, authorize: Authorizer, t: AccountTarget, out: ModelPath[]): void {
  const site = t.site;
  const { account } = site.facts;
  const names = t.deployments ?? site.names;
  if (!account) {
    for (const d of names.length > 0 ? names : [undefined]) {
      const slot = slotOf(inv, site, d);
      out.push(finish(slot.target, slot.missing!));
    }
    return;
  }
  // Deployment-independent hops: the network part is shared by every agent with the same network (see AgentContext.networkKey).
  let shared = site.network.get(ctx.networkKey);
  if (shared === undefined) site.network.set(ctx.networkKey, (shared = accountNetwork(inv, ctx, site)));
  const network = forAgent(ctx, shared);
  // The hops of every deployment the agent is authorized for are the same: one array, shared.
  let authorized: Hop[] | undefined;
  const count = names.length > 0 ? names.length : 1;
  for (let i = 0; i < count; i++) {
    const slot = slotOf(inv, site, names.length > 0 ? names[i] : undefined);
    if (slot.missing) {
      out.push(finish(slot.target, slot.missing));
      continue;
    }
    const why = authorize(account, slot.openAiOnly);
    const hops = why === undefined
      ? (authorized ??= accountHops(site.targetHop, token, network, AUTHORIZED))
      : accountHops(site.targetHop, token, network, hop('authorization', false, why));
    out.push(finish(slot.target, hops));
  }
}

const AUTHORIZED = hop('authorization', true, 'inference role held');

/** target, token, the network hops, authorization: one array built in place (no intermediate arrays). */
function accountHops(target: Hop, token: Hop, network: readonly Hop[], authorization: Hop): Hop[] {
  const hops: Hop[] = [target, token];
  for (let i = 0; i < network.length; i++) hops.push(network[i]);
  hops.push(authorization);
  return hops;
}

/** DNS, security group, route and NSG hops of an account for one agent network. */
function accountNetwork(inv: InventoryView, ctx: AgentContext, site: AccountSite): Hop[] {
  const { facts, accountName } = site;
  const all = site.hosts.map((h) => dnsHop(inv, ctx, h, facts.endpoint));
  const dns = all.find((d) => !d.ok) ?? all[0];
  const hops: Hop[] = [hop('dns', dns.ok, dns.detail)];
  if (!facts.endpoint || !facts.prefix || !facts.subnet) {
    hops.push(hop('route', false, `${accountName} has no private endpoint in a subnet of the inputs: it has no private address to route to`));
  } else {
    for (const h of withDnsRoute(inv, ctx, networkHops(inv, ctx, facts.prefix, facts.vnet, [facts.subnet], endpointPoliciesOn, facts.endpoint), dns.path)) hops.push(h);
  }
  return hops;
}

interface ServerFacts {
  readonly ip: Range;
  readonly subnet: InventoryResource;
  readonly vnet?: InventoryResource;
  readonly subnets: readonly InventoryResource[];
}

/** Where a model server address lives (agent-independent): its subnet, VNet, and the subnets whose NSGs apply. */
function serverFacts(inv: InventoryView, address: string, cluster: string | undefined): ServerFacts | undefined {
  const ip = range(address);
  const subnet = ip ? subnetHolding(inv, ip) : undefined;
  if (!ip || !subnet) return undefined;
  const vnet = vnetOfSubnet(inv, subnet);
  // Traffic to the internal load balancer is delivered to the nodes: their subnets' NSGs apply too.
  const nodeSubnets = clusterNodeSubnets(inv)
    .filter((c) => (!cluster || c.name.endsWith(`-${cluster}`)) && (!vnet || c.vnet === vnet))
    .map((c) => c.subnet);
  return { ip, subnet, vnet, subnets: [...new Set([subnet, ...nodeSubnets])] };
}

/** Managed AKS clusters with the subnet (and its VNet) of their default node pool, found once per inventory. */
function clusterNodeSubnets(inv: InventoryView): ReadonlyArray<{ name: string; subnet: InventoryResource; vnet?: InventoryResource }> {
  return inv.memo('path:cluster-node-subnets', () => inv.ofType('azurerm_kubernetes_cluster').filter((c) => c.mode === 'managed').flatMap((c) => {
    const subnet = resolveTf(inv, c, ([c.properties.default_node_pool].flat()[0] as Record<string, unknown> | undefined)?.vnet_subnet_id);
    return subnet ? [{ name: literal(c.properties.name) ?? '', subnet, vnet: vnetOfSubnet(inv, subnet) }] : [];
  }));
}

/** The interned site of a model server address (its facts found once, shared by every agent). */
function serverSite(inv: InventoryView, address: string, cluster: string | undefined): ServerSite {
  const proof = proofOf(inv);
  const key = `${address}\u0000${cluster ?? ''}`;
  const known = proof.servers.get(key);
  if (known) return known;
  const facts = serverFacts(inv, address, cluster);
  const label = `model server ${cluster ?? ''} at ${address}`.replace('  ', ' ');
  const site: ServerSite = { address, facts, target: { kind: 'model-server', label, ...(facts ? { resource: facts.subnet } : {}) }, hops: new Map() };
  proof.servers.set(key, site);
  return site;
}

function modelServerPath(inv: InventoryView, ctx: AgentContext, site: ServerSite): ModelPath {
  const f = site.facts;
  if (!f) return finish(site.target, [hop('target', false, `${site.address} is in no subnet of the Azure outputs`)]);
  let hops = site.hops.get(ctx.networkKey);
  if (hops === undefined) {
    const network = networkHops(inv, ctx, f.ip, f.vnet, f.subnets, () => true);
    site.hops.set(ctx.networkKey, (hops = [hop('target', true, `${site.address} in ${literal(f.subnet.properties.name) ?? f.subnet.id}`), ...network]));
  }
  return finish(site.target, forAgent(ctx, hops));
}

/** Counts for the synth summary: per agent, proven paths out of all. */
export function pathCounts(report: PathReport): Array<{ agent: string; proven: number; total: number }> {
  return report.agents.map((a) => ({ agent: a.agent, proven: a.paths.filter((p) => !p.broken).length, total: a.paths.length }));
}

/** What the diagram may draw request arrows to: private endpoints and clusters on at least one proven path. */
export interface ProvenTargets {
  /** `stack\0id` of private endpoints of accounts with a proven deployment path. */
  readonly endpoints: ReadonlySet<string>;
  /** `stack\0id` of AKS clusters whose model server has a proven path. */
  readonly clusters: ReadonlySet<string>;
}

export function provenTargets(inv: InventoryView): ProvenTargets {
  const report = provePaths(inv);
  const endpoints = new Set<string>();
  const clusters = new Set<string>();
  for (const a of report.agents) {
    for (const p of a.paths) {
      if (p.broken || !p.target.resource) continue;
      if (p.target.kind === 'model-deployment') {
        const pe = accountEndpoint(inv, p.target.resource);
        if (pe) endpoints.add(`${pe.stack}\u0000${pe.id}`);
      } else {
        for (const c of inv.ofType('azurerm_kubernetes_cluster')) if (c.stack === p.target.resource.stack) clusters.add(`${c.stack}\u0000${c.id}`);
      }
    }
  }
  return { endpoints, clusters };
}
