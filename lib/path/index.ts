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
  accountEndpoint, accountsBySubdomain, advertised, authorization, deploymentsOf, endpointGroups, endpointPoliciesOn, endpointZones, resolverInbound,
  subnetHolding, subnetNsg, subnetRange, vnetOfSubnet, zoneExists, zoneLinked,
} from './azure';
import type { AgentPaths, Hop, HopId, ModelPath, PathReport, Target } from './model';
import { nsgInbound, range, Range } from './net';
import { keyOf, resolveTf } from './refs';

export * from './model';

/** Whether the inputs hold both an agent runtime (AWS) and Azure serving resources. */
function applicable(inv: InventoryView): boolean {
  return inv.ofType('AWS::BedrockAgentCore::Runtime').length > 0
    && (inv.ofType('azurerm_cognitive_account').length > 0 || inv.ofType('azurerm_kubernetes_cluster').length > 0);
}

/** The path report of an inventory (computed once per inventory). */
export function provePaths(inv: InventoryView): PathReport {
  return inv.memo('path:report', () => {
    if (!applicable(inv)) return { applicable: false, agents: [] };
    const agents: AgentPaths[] = inv.ofType('AWS::BedrockAgentCore::Runtime')
      .filter((r) => r.mode === 'managed' && isRuntimeType(r.type))
      .map((runtime) => agentPaths(inv, runtime));
    return { applicable: true, agents };
  });
}

const hop = (h: HopId, ok: boolean, detail: string): Hop => ({ hop: h, ok, detail });

/** The first hop that is not proven. */
function finish(target: Target, hops: Hop[]): ModelPath {
  return { target, hops, broken: hops.find((h) => !h.ok) };
}

function agentPaths(inv: InventoryView, runtime: InventoryResource): AgentPaths {
  const ctx = agentContext(inv, runtime);
  const token = ctx.gaps.length > 0 ? hop('token', false, `agent runtime: ${ctx.gaps.join('; ')}`) : memoToken(inv, ctx);
  const paths: ModelPath[] = [];
  for (const t of targetsOf(inv, ctx)) {
    if (t.kind === 'account') paths.push(...accountPaths(inv, ctx, token, t));
    else paths.push(modelServerPath(inv, ctx, t));
  }
  return { agent: ctx.agent, runtime, paths };
}

function memoToken(inv: InventoryView, ctx: AgentContext): Hop {
  const t = tokenPath(inv, ctx);
  return hop('token', t.ok, t.detail);
}

type AccountTarget = { kind: 'account'; host: string; hosts: readonly string[]; subdomain: string; deployments?: readonly string[]; stamp?: string };
type ServerTarget = { kind: 'server'; address: string; cluster?: string; stamp?: string };

const hostOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  const m = /^https?:\/\/([^/:]+)/i.exec(url);
  return m ? m[1].toLowerCase() : undefined;
};

/** What the agent calls: its catalog, or every account of the inputs. */
function targetsOf(inv: InventoryView, ctx: AgentContext): Array<AccountTarget | ServerTarget> {
  if (ctx.catalog === undefined) {
    return [...accountsBySubdomain(inv).entries()].map(([subdomain, a]) => {
      const kind = (literal(a.properties.kind) ?? '').toLowerCase();
      const zone = kind === 'openai' || kind === 'aiservices' ? 'openai.azure.com' : 'cognitiveservices.azure.com';
      return { kind: 'account' as const, host: `${subdomain}.${zone}`, hosts: [`${subdomain}.${zone}`], subdomain };
    });
  }
  const out: Array<AccountTarget | ServerTarget> = [];
  for (const e of ctx.catalog as CatalogEntry[]) {
    // Every endpoint the agent may call must resolve: the OpenAI and the cognitive services host are in different zones.
    const hosts = [hostOf(e.openAiEndpoint), hostOf(e.cognitiveEndpoint)].filter((h): h is string => h !== undefined);
    if (hosts.length > 0) out.push({ kind: 'account', host: hosts[0], hosts, subdomain: hosts[0].split('.')[0], deployments: e.deployments, stamp: e.stamp });
    for (const s of e.modelServers ?? []) if (s.address) out.push({ kind: 'server', address: s.address, cluster: s.cluster, stamp: e.stamp });
  }
  return out;
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
  const resolvers = vpcResolverRanges(ctx);
  if (!resolvers.some((r) => agentEgress(ctx, 'udp', 53, r) || agentEgress(ctx, 'tcp', 53, r))) {
    return hop('dns', false, `the runtime's security groups allow no DNS (53) to the VPC resolver ${resolvers[0].text}`);
  }
  // The rest depends on the VPC, not the agent: agents in one VPC share it.
  const vpc = ctx.vpc ? `${ctx.vpc.stack}\u0000${ctx.vpc.id}` : '';
  return inv.memo(`path:dns:${vpc}\u0000${host}\u0000${endpoint ? endpoint.id : ''}`, () => vpcDns(inv, ctx, host, endpoint));
}

function vpcDns(inv: InventoryView, ctx: AgentContext, host: string, endpoint: InventoryResource | undefined): Hop & { path?: DnsPath } {
  const rule = resolverRuleFor(inv, ctx, host);
  const zone = host.split('.').slice(1).join('.');
  if (!rule) return hop('dns', false, `no Route 53 Resolver rule for ${zone} is associated with the agent VPC: ${host} resolves to its public address, not the private endpoint`);
  if ((literal(rule.properties.RuleType) ?? '').toUpperCase() !== 'FORWARD') return hop('dns', false, `Route 53 Resolver rule ${rule.id} for ${literal(rule.properties.DomainName)} is not a FORWARD rule`);
  const inbound = resolverInbound(inv);
  const targets = forwardTargets(rule);
  const hit = inbound.find((i) => targets.includes(i.ip));
  if (!hit) {
    return hop('dns', false, `Route 53 Resolver rule ${rule.id} forwards ${literal(rule.properties.DomainName)} to ${targets.join(', ') || 'nothing'}, not to the Azure DNS Private Resolver inbound address (${inbound.map((i) => i.ip).join(', ') || 'none in the inputs'})`);
  }
  const resolverIp = range(hit.ip) as Range;
  const allowed = outboundEndpointAllows(inv, rule, resolverIp);
  if (allowed) return hop('dns', false, allowed);
  const nsg = resolverNsgBlocks(inv, rule, hit.endpoint, resolverIp);
  if (nsg) return hop('dns', false, nsg);
  const dnsPath: DnsPath = { rule, resolverIp, resolverVnet: hit.vnet };
  const privateZone = `privatelink.${zone}`;
  if (!zoneExists(inv, privateZone)) return hop('dns', false, `no private DNS zone ${privateZone} in the inputs`);
  if (!hit.vnet) return hop('dns', false, `the VNet of resolver inbound endpoint ${hit.endpoint.id} is not in the inputs`);
  if (!zoneLinked(inv, privateZone, hit.vnet)) return hop('dns', false, `private DNS zone ${privateZone} is not linked to the resolver's VNet ${literal(hit.vnet.properties.name) ?? hit.vnet.id}: the Azure resolver answers with the public address`);
  if (!endpoint) return { ...hop('dns', true, `forwarded to ${hit.ip}`), path: dnsPath };
  if (!endpointZones(inv, endpoint).includes(privateZone)) return hop('dns', false, `private endpoint ${endpoint.id} is not registered in ${privateZone} (no private_dns_zone_group entry): the name has no private record`);
  return { ...hop('dns', true, `${rule.id} forwards to ${hit.ip}; ${privateZone} linked to the resolver's VNet; ${endpoint.id} registered`), path: dnsPath };
}

/**
 * Whether the NSG of the resolver inbound endpoint's subnet drops the forwarded queries (from
 * the outbound endpoint's addresses, DNS over UDP or TCP 53). The reason when it does.
 */
function resolverNsgBlocks(inv: InventoryView, rule: InventoryResource, inbound: InventoryResource, ip: Range): string | undefined {
  const sources = outboundEndpointSources(inv, rule);
  if (sources.length === 0) return undefined;
  return inv.memo(`path:resolver-nsg:${rule.stack}\u0000${rule.id}\u0000${keyOf(inbound)}`, () => {
    const subnet = blocks(inbound.properties.ip_configurations).map((c) => resolveTf(inv, inbound, c.subnet_id)).find((s) => s !== undefined);
    const nsg = subnet ? inv.memo(`path:nsg:${keyOf(subnet)}`, () => subnetNsg(inv, subnet)) : undefined;
    if (!subnet || !nsg) return '';
    const udp = nsgInbound(nsg.rules, sources, ip, 53, { protocol: 'udp' });
    const tcp = nsgInbound(nsg.rules, sources, ip, 53, { protocol: 'tcp' });
    if (udp.allowed || tcp.allowed) return '';
    return `network security group ${literal(nsg.nsg.properties.name) ?? nsg.nsg.id} on the resolver's subnet ${literal(subnet.properties.name) ?? subnet.id} drops DNS from the Route 53 Resolver outbound endpoint (${sources.map((r) => r.text).join(', ')}) at rule ${udp.rule} (priority ${udp.priority}): add inbound allows for UDP and TCP 53 from those addresses before it`;
  }) || undefined;
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

/** Network hops shared by accounts and model servers: security group, route (both clouds), NSG. */
function networkHops(inv: InventoryView, ctx: AgentContext, dest: Range, vnet: InventoryResource | undefined, subnets: readonly InventoryResource[], checkNsg: (s: InventoryResource) => boolean, endpoint?: InventoryResource): Hop[] {
  const hops: Hop[] = [];
  hops.push(agentEgress(ctx, 'tcp', 443, dest)
    ? hop('security-group', true, `HTTPS to ${dest.text} allowed`)
    : hop('security-group', false, `the runtime's security groups (${ctx.securityGroups.map((g) => g.id).join(', ')}) do not allow HTTPS (443) to ${dest.text}`));
  const aws = routesToVpn(inv, ctx, dest);
  const azure = vnet ? advertised(inv, vnet) : `the VNet of ${dest.text} is not in the inputs`;
  hops.push(aws ? hop('route', false, aws) : azure ? hop('route', false, azure) : hop('route', true, `${dest.text} routed over the VPN (BGP)`));
  const nsgProblems: string[] = [];
  for (const s of subnets) {
    if (!checkNsg(s)) continue;
    const nsg = inv.memo(`path:nsg:${keyOf(s)}`, () => subnetNsg(inv, s));
    if (!nsg) continue;
    const sources = ctx.subnetRanges.map((r) => r.text).join(',');
    const groups = endpoint ? endpointGroups(inv, endpoint) : undefined;
    const v = inv.memo(`path:nsg-eval:${keyOf(s)}\u0000${sources}\u0000${dest.text}\u0000${endpoint ? keyOf(endpoint) : ''}`, () => nsgInbound(nsg.rules, ctx.subnetRanges, dest, 443, { groups }));
    if (!v.allowed) nsgProblems.push(`network security group ${literal(nsg.nsg.properties.name) ?? nsg.nsg.id} on subnet ${literal(s.properties.name) ?? s.id} drops HTTPS from the agent subnets (${ctx.subnetRanges.map((r) => r.text).join(', ')}) at rule ${v.rule} (priority ${v.priority}): add an inbound allow for them on 443 before it`);
  }
  hops.push(nsgProblems.length > 0 ? hop('nsg', false, nsgProblems.join('; ')) : hop('nsg', true, 'admitted'));
  return hops;
}

function accountPaths(inv: InventoryView, ctx: AgentContext, token: Hop, t: AccountTarget): ModelPath[] {
  const facts = accountFacts(inv, t.subdomain);
  const names = t.deployments ?? (facts.account ? [...deploymentsOf(inv, facts.account).keys()] : []);
  const accountName = facts.account ? literal(facts.account.properties.name) ?? facts.account.id : `${t.subdomain} (missing)`;
  const label = (d?: string) => `${d ?? 'model'} on ${accountName}`;
  if (!facts.account) {
    const targets = (names.length > 0 ? names : [undefined]).map((d) => finish({ kind: 'model-deployment', label: label(d) }, [hop('target', false, `no AI Services account with custom subdomain ${t.subdomain} (${t.host}) in the Azure outputs`)]));
    return targets;
  }
  // Deployment-independent hops: the network part is shared by every agent with the same network (see AgentContext.networkKey).
  const network = inv.memo(`path:account-net:${ctx.networkKey}\u0000${t.hosts.join(',')}`, () => {
    const all = t.hosts.map((h) => dnsHop(inv, ctx, h, facts.endpoint));
    const dns = all.find((d) => !d.ok) ?? all[0];
    const hops: Hop[] = [hop('dns', dns.ok, dns.detail)];
    if (!facts.endpoint || !facts.prefix || !facts.subnet) {
      hops.push(hop('route', false, `${accountName} has no private endpoint in a subnet of the inputs: it has no private address to route to`));
    } else {
      hops.push(...withDnsRoute(inv, ctx, networkHops(inv, ctx, facts.prefix, facts.vnet, [facts.subnet], endpointPoliciesOn, facts.endpoint), dns.path));
    }
    return hops;
  });
  const shared: Hop[] = [hop('target', true, accountName), token, ...network];
  const deployments = deploymentsOf(inv, facts.account);
  const list = names.length > 0 ? names : [undefined];
  return list.map((d) => {
    const dep = d ? deployments.get(d) : undefined;
    if (d && !dep) return finish({ kind: 'model-deployment', label: label(d), resource: facts.account }, [hop('target', false, `deployment ${d} does not exist on ${accountName}`)]);
    const model = dep ? ([dep.properties.model].flat()[0] as Record<string, unknown> | undefined) : undefined;
    const openAiOnly = (literal(model?.format) ?? 'OpenAI') === 'OpenAI';
    const auth = authorization(inv, ctx.agent, literal(ctx.env.AZURE_PRINCIPAL_ID), facts.account!, openAiOnly);
    return finish({ kind: 'model-deployment', label: label(d), resource: facts.account }, [...shared, auth ? hop('authorization', false, auth) : hop('authorization', true, 'inference role held')]);
  });
}

/** Where a model server address lives (agent-independent): its subnet, VNet, and the subnets whose NSGs apply. */
function serverFacts(inv: InventoryView, address: string, cluster: string | undefined) {
  return inv.memo(`path:server:${address}:${cluster ?? ''}`, () => {
    const ip = range(address);
    const subnet = ip ? subnetHolding(inv, ip) : undefined;
    if (!ip || !subnet) return undefined;
    const vnet = vnetOfSubnet(inv, subnet);
    // Traffic to the internal load balancer is delivered to the nodes: their subnets' NSGs apply too.
    const nodeSubnets = inv.ofType('azurerm_kubernetes_cluster').filter((c) => c.mode === 'managed' && (!cluster || (literal(c.properties.name) ?? '').endsWith(`-${cluster}`)))
      .map((c) => resolveTf(inv, c, ([c.properties.default_node_pool].flat()[0] as Record<string, unknown> | undefined)?.vnet_subnet_id))
      .filter((s): s is InventoryResource => s !== undefined && (!vnet || vnetOfSubnet(inv, s) === vnet));
    return { ip, subnet, vnet, subnets: [...new Map([subnet, ...nodeSubnets].map((s) => [keyOf(s), s])).values()] };
  });
}

function modelServerPath(inv: InventoryView, ctx: AgentContext, t: ServerTarget): ModelPath {
  const target: Target = { kind: 'model-server', label: `model server ${t.cluster ?? ''} at ${t.address}`.replace('  ', ' ') };
  const f = serverFacts(inv, t.address, t.cluster);
  if (!f) return finish(target, [hop('target', false, `${t.address} is in no subnet of the Azure outputs`)]);
  const network = inv.memo(`path:server-net:${ctx.networkKey}\u0000${t.address}\u0000${t.cluster ?? ''}`, () => networkHops(inv, ctx, f.ip, f.vnet, f.subnets, () => true));
  return finish({ ...target, resource: f.subnet }, [hop('target', true, `${t.address} in ${literal(f.subnet.properties.name) ?? f.subnet.id}`), ...network]);
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
