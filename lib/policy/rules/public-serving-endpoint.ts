/**
 * privacy/public-serving-endpoint: Azure serving resources are private. Azure OpenAI / AI
 * Services accounts, AKS clusters and their node pools, ML online endpoints, and public IPs or
 * load balancers in front of a model server must not be reachable from the internet.
 * The VPN gateway's public IPs are the link itself and are allowed.
 */
import { decodeDocument } from '../util/hcl-expr';
import { COMPLIANT, NOT_APPLICABLE, reasons, typeIn } from '../rule';
import type { InventoryResource, InventoryView, Rule } from '../types';
import { block, blocks, bool, isObj, isToken, literal, Obj, path, prop, referencedId, strings } from '../util/values';

/** Names or tags that put a public IP or load balancer in a serving context. */
const SERVING_WORDS = /serv(?:e|ing)|infer|model|llm|openai|vllm|triton|gpu|aks|kube|k8s|scoring|predict|ingress/i;

/** Public IPs whose role is not serving: VPN gateways, Bastion, Azure Firewall, NAT gateways. */
function nonServingPublicIps(inv: InventoryView): Set<string> {
  return inv.memo('privacy/non-serving-public-ips', () => {
    const ids = new Set<string>();
    const add = (r: InventoryResource, v: unknown) => {
      for (const s of strings(v)) {
        const ref = referencedId(s);
        if (ref) ids.add(`${r.stack}\u0000${ref}`);
      }
    };
    for (const type of ['azurerm_virtual_network_gateway', 'azurerm_bastion_host', 'azurerm_firewall']) {
      for (const r of inv.ofType(type)) for (const ip of blocks(r.properties.ip_configuration)) add(r, ip.public_ip_address_id);
    }
    for (const r of inv.ofType('azurerm_nat_gateway_public_ip_association')) add(r, r.properties.public_ip_address_id);
    return ids;
  });
}

/** Whether a resource's name, address or tags suggest it fronts a model server. */
function looksServing(r: InventoryResource): boolean {
  const words = [r.id, literal(r.properties.name) ?? '', literal(r.properties.domain_name_label) ?? '', ...Object.keys(r.tags), ...Object.values(r.tags)];
  return words.some((w) => SERVING_WORDS.test(w));
}

/** `false`/`"Disabled"` means private; absent means the provider default (public); tokens are unknown. */
function publicAccess(v: unknown, defaultPublic: boolean, what: string): string | undefined {
  if (v === undefined) return defaultPublic ? `${what} is not set (the provider default allows public network access)` : undefined;
  const b = bool(v);
  if (b === true) return `${what} is true`;
  const s = literal(v);
  if (s !== undefined && s.toLowerCase() === 'enabled') return `${what} is "Enabled"`;
  return undefined;
}

function aks(p: Obj): string[] {
  const out: string[] = [];
  if (bool(p.private_cluster_enabled) !== true && !isToken(p.private_cluster_enabled)) {
    out.push('private_cluster_enabled is not true: the Kubernetes API server is public');
  }
  const pool = block(p.default_node_pool);
  if (pool && bool(pool.node_public_ip_enabled ?? pool.enable_node_public_ip) === true) out.push('default_node_pool has node_public_ip_enabled = true');
  return out;
}

/** azapi resources: Cognitive Services accounts, ML online endpoints and AKS clusters by their ARM type. */
function azapi(p: Obj): string[] {
  const type = literal(p.type)?.split('@')[0].toLowerCase();
  if (!type) return [];
  const body = decodeDocument(p.body);
  const props = isObj(body) ? prop(body, 'properties') : undefined;
  if (type === 'microsoft.cognitiveservices/accounts' || type === 'microsoft.machinelearningservices/workspaces/onlineendpoints') {
    const access = literal(prop(props, 'publicNetworkAccess'));
    return access?.toLowerCase() === 'disabled' ? [] : [`body.properties.publicNetworkAccess is ${access ? `"${access}"` : 'not set (default Enabled)'}`];
  }
  if (type === 'microsoft.containerservice/managedclusters') {
    return bool(path(props, 'apiServerAccessProfile', 'enablePrivateCluster')) === true ? [] : ['apiServerAccessProfile.enablePrivateCluster is not true'];
  }
  return [];
}

function publicIp(r: InventoryResource, inv: InventoryView): string[] {
  if (nonServingPublicIps(inv).has(`${r.stack}\u0000${r.id}`)) return [];
  return looksServing(r) ? ['a public IP whose name or tags mark it as serving: a model server must sit behind an internal load balancer and Private Link'] : [];
}

function loadBalancer(r: InventoryResource, inv: InventoryView): string[] {
  const frontends = blocks(r.properties.frontend_ip_configuration).filter((f) => f.public_ip_address_id !== undefined || f.public_ip_prefix_id !== undefined);
  if (frontends.length === 0) return [];
  const servingIp = frontends.some((f) => {
    const ref = referencedId(f.public_ip_address_id);
    const ip = ref ? inv.lookup(r.stack, ref) : undefined;
    return ip !== undefined && looksServing(ip);
  });
  return servingIp || looksServing(r) ? ['a public load balancer frontend in front of a model server'] : [];
}

/** One access check as a list of reasons (empty when private or unknown). */
const access = (key: string) => (r: InventoryResource) => {
  const reason = publicAccess(r.properties[key], true, key);
  return reason ? [reason] : [];
};

const CHECKS: Record<string, (r: InventoryResource, inv: InventoryView) => string[]> = {
  azurerm_cognitive_account: access('public_network_access_enabled'),
  azurerm_ai_services: access('public_network_access'),
  azurerm_ai_foundry: access('public_network_access'),
  azurerm_machine_learning_online_endpoint: access('public_network_access_enabled'),
  azurerm_kubernetes_cluster: (r) => aks(r.properties as Obj),
  azurerm_kubernetes_cluster_node_pool: (r) =>
    bool(r.properties.node_public_ip_enabled ?? r.properties.enable_node_public_ip) === true ? ['node_public_ip_enabled = true gives GPU nodes public IPs'] : [],
  azapi_resource: (r) => azapi(r.properties as Obj),
  azurerm_public_ip: publicIp,
  azurerm_lb: loadBalancer,
};

export const publicServingEndpoint: Rule = {
  id: 'privacy/public-serving-endpoint',
  severity: 'error',
  description: 'An Azure serving resource (AI Services/OpenAI account, AKS, ML endpoint, public IP or load balancer of a model server) is reachable from the internet.',
  rationale:
    'The agent runtime reaches models only over the private cross-cloud link. A public endpoint lets prompts and responses bypass ' +
    'the link, and `public_network_access_enabled` defaults to true on azurerm accounts, so omitting it means public.',
  fix:
    'Set `public_network_access_enabled = false` (or `public_network_access = "Disabled"`) and add a private endpoint; set ' +
    '`private_cluster_enabled = true` on AKS and never `node_public_ip_enabled`; expose model servers through an internal load balancer ' +
    'and `azurerm_private_link_service`. Public IPs of the VPN gateway are allowed.',
  scope: 'azurerm_cognitive_account, azurerm_ai_services, azurerm_ai_foundry, azurerm_kubernetes_cluster(+_node_pool), azurerm_machine_learning_online_endpoint, azurerm_public_ip, azurerm_lb, azapi_resource.',
  appliesTo: typeIn(...Object.keys(CHECKS)),
  evaluate(resource, ctx) {
    const check = CHECKS[resource.type];
    if (!check) return NOT_APPLICABLE;
    const found = check(resource, ctx.inventory);
    return found.length ? reasons(found) : COMPLIANT;
  },
};
