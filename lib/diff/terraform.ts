/**
 * Terraform (CDKTF JSON) differ. An address change is destroy + create; attribute changes
 * listed in FORCE_NEW replace the resource (from the azurerm 4.x docs: "Changing this
 * forces a new resource to be created").
 */
import { isStateful } from './classify';
import { isSetList } from './list-semantics';
import type { ChangeKind, ResourceChange } from './model';
import { classifySecurity } from './security';
import { deepRawChanges, equal, RawChange, renderChange } from './values';

/** Attributes that force replacement on every azurerm resource. */
const FORCE_NEW_ALL = ['name', 'location', 'resource_group_name'];

/** Per-type ForceNew attribute paths (prefix match on the changed path). */
export const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
  azurerm_cognitive_account: ['kind', 'custom_subdomain_name'],
  azurerm_cognitive_deployment: ['cognitive_account_id', 'model[0].format', 'model[0].name', 'model.format', 'model.name'],
  azurerm_kubernetes_cluster: ['dns_prefix', 'dns_prefix_private_cluster', 'private_cluster_enabled', 'private_dns_zone_id', 'node_resource_group', 'disk_encryption_set_id', 'network_profile', 'edge_zone'],
  azurerm_kubernetes_cluster_node_pool: ['kubernetes_cluster_id', 'vm_size', 'vnet_subnet_id', 'zones', 'os_type', 'os_disk_type', 'max_pods', 'node_public_ip_enabled', 'kubelet_disk_type', 'pod_subnet_id'],
  azurerm_virtual_network_gateway: ['type', 'vpn_type', 'generation', 'edge_zone'],
  azurerm_virtual_network_gateway_connection: ['type', 'virtual_network_gateway_id', 'local_network_gateway_id', 'peer_virtual_network_gateway_id', 'express_route_circuit_id'],
  azurerm_public_ip: ['sku', 'zones', 'ip_version', 'sku_tier', 'edge_zone', 'public_ip_prefix_id'],
  azurerm_private_endpoint: ['subnet_id', 'private_service_connection'],
  azurerm_private_dns_resolver: ['virtual_network_id'],
  azurerm_private_dns_resolver_inbound_endpoint: ['private_dns_resolver_id', 'ip_configurations'],
  azurerm_private_dns_zone_virtual_network_link: ['private_dns_zone_name', 'virtual_network_id'],
  azurerm_virtual_network_peering: ['virtual_network_name', 'remote_virtual_network_id'],
  azurerm_subnet: ['virtual_network_name'],
  azurerm_log_analytics_workspace: [],
  azurerm_monitor_diagnostic_setting: ['target_resource_id'],
  azurerm_private_link_service: [],
  azurerm_role_assignment: ['scope', 'role_definition_id', 'role_definition_name', 'principal_id'],
};

type TfJson = { resource?: Record<string, Record<string, Record<string, unknown>>> };

function isReplacing(type: string) {
  const paths = [...(type.startsWith('azurerm_') ? FORCE_NEW_ALL : []), ...(FORCE_NEW[type] ?? [])];
  return (p: string) => paths.some((f) => p === f || p.startsWith(`${f}.`) || p.startsWith(`${f}[`));
}

/** Metadata cdktf adds (`//`) is not a change to infrastructure. */
function body(r: Record<string, unknown>): Record<string, unknown> {
  const { '//': _meta, ...rest } = r;
  return rest;
}

function flatten(tf: TfJson): Map<string, { type: string; body: Record<string, unknown> }> {
  const out = new Map<string, { type: string; body: Record<string, unknown> }>();
  for (const [type, byName] of Object.entries(tf.resource ?? {})) {
    for (const [name, r] of Object.entries(byName ?? {})) out.set(`${type}.${name}`, { type, body: body(r ?? {}) });
  }
  return out;
}

function change(address: string, type: string, kind: ChangeKind, raw: RawChange[], before?: Record<string, unknown>, after?: Record<string, unknown>): ResourceChange {
  const reasons = classifySecurity({ cloud: 'azure', resourceType: type, kind, changes: raw, before, after });
  return {
    resource: address, resourceType: type, kind, stateful: isStateful(type),
    security: reasons.length > 0, ...(reasons.length ? { securityReasons: reasons } : {}),
    properties: raw.map(renderChange),
  };
}

export function diffTerraform(oldTf: TfJson | undefined, newTf: TfJson | undefined): ResourceChange[] {
  const before = flatten(oldTf ?? {});
  const after = flatten(newTf ?? {});
  const changes: ResourceChange[] = [];
  for (const address of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const o = before.get(address);
    const n = after.get(address);
    const type = (n ?? o)!.type;
    if (!o) {
      changes.push(change(address, type, 'add', [], undefined, n!.body));
    } else if (!n) {
      changes.push(change(address, type, 'remove', [], o.body, undefined));
    } else if (!equal(o.body, n.body)) {
      const raw = deepRawChanges(o.body, n.body, '', { replaces: isReplacing(type), isSet: (p) => isSetList(type, p) });
      if (raw.length === 0) continue; // only a set was reordered
      changes.push(change(address, type, raw.some((p) => p.replaces) ? 'replace' : 'update', raw, o.body, n.body));
    }
  }
  return changes;
}
