/**
 * The Azure half of an agent's request path, from azurerm/azuread Terraform: the AI Services
 * accounts and their private endpoints, the private DNS zones that answer their names and the
 * VNets they are linked to, the DNS Private Resolver the AWS side forwards to, the hub gateway
 * and the peerings that advertise a spoke over BGP, network security groups, and the role
 * assignments that authorize an agent's identity.
 */
import type { InventoryResource, InventoryView } from '../policy/types';
import { blocks, bool, literal, prop, strings } from '../policy/util/values';
import { nsgRule, NsgRule, range, Range, covers } from './net';
import { keyOf, memoBy, resolve, resolveTf, tfName } from './refs';

/** Data-plane roles that allow inference, and whether each covers non-OpenAI (Foundry Models) deployments. */
export const INFERENCE_ROLE_NAMES: Readonly<Record<string, { readonly id: string; readonly allFormats: boolean }>> = {
  'Cognitive Services OpenAI User': { id: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd', allFormats: false },
  'Cognitive Services OpenAI Contributor': { id: 'a001fd3d-188f-4b5d-821b-7da978bf7442', allFormats: false },
  'Cognitive Services User': { id: 'a97b65f3-24c7-4388-baec-2e87135dc908', allFormats: true },
  'Azure AI User': { id: '53ca6127-db72-4b80-b1b0-d745d6d5456d', allFormats: true },
  // Its data actions cover OpenAI, Speech and Content Safety only (built-in roles reference, checked 2026-12-01).
  'Azure AI Developer': { id: '64702f94-c441-49e6-a78b-ef80e0188fee', allFormats: false },
};
const ROLE_BY_ID = new Map(Object.entries(INFERENCE_ROLE_NAMES).map(([name, r]) => [r.id, { name, ...r }]));
const ROLE_BY_NAME = new Map([...ROLE_BY_ID.values()].map((r) => [r.name, r]));

/** Tag stateline puts on an agent's app registration and service principal. */
export const AGENT_TAG = 'stateline-agent:';

export const subdomainOf = (account: InventoryResource) => literal(account.properties.custom_subdomain_name)?.toLowerCase();

/** AI Services / OpenAI accounts by custom subdomain. */
export function accountsBySubdomain(inv: InventoryView): Map<string, InventoryResource> {
  return inv.memo('path:accounts', () => {
    const m = new Map<string, InventoryResource>();
    for (const a of inv.ofType('azurerm_cognitive_account')) {
      const s = a.mode === 'managed' ? subdomainOf(a) : undefined;
      if (s && !m.has(s)) m.set(s, a);
    }
    return m;
  });
}

/** Deployment names of an account. */
export function deploymentsOf(inv: InventoryView, account: InventoryResource): Map<string, InventoryResource> {
  const all = inv.memo('path:deployments', () => {
    const m = new Map<InventoryResource, Map<string, InventoryResource>>();
    for (const d of inv.ofType('azurerm_cognitive_deployment')) {
      const a = resolveTf(inv, d, d.properties.cognitive_account_id);
      const name = literal(d.properties.name);
      if (!a || !name) continue;
      let byName = m.get(a);
      if (!byName) m.set(a, (byName = new Map()));
      byName.set(name, d);
    }
    return m;
  });
  return all.get(account) ?? new Map();
}

/** Private endpoints by the resource they connect to. */
function endpointsByTarget(inv: InventoryView): Map<InventoryResource, InventoryResource[]> {
  return inv.memo('path:private-endpoints', () => {
    const m = new Map<InventoryResource, InventoryResource[]>();
    for (const pe of inv.ofType('azurerm_private_endpoint')) {
      if (pe.mode !== 'managed') continue;
      for (const c of blocks(pe.properties.private_service_connection)) {
        const t = resolveTf(inv, pe, c.private_connection_resource_id);
        if (!t) continue;
        const list = m.get(t);
        if (list) list.push(pe);
        else m.set(t, [pe]);
      }
    }
    return m;
  });
}

/** The account's private endpoint for the `account` sub-resource. */
export function accountEndpoint(inv: InventoryView, account: InventoryResource): InventoryResource | undefined {
  return (endpointsByTarget(inv).get(account) ?? []).find((pe) =>
    blocks(pe.properties.private_service_connection).some((c) => strings(c.subresource_names).map((s) => s.toLowerCase()).includes('account')));
}

/** A subnet's VNet: by reference, or by literal name and resource group. */
export function vnetOfSubnet(inv: InventoryView, subnet: InventoryResource): InventoryResource | undefined {
  return memoBy(inv, 'path:vnet-of', subnet, () => findVnetOfSubnet(inv, subnet));
}

function findVnetOfSubnet(inv: InventoryView, subnet: InventoryResource): InventoryResource | undefined {
  const ref = resolveTf(inv, subnet, subnet.properties.virtual_network_name);
  if (ref?.type === 'azurerm_virtual_network') return ref;
  return vnetNamed(inv, tfName(inv, subnet, 'virtual_network_name'), tfName(inv, subnet, 'resource_group_name'));
}

/** The first managed VNet with that name (and resource group, when given). */
function vnetNamed(inv: InventoryView, name: string | undefined, rg: string | undefined): InventoryResource | undefined {
  const byName = inv.memo('path:vnets-by-name', () => {
    const m = new Map<string | undefined, InventoryResource[]>();
    for (const v of inv.ofType('azurerm_virtual_network')) {
      if (v.mode !== 'managed') continue;
      const n = tfName(inv, v);
      const list = m.get(n);
      if (list) list.push(v);
      else m.set(n, [v]);
    }
    return m;
  });
  return byName.get(name)?.find((v) => rg === undefined || tfName(inv, v, 'resource_group_name') === rg);
}

/** Address range of a subnet (its first prefix). */
export const subnetRange = (subnet: InventoryResource): Range | undefined => range(strings(subnet.properties.address_prefixes)[0]);

/** The managed subnet whose prefix holds `ip`. */
export function subnetHolding(inv: InventoryView, ip: Range): InventoryResource | undefined {
  const index = inv.memo('path:subnet-ranges', () => inv.ofType('azurerm_subnet').filter((s) => s.mode === 'managed')
    .flatMap((s) => strings(s.properties.address_prefixes).map((p) => range(p)).filter((r): r is Range => r !== undefined).map((r) => ({ r, s }))));
  return index.find((x) => covers(x.r, ip))?.s;
}

/** A private DNS zone's name, from a zone id reference (managed zone or data lookup). */
export function zoneName(inv: InventoryView, from: InventoryResource, ref: unknown): string | undefined {
  const z = resolve(inv, from, ref);
  return z ? tfName(inv, z)?.toLowerCase() : undefined;
}

/**
 * Records of a type whose lowercased name a query compares, read lazily and at most once per
 * record: a query scans until it finds what it looks for, so the usual answer (a zone and its
 * links in the hub stack) costs a few records, and a missing one costs one reading of each.
 */
interface NamedScan {
  readonly records: readonly InventoryResource[];
  /** Lowercased name per record; undefined: not read yet, null: none. */
  readonly names: Array<string | null | undefined>;
}

function namedScan(inv: InventoryView, cache: string, type: string): NamedScan {
  return inv.memo(cache, () => {
    const records = inv.ofType(type).filter((r) => r.mode === 'managed');
    return { records, names: new Array<string | null | undefined>(records.length) };
  });
}

function* named(inv: InventoryView, scan: NamedScan, attr: string, name: string): Generator<InventoryResource> {
  for (let i = 0; i < scan.records.length; i++) {
    let n = scan.names[i];
    if (n === undefined) scan.names[i] = n = tfName(inv, scan.records[i], attr)?.toLowerCase() ?? null;
    if (n === name) yield scan.records[i];
  }
}

/** Whether `vnet` is linked to the private zone named `zone` (a managed link in any stack). */
export function zoneLinked(inv: InventoryView, zone: string, vnet: InventoryResource): boolean {
  const byVnet = memoBy(inv, 'path:zone-linked', zone, () => new Map<InventoryResource, boolean>());
  let linked = byVnet.get(vnet);
  if (linked === undefined) {
    linked = false;
    const links = namedScan(inv, 'path:zone-links', 'azurerm_private_dns_zone_virtual_network_link');
    for (const l of named(inv, links, 'private_dns_zone_name', zone)) {
      if (resolveTf(inv, l, l.properties.virtual_network_id) === vnet) {
        linked = true;
        break;
      }
    }
    byVnet.set(vnet, linked);
  }
  return linked;
}

/** Whether a managed private DNS zone of that name exists in the inputs. */
export function zoneExists(inv: InventoryView, zone: string): boolean {
  return memoBy(inv, 'path:zone-exists', zone, () => !named(inv, namedScan(inv, 'path:zones', 'azurerm_private_dns_zone'), 'name', zone).next().done);
}

/** Whether a private endpoint registers in the private DNS zone named `zone` (its zone group names it). */
export function endpointInZone(inv: InventoryView, endpoint: InventoryResource, zone: string): boolean {
  // The zone names of its groups, read once per endpoint (every host of an account asks).
  const names = memoBy(inv, 'path:endpoint-zones', endpoint, () => {
    const out: Array<string | undefined> = [];
    for (const g of blocks(endpoint.properties.private_dns_zone_group)) {
      for (const id of [g.private_dns_zone_ids].flat()) out.push(zoneName(inv, endpoint, id));
    }
    return out;
  });
  return names.includes(zone);
}

/** DNS Private Resolver inbound endpoints: their static addresses and the VNet they resolve for. */
export function resolverInbound(inv: InventoryView): Array<{ ip: string; vnet?: InventoryResource; endpoint: InventoryResource }> {
  return inv.memo('path:resolver-inbound', () => inv.ofType('azurerm_private_dns_resolver_inbound_endpoint').filter((e) => e.mode === 'managed').flatMap((e) => {
    const resolver = resolveTf(inv, e, e.properties.private_dns_resolver_id);
    const vnet = resolver ? resolveTf(inv, resolver, resolver.properties.virtual_network_id) : undefined;
    return blocks(e.properties.ip_configurations).map((c) => literal(c.private_ip_address)).filter((ip): ip is string => ip !== undefined).map((ip) => ({ ip, vnet, endpoint: e }));
  }));
}

/** The hub: VNets holding a BGP VPN gateway with at least one BGP connection. */
export function gatewayVnets(inv: InventoryView): Map<InventoryResource, { vnet: InventoryResource; gateway: InventoryResource; bgpConnections: number }> {
  return inv.memo('path:gateway-vnets', () => {
    const m = new Map<InventoryResource, { vnet: InventoryResource; gateway: InventoryResource; bgpConnections: number }>();
    for (const gw of inv.ofType('azurerm_virtual_network_gateway')) {
      if (gw.mode !== 'managed' || (literal(gw.properties.type) ?? 'Vpn').toLowerCase() !== 'vpn') continue;
      const bgpOn = bool(prop(gw.properties, 'enable_bgp') ?? gw.properties.bgp_enabled) === true;
      const subnet = blocks(gw.properties.ip_configuration).map((c) => resolveTf(inv, gw, c.subnet_id)).find((s) => s !== undefined);
      const vnet = subnet ? vnetOfSubnet(inv, subnet) : undefined;
      if (!vnet || !bgpOn) continue;
      let bgpConnections = 0;
      for (const c of inv.ofType('azurerm_virtual_network_gateway_connection')) {
        if (c.mode !== 'managed') continue;
        const target = resolveTf(inv, c, c.properties.virtual_network_gateway_id);
        const on = bool(prop(c.properties, 'enable_bgp') ?? c.properties.bgp_enabled) === true;
        if (target === gw && on) bgpConnections++;
      }
      m.set(vnet, { vnet, gateway: gw, bgpConnections });
    }
    return m;
  });
}

/** Peerings by local VNet. */
function peerings(inv: InventoryView): Array<{ local?: InventoryResource; remote?: InventoryResource; r: InventoryResource }> {
  return inv.memo('path:peerings', () => inv.ofType('azurerm_virtual_network_peering').filter((p) => p.mode === 'managed').map((p) => {
    const localRef = resolveTf(inv, p, p.properties.virtual_network_name);
    const local = localRef?.type === 'azurerm_virtual_network' ? localRef : vnetNamed(inv, tfName(inv, p, 'virtual_network_name'), tfName(inv, p, 'resource_group_name'));
    return { local, remote: resolveTf(inv, p, p.properties.remote_virtual_network_id), r: p };
  }));
}

/**
 * Whether Azure advertises `vnet` to AWS over the VPN: it is the gateway's VNet, or a spoke
 * peered with it using the remote gateway (and the hub side allows gateway transit). Returns
 * the reason when not.
 */
export function advertised(inv: InventoryView, vnet: InventoryResource): string | undefined {
  return memoBy(inv, 'path:advertised', vnet, () => findAdvertised(inv, vnet) ?? '') || undefined;
}

function findAdvertised(inv: InventoryView, vnet: InventoryResource): string | undefined {
  const hubs = gatewayVnets(inv);
  if (hubs.size === 0) return 'no Azure VPN gateway with BGP enabled in the inputs';
  const direct = hubs.get(vnet);
  if (direct) return direct.bgpConnections > 0 ? undefined : `VPN gateway ${direct.gateway.id} has no connection with BGP enabled (the Azure link stack)`;
  const byLocal = inv.memo('path:peerings-by-local', () => {
    const m = new Map<InventoryResource | undefined, Array<{ local?: InventoryResource; remote?: InventoryResource; r: InventoryResource }>>();
    for (const p of peerings(inv)) {
      const list = m.get(p.local);
      if (list) list.push(p);
      else m.set(p.local, [p]);
    }
    return m;
  });
  const reasons: string[] = [];
  for (const hub of hubs.values()) {
    const out = byLocal.get(vnet)?.find((p) => p.remote === hub.vnet);
    const back = byLocal.get(hub.vnet)?.find((p) => p.remote === vnet);
    if (!out || !back) {
      const missing = [out ? undefined : 'spoke to hub', back ? undefined : 'hub to spoke'].filter((x) => x !== undefined).join(' and ');
      reasons.push(`VNet ${tfName(inv, vnet) ?? vnet.id} (stack ${vnet.stack}) is not peered both ways with hub ${tfName(inv, hub.vnet) ?? hub.vnet.id} (stack ${hub.vnet.stack}): no ${missing} peering in the inputs`);
      continue;
    }
    // The spoke uses the hub's gateway only when both sides agree (use_remote_gateways here, allow_gateway_transit there).
    if (bool(out.r.properties.use_remote_gateways) !== true) reasons.push(`peering ${out.r.id} in stack ${out.r.stack} does not use the hub's remote gateway (use_remote_gateways): its prefix is not advertised to AWS`);
    else if (bool(back.r.properties.allow_gateway_transit) !== true) reasons.push(`peering ${back.r.id} in stack ${back.r.stack} does not allow gateway transit (allow_gateway_transit): the spoke cannot use the hub's VPN gateway, so its prefix is not advertised to AWS`);
    else if (hub.bgpConnections === 0) reasons.push(`VPN gateway ${hub.gateway.id} has no connection with BGP enabled (the Azure link stack)`);
    else return undefined;
  }
  return reasons.join('; ');
}

/** `subnetNsg`, once per subnet and inventory (the NSG rules of lib/policy share it). */
export function nsgOf(inv: InventoryView, subnet: InventoryResource): { nsg: InventoryResource; rules: NsgRule[] } | undefined {
  return memoBy(inv, 'path:nsg', subnet, () => subnetNsg(inv, subnet));
}

/** NSG rules applying to a subnet, or undefined when it has no NSG association. */
export function subnetNsg(inv: InventoryView, subnet: InventoryResource): { nsg: InventoryResource; rules: NsgRule[] } | undefined {
  const assoc = inv.memo('path:nsg-assoc', () => {
    const m = new Map<InventoryResource, InventoryResource>();
    for (const a of inv.ofType('azurerm_subnet_network_security_group_association')) {
      if (a.mode !== 'managed') continue;
      const s = resolveTf(inv, a, a.properties.subnet_id);
      const n = resolveTf(inv, a, a.properties.network_security_group_id);
      if (s && n) m.set(s, n);
    }
    return m;
  });
  const nsg = assoc.get(subnet);
  if (!nsg) return undefined;
  const standalone = inv.memo('path:nsg-rules', () => {
    const m = new Map<InventoryResource, NsgRule[]>();
    for (const r of inv.ofType('azurerm_network_security_rule')) {
      if (r.mode !== 'managed') continue;
      const ref = resolveTf(inv, r, r.properties.network_security_group_name);
      const target = ref?.type === 'azurerm_network_security_group' ? ref
        : inv.ofType('azurerm_network_security_group').find((g) => g.mode === 'managed' && tfName(inv, g) === tfName(inv, r, 'network_security_group_name'));
      if (!target) continue;
      m.set(target, [...(m.get(target) ?? []), nsgRule(r.properties, asgKey(inv, r))]);
    }
    return m;
  });
  return { nsg, rules: [...blocks(nsg.properties.security_rule).map((o) => nsgRule(o, asgKey(inv, nsg))), ...(standalone.get(nsg) ?? [])] };
}

/** An application security group reference as a key: the managed group it resolves to, else its literal id. */
const asgKey = (inv: InventoryView, from: InventoryResource) => (ref: unknown): string | undefined => {
  const g = resolveTf(inv, from, ref);
  return g ? keyOf(g) : literal(ref)?.toLowerCase();
};

/** Application security groups a private endpoint belongs to (keys as `nsgRule` makes them). */
export function endpointGroups(inv: InventoryView, endpoint: InventoryResource): ReadonlySet<string> {
  // Memberships by endpoint; a membership's group is resolved only for endpoints asked about.
  const index = inv.memo('path:pe-asg', () => {
    const m = new Map<InventoryResource, InventoryResource[]>();
    for (const a of inv.ofType('azurerm_private_endpoint_application_security_group_association')) {
      if (a.mode !== 'managed') continue;
      const pe = resolveTf(inv, a, a.properties.private_endpoint_id);
      if (!pe) continue;
      const list = m.get(pe);
      if (list) list.push(a);
      else m.set(pe, [a]);
    }
    return m;
  });
  const memberships = index.get(endpoint);
  if (!memberships) return EMPTY;
  return memoBy(inv, 'path:pe-asg-keys', endpoint, () => {
    const keys = new Set<string>();
    for (const a of memberships) {
      const key = asgKey(inv, a)(a.properties.application_security_group_id);
      if (key) keys.add(key);
    }
    return keys;
  });
}
const EMPTY: ReadonlySet<string> = new Set();

/** Whether NSGs apply to private endpoints in this subnet (network policies on). */
export function endpointPoliciesOn(subnet: InventoryResource): boolean {
  const v = literal(subnet.properties.private_endpoint_network_policies);
  return v === 'Enabled' || v === 'NetworkSecurityGroupEnabled';
}

/** Service principals of an agent, by the agent tag (on the principal or its application). */
export function agentPrincipals(inv: InventoryView, agent: string): Set<InventoryResource> {
  return inv.memo(`path:principals:${agent}`, () => {
    const out = new Set<InventoryResource>();
    const tagged = (r: InventoryResource) => strings(r.properties.tags).includes(`${AGENT_TAG}${agent}`);
    for (const sp of inv.ofType('azuread_service_principal')) {
      if (sp.mode !== 'managed') continue;
      const app = resolve(inv, sp, sp.properties.client_id);
      if (tagged(sp) || (app && tagged(app))) out.add(sp);
    }
    return out;
  });
}

/**
 * Role assignments that may be an agent's, read once per inventory (whose they are, what they
 * cover, what role they grant): those referencing a service principal, and those naming a
 * literal principal id (bring-your-own identity).
 */
interface Principals {
  /** By the service principal they reference, in input order. */
  readonly bySp: Map<InventoryResource, Held[]>;
  /** By literal principal id, lowercased, in input order. */
  readonly byLiteral: Map<string, Held[]>;
  /** Literal-principal assignments by the agent a stateline description names. */
  readonly byDescribedAgent: Map<string, Held[]>;
}

/** An assignment and its input position (to merge an agent's assignments from several principals back into input order). */
interface Held {
  readonly a: Assignment;
  readonly at: number;
}

/** Only these references can name a service principal (a reference's address starts with its type). */
const SP_REFERENCE = /^\$\{(?:data\.)?azuread_service_principal\./;

function principalIndex(inv: InventoryView): Principals {
  return inv.memo('path:assignment-principals', () => {
    const index: Principals = { bySp: new Map(), byLiteral: new Map(), byDescribedAgent: new Map() };
    const add = <K>(m: Map<K, Held[]>, k: K, held: Held) => {
      const list = m.get(k);
      if (list) list.push(held);
      else m.set(k, [held]);
    };
    let at = 0;
    for (const ra of inv.ofType('azurerm_role_assignment')) {
      if (ra.mode !== 'managed') continue;
      at++;
      const p = ra.properties.principal_id;
      const literalPrincipal = literal(p);
      if (literalPrincipal !== undefined) {
        const held = { a: assignmentOf(inv, ra), at };
        add(index.byLiteral, literalPrincipal.toLowerCase(), held);
        const described = /^stateline agent ([A-Za-z0-9_]+):/.exec(literal(ra.properties.description) ?? '')?.[1];
        if (described !== undefined) add(index.byDescribedAgent, described, held);
        continue;
      }
      if (typeof p === 'string' && !SP_REFERENCE.test(p)) continue;
      const sp = resolve(inv, ra, p);
      if (sp && sp.type === 'azuread_service_principal') add(index.bySp, sp, { a: assignmentOf(inv, ra), at });
    }
    return index;
  });
}

/** A role assignment that may be an agent's: what it covers and what its role proves. */
interface Assignment {
  readonly ra: InventoryResource;
  /** Managed account the scope resolves to, or the resource group / subscription it covers. */
  readonly account?: InventoryResource;
  readonly resourceGroup?: string;
  readonly subscription: boolean;
  /** Literal scope text (for `/subscriptions/.../accounts/<name>` scopes). */
  readonly scopeText?: string;
  /** The inference role it grants without an ABAC condition (a condition proves nothing: stateline cannot evaluate it). */
  readonly role?: { readonly name: string; readonly allFormats: boolean };
}

function assignmentOf(inv: InventoryView, ra: InventoryResource): Assignment {
  const target = resolveTf(inv, ra, ra.properties.scope);
  const ref = target ? undefined : resolve(inv, ra, ra.properties.scope);
  return {
    ra,
    account: target && target.type !== 'azurerm_resource_group' ? target : undefined,
    resourceGroup: target?.type === 'azurerm_resource_group' ? tfName(inv, target) : undefined,
    subscription: ref !== undefined && /^data\.azurerm_subscription/.test(ref.id),
    scopeText: literal(ra.properties.scope),
    role: ra.properties.condition === undefined ? roleOf(ra) : undefined,
  };
}

/**
 * The agent's role assignments: by its (tagged) service principal; for a literal principal id
 * (bring-your-own identity), the one the agent's environment names (`AZURE_PRINCIPAL_ID`), or
 * when the environment names none, an assignment stateline describes as the agent's.
 */
function agentAssignments(inv: InventoryView, agent: string, principalId: string | undefined): Assignment[] {
  return inv.memo(`path:assignments:${agent}:${principalId ?? ''}`, () => {
    const index = principalIndex(inv);
    const lists: Held[][] = [];
    for (const sp of agentPrincipals(inv, agent)) lists.push(index.bySp.get(sp) ?? []);
    lists.push((principalId !== undefined ? index.byLiteral.get(principalId.toLowerCase()) : index.byDescribedAgent.get(agent)) ?? []);
    const nonEmpty = lists.filter((l) => l.length > 0);
    const held = nonEmpty.length === 1 ? nonEmpty[0] : nonEmpty.flat().sort((x, y) => x.at - y.at);
    return held.map(({ a }) => a);
  });
}

/** An account scope path `/subscriptions/<s>/resourceGroups/<rg>[/providers/Microsoft.CognitiveServices/accounts/<name>]`. */
const SCOPE_TEXT = /^\/subscriptions\/[^/]+(?:\/resourceGroups\/([^/]+)(?:\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/]+))?)?\/?$/i;

/** What an agent's assignments cover, indexed for O(1) lookups: by account, resource group, or the whole subscription. */
interface Coverage {
  readonly byAccount: Map<InventoryResource, Assignment[]>;
  /** Lowercased resource group name (and account name for literal account scopes). */
  readonly byGroup: Map<string, Assignment[]>;
  readonly byAccountName: Map<string, Assignment[]>;
  readonly subscription: Assignment[];
}

function coverage(inv: InventoryView, agent: string, principalId: string | undefined): Coverage {
  return inv.memo(`path:coverage:${agent}:${principalId ?? ''}`, () => {
    const c: Coverage = { byAccount: new Map(), byGroup: new Map(), byAccountName: new Map(), subscription: [] };
    const add = <K>(m: Map<K, Assignment[]>, k: K, a: Assignment) => {
      const list = m.get(k);
      if (list) list.push(a);
      else m.set(k, [a]);
    };
    for (const a of agentAssignments(inv, agent, principalId)) {
      if (a.account !== undefined) add(c.byAccount, a.account, a);
      else if (a.subscription) c.subscription.push(a);
      else if (a.resourceGroup !== undefined) add(c.byGroup, a.resourceGroup.toLowerCase(), a);
      else if (a.scopeText) {
        const m = SCOPE_TEXT.exec(a.scopeText);
        if (!m) continue;
        if (m[2]) add(c.byAccountName, `${m[1].toLowerCase()}/${m[2]}`, a);
        else if (m[1]) add(c.byGroup, m[1].toLowerCase(), a);
        else c.subscription.push(a);
      }
    }
    return c;
  });
}

/** An account's name and resource group as assignment scopes name them (found once per account). */
function accountScope(inv: InventoryView, account: InventoryResource): { name?: string; rg: string } {
  const scopes = inv.memo('path:account-scopes', () => new Map<InventoryResource, { name?: string; rg: string }>());
  let s = scopes.get(account);
  if (s === undefined) scopes.set(account, (s = { name: tfName(inv, account), rg: (tfName(inv, account, 'resource_group_name') ?? '').toLowerCase() }));
  return s;
}

const NONE: readonly Assignment[] = [];

/** The agent's role assignments whose scope covers the account (the account itself, its resource group or subscription). */
function assignmentsOn(inv: InventoryView, c: Coverage, account: InventoryResource): readonly Assignment[] {
  const byAccount = c.byAccount.get(account) ?? NONE;
  if (c.byAccountName.size === 0 && c.byGroup.size === 0 && c.subscription.length === 0) return byAccount;
  const { name, rg } = accountScope(inv, account);
  // In scope order: the account, then by literal account scope, resource group, subscription.
  const byName = c.byAccountName.get(`${rg}/${name ?? ''}`) ?? NONE;
  const byGroup = c.byGroup.get(rg) ?? NONE;
  return [...byAccount, ...byName, ...byGroup, ...c.subscription];
}

/** The role name of an assignment (by name, or by the role definition GUID). */
function roleOf(ra: InventoryResource): { readonly name: string; readonly allFormats: boolean } | undefined {
  const name = literal(ra.properties.role_definition_name);
  const byName = name !== undefined ? ROLE_BY_NAME.get(name) : undefined;
  if (byName) return byName;
  const id = literal(ra.properties.role_definition_id)?.toLowerCase().split('/').pop();
  return id ? ROLE_BY_ID.get(id) : undefined;
}

/** Whether an agent's identity may run inference on an account (see `authorizer`); the reason when not. */
export type Authorizer = (account: InventoryResource, openAiOnly: boolean) => string | undefined;

/**
 * Whether the agent's identity holds an inference role on an account that covers a
 * deployment's model format. `principalId` is the literal object id the agent's environment
 * names (bring-your-own identities). The agent's assignments are gathered once; each account
 * is then a few map lookups, answered once per account and format.
 */
export function authorizer(inv: InventoryView, agent: string, principalId: string | undefined): Authorizer {
  return inv.memo(`path:authz:${agent}:${principalId ?? ''}`, () => {
    const assignments = agentAssignments(inv, agent, principalId);
    const c = coverage(inv, agent, principalId);
    const answers = [new Map<InventoryResource, string | undefined>(), new Map<InventoryResource, string | undefined>()];
    return (account: InventoryResource, openAiOnly: boolean) => {
      const known = answers[openAiOnly ? 1 : 0];
      if (known.has(account)) return known.get(account);
      const why = findAuthorization(inv, agent, principalId, assignments, c, account, openAiOnly);
      known.set(account, why);
      return why;
    };
  });
}

function findAuthorization(inv: InventoryView, agent: string, principalId: string | undefined, assignments: readonly Assignment[], c: Coverage, account: InventoryResource, openAiOnly: boolean): string | undefined {
  const onAccount = assignments.length > 0 ? assignmentsOn(inv, c, account) : NONE;
  for (const a of onAccount) if (a.role !== undefined && (openAiOnly || a.role.allFormats)) return undefined;
  const who = principalId ? `the Azure identity of agent ${agent} (principal ${principalId})` : `the Azure identity of agent ${agent}`;
  if (assignments.length === 0) {
    return principalId
      ? `no role assignment for ${who} in the inputs`
      : `no role assignment for ${who} in the inputs (no app registration tagged ${AGENT_TAG}${agent}, no assignment describing "stateline agent ${agent}:")`;
  }
  const accountName = accountScope(inv, account).name ?? account.id;
  if (onAccount.length === 0) return `${who} has no role on ${accountName}`;
  const held = onAccount.map(({ ra }) => `${literal(ra.properties.role_definition_name) ?? literal(ra.properties.role_definition_id) ?? '?'}${ra.properties.condition !== undefined ? ' (with an ABAC condition stateline cannot evaluate)' : ''}`).join(', ');
  return onAccount.some((a) => a.role !== undefined)
    ? `${who} holds only ${held} on ${accountName}, which does not cover its non-OpenAI deployments: use Cognitive Services User`
    : `${who} holds ${held} on ${accountName}: not an unconditional inference (data-plane) role`;
}
