/**
 * Azure serving subnets and their network security groups, from azurerm Terraform: which
 * subnets hold something that serves or resolves for the agents (private endpoints, AKS
 * nodes, internal load balancers, Private Link Service NAT addresses, DNS resolver inbound
 * endpoints, or the load balancers and Private Link Services AKS creates at run time where its
 * identity is a Network Contributor), and what their NSG admits.
 *
 * Indexed once per inventory; the rules that use it run on any azurerm input, not only
 * stateline's.
 */
import { nsgOf } from '../../path/azure';
import type { NsgRule } from '../../path/net';
import { keyOf, resolveTf, tfName } from '../../path/refs';
import type { InventoryResource, InventoryView } from '../types';
import { blocks, literal, strings } from '../util/values';

/** Subnets Azure does not allow (or need) an NSG on: the platform's own subnets. */
export const PLATFORM_SUBNETS = new Set(['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet']);

const nameOf = (inv: InventoryView, r: InventoryResource) => tfName(inv, r) ?? r.id;

/** Serving subnets (managed `azurerm_subnet` records) and what each holds. */
export function servingSubnets(inv: InventoryView): ReadonlyMap<InventoryResource, readonly string[]> {
  return inv.memo('network:serving-subnets', () => {
    const m = new Map<InventoryResource, string[]>();
    const add = (from: InventoryResource, ref: unknown, what: string) => {
      const s = resolveTf(inv, from, ref);
      if (!s || s.type !== 'azurerm_subnet' || s.mode !== 'managed') return;
      const list = m.get(s) ?? [];
      if (!list.includes(what)) list.push(what);
      m.set(s, list);
    };
    const managed = (type: string) => inv.ofType(type).filter((r) => r.mode === 'managed');
    for (const pe of managed('azurerm_private_endpoint')) add(pe, pe.properties.subnet_id, `private endpoint ${nameOf(inv, pe)}`);
    const aksIdentities = new Map<string, string>();
    for (const c of managed('azurerm_kubernetes_cluster')) {
      for (const pool of blocks(c.properties.default_node_pool)) add(c, pool.vnet_subnet_id, `AKS nodes of ${nameOf(inv, c)}`);
      for (const id of blocks(c.properties.identity).flatMap((i) => (Array.isArray(i.identity_ids) ? i.identity_ids : []))) {
        const uai = resolveTf(inv, c, id);
        if (uai) aksIdentities.set(keyOf(uai), nameOf(inv, c));
      }
    }
    for (const p of managed('azurerm_kubernetes_cluster_node_pool')) add(p, p.properties.vnet_subnet_id, `AKS node pool ${nameOf(inv, p)}`);
    for (const lb of managed('azurerm_lb')) {
      for (const f of blocks(lb.properties.frontend_ip_configuration)) add(lb, f.subnet_id, `internal load balancer ${nameOf(inv, lb)}`);
    }
    for (const pls of managed('azurerm_private_link_service')) {
      for (const n of blocks(pls.properties.nat_ip_configuration)) add(pls, n.subnet_id, `Private Link Service ${nameOf(inv, pls)}`);
    }
    for (const e of managed('azurerm_private_dns_resolver_inbound_endpoint')) {
      for (const c of blocks(e.properties.ip_configurations)) add(e, c.subnet_id, `DNS resolver inbound endpoint ${nameOf(inv, e)}`);
    }
    // AKS creates internal load balancers and Private Link Services at run time in the subnets
    // its identity may manage (Network Contributor on the subnet, as AKS requires).
    for (const ra of managed('azurerm_role_assignment')) {
      if (literal(ra.properties.role_definition_name) !== 'Network Contributor') continue;
      const principal = resolveTf(inv, ra, ra.properties.principal_id);
      const cluster = principal ? aksIdentities.get(keyOf(principal)) : undefined;
      if (cluster) add(ra, ra.properties.scope, `load balancers and Private Link Services of AKS cluster ${cluster}`);
    }
    return m;
  });
}

/** The NSG on a subnet and its rules (inline and standalone), or undefined. */
export function nsgOn(inv: InventoryView, subnet: InventoryResource): { nsg: InventoryResource; rules: NsgRule[] } | undefined {
  return nsgOf(inv, subnet);
}

const ANY_SOURCE = new Set(['*', 'any', 'internet', '0.0.0.0/0']);
const isAny = (prefixes: readonly string[]) => prefixes.some((p) => ANY_SOURCE.has(p.trim().toLowerCase()));
const allPorts = (ports: readonly string[]) => ports.some((p) => p.trim() === '*' || p.trim() === '0-65535');

/**
 * Why an NSG leaves a subnet open: inbound allows from any source (or from every connected
 * network on every port), or no deny ahead of Azure's default `AllowVnetInBound`.
 */
export function openInbound(rules: readonly NsgRule[]): string[] {
  const inbound = rules.filter((r) => r.direction === 'inbound');
  const out: string[] = [];
  for (const r of inbound) {
    if (r.access !== 'allow') continue;
    const anyDest = r.destinationGroups.length === 0 && (r.destinations.length === 0 || isAny(r.destinations) || r.destinations.includes('VirtualNetwork'));
    if (isAny(r.sources)) out.push(`rule ${r.name} (priority ${r.priority}) allows inbound from any source (${r.sources.join(', ')}) on ${r.ports.join(', ') || '*'}`);
    else if (r.sources.includes('VirtualNetwork') && anyDest && allPorts(r.ports) && r.protocol === '*') {
      out.push(`rule ${r.name} (priority ${r.priority}) allows every connected network (VirtualNetwork: peered VNets, networks behind the VPN gateway) on every port`);
    }
  }
  const closes = inbound.some((r) => r.access === 'deny' && r.protocol === '*' && allPorts(r.ports)
    && r.destinationGroups.length === 0 && (isAny(r.destinations) || r.destinations.includes('VirtualNetwork'))
    && (isAny(r.sources) || r.sources.includes('VirtualNetwork')));
  if (!closes) out.push('no inbound rule denies the rest: Azure\'s default AllowVnetInBound (priority 65000) admits every peered VNet and every network behind the VPN gateway on every port');
  return out;
}

/** Private endpoints in a subnet (names), from the index. */
export function endpointsIn(inv: InventoryView, subnet: InventoryResource): string[] {
  return (servingSubnets(inv).get(subnet) ?? []).filter((w) => w.startsWith('private endpoint ')).map((w) => w.slice('private endpoint '.length));
}

/** Whether NSGs apply to private endpoints in the subnet (`Enabled` or `NetworkSecurityGroupEnabled`; azurerm 3.x's boolean). */
export function endpointNetworkPolicies(subnet: InventoryResource): 'on' | 'off' | 'unknown' {
  const v = subnet.properties.private_endpoint_network_policies;
  const legacy = subnet.properties.private_endpoint_network_policies_enabled;
  if (v === undefined && legacy !== undefined) {
    if (typeof legacy === 'boolean') return legacy ? 'on' : 'off';
    return literal(legacy) === undefined ? 'unknown' : literal(legacy) === 'true' ? 'on' : 'off';
  }
  if (v === undefined) return 'off';
  const lit = literal(v);
  if (lit === undefined) return 'unknown';
  return lit === 'Enabled' || lit === 'NetworkSecurityGroupEnabled' ? 'on' : 'off';
}

/** What a subnet holds, for messages: `private endpoints a, b; AKS nodes of c`. */
export function describeRoles(roles: readonly string[]): string {
  const endpoints = roles.filter((r) => r.startsWith('private endpoint ')).map((r) => r.slice('private endpoint '.length));
  const rest = roles.filter((r) => !r.startsWith('private endpoint '));
  return [...(endpoints.length > 0 ? [`private endpoint${endpoints.length > 1 ? 's' : ''} ${endpoints.join(', ')}`] : []), ...rest].join('; ');
}

/** Literal subnet name or its address. */
export const subnetLabel = (inv: InventoryView, s: InventoryResource) => tfName(inv, s) ?? strings(s.properties.address_prefixes)[0] ?? s.id;
