/**
 * Builds the diagram: cloud boundaries side by side, Azure hub and serving regions, the AWS
 * agent VPC, the link with its tunnels between them, the request path
 * (agent runtime -> DNS forward -> tunnel -> private endpoint -> model), and each agent's tools
 * behind its tool gateway.
 *
 * Significant resources get their own node; low-level ones (subnets, routes, associations,
 * policies, diagnostics...) collapse into one "supporting resources (N)" node per group so
 * the picture stays readable at many regions. A resource with an unsuppressed error is
 * never collapsed: it is drawn in red with its rule ids.
 */
import type { ProvenTargets } from '../path';
import type { Finding, InventoryResource } from '../policy/types';
import { referencedId } from '../policy/util/values';
import type { CloudGraph, CloudId, GraphEdge, GraphGroup, GraphNode } from './model';

/** Roles of significant resources, by type; anything else collapses. */
const ROLES: Readonly<Record<string, string>> = {
  // AWS agent layer
  'AWS::BedrockAgentCore::Runtime': 'agent runtime', 'AWS::BedrockAgentCore::RuntimeEndpoint': 'agent runtime endpoint',
  'AWS::BedrockAgentCore::Memory': 'memory', 'AWS::BedrockAgentCore::Gateway': 'tool gateway', 'AWS::BedrockAgentCore::GatewayTarget': 'tool',
  aws_bedrockagentcore_gateway: 'tool gateway', aws_bedrockagentcore_gateway_target: 'tool',
  'AWS::DynamoDB::Table': 'state table', 'AWS::S3::Bucket': 'bucket', 'AWS::EC2::VPC': 'VPC',
  'AWS::Route53Resolver::ResolverEndpoint': 'DNS resolver endpoint', 'AWS::EC2::VPNGateway': 'VPN gateway',
  'AWS::EC2::TransitGateway': 'transit gateway', 'AWS::EC2::CustomerGateway': 'customer gateway',
  'AWS::EC2::VPNConnection': 'VPN connection',
  // Anything serving inference on AWS is significant (and normally a violation).
  'AWS::SageMaker::Endpoint': 'SageMaker endpoint', 'AWS::SageMaker::Model': 'SageMaker model', 'AWS::Bedrock::Agent': 'Bedrock agent',
  // Azure serving layer
  azurerm_virtual_network_gateway: 'VPN gateway', azurerm_private_dns_resolver: 'DNS private resolver',
  azurerm_private_dns_resolver_inbound_endpoint: 'resolver inbound endpoint', azurerm_cognitive_account: 'AI Services account',
  azurerm_cognitive_deployment: 'model deployment', azurerm_kubernetes_cluster: 'AKS cluster (private)',
  azurerm_kubernetes_cluster_node_pool: 'GPU node pool', azurerm_private_endpoint: 'private endpoint',
  azurerm_private_link_service: 'private link service', azurerm_local_network_gateway: 'local network gateway',
  azurerm_virtual_network_gateway_connection: 'connection',
  aws_sagemaker_endpoint: 'SageMaker endpoint', google_vertex_ai_endpoint: 'Vertex AI endpoint',
};

/** Types summarized as one node per group with a count (e.g. "DNS zones (3)"). */
const SUMMARIZED: Readonly<Record<string, string>> = {
  azurerm_private_dns_zone: 'private DNS zones', 'AWS::Route53Resolver::ResolverRule': 'DNS forward rules',
  'AWS::EC2::VPCEndpoint': 'VPC endpoints', azurerm_cognitive_deployment: 'model deployments',
  azurerm_public_ip: 'public IPs', 'AWS::KMS::Key': 'KMS keys', 'AWS::EC2::CustomerGateway': 'customer gateways',
  'AWS::EC2::VPNConnection': 'VPN connections (2 tunnels each)', 'AWS::S3::Bucket': 'buckets',
  azurerm_local_network_gateway: 'local network gateways', azurerm_virtual_network_gateway_connection: 'IPsec connections',
};

/** In serving regions only the serving path stays visible; zones and their links fold into the supporting node. */
const SERVING_FOLDED = new Set(['azurerm_private_dns_zone']);

const SAFE = /[^A-Za-z0-9_]/g;
export const nodeId = (s: string) => `n_${s.replace(SAFE, '_')}`;
const groupId = (s: string) => `g_${s.replace(SAFE, '_')}`;

function cloudOf(r: InventoryResource): CloudId {
  return r.cloud === 'aws' ? 'aws' : r.cloud === 'azure' ? 'azure' : 'other';
}

/**
 * Utility providers (`time`, `random`, `null`, ...) belong to no cloud: their resources are
 * drawn with the cloud of the stack that holds them.
 */
function stackClouds(resources: readonly InventoryResource[]): (r: InventoryResource) => CloudId {
  const votes = new Map<string, { aws: number; azure: number }>();
  for (const r of resources) {
    const c = cloudOf(r);
    if (c !== 'aws' && c !== 'azure') continue;
    const v = votes.get(r.stack) ?? { aws: 0, azure: 0 };
    v[c]++;
    votes.set(r.stack, v);
  }
  return (r) => {
    const c = cloudOf(r);
    if (c !== 'other') return c;
    const v = votes.get(r.stack);
    return v ? (v.azure >= v.aws ? 'azure' : 'aws') : 'other';
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && !v.includes('${') ? v : undefined;
}

/** Azure stacks holding serving resources are serving regions; the one with the gateway/resolver is the hub. */
function azureGroupLabel(rs: readonly InventoryResource[], stack: string): string {
  const loc = rs.map((r) => str(r.properties.location)).find(Boolean);
  const has = (t: string) => rs.some((r) => r.type === t);
  const kind = has('azurerm_cognitive_account') || has('azurerm_kubernetes_cluster') ? 'serving region'
    : has('azurerm_virtual_network_gateway') || has('azurerm_private_dns_resolver') ? 'hub'
      : has('azurerm_virtual_network_gateway_connection') ? 'link'
        : has('azuread_application') || (rs.length > 0 && rs.every((r) => r.type === 'azurerm_role_assignment' || r.provider === 'azuread' || r.provider === 'time')) ? 'agent identities' : 'stack';
  return `${kind}${loc ? ` ${loc}` : ''} (${stack})`;
}

interface Builder {
  groups: GraphGroup[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function violationsBy(findings: readonly Finding[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const f of findings) {
    if (f.suppressed || f.severity !== 'error') continue;
    const k = `${f.stack}\0${f.resource}`;
    m.set(k, [...new Set([...(m.get(k) ?? []), f.rule])].sort());
  }
  return m;
}

/** What kind of tool a gateway target is (CloudFormation `TargetConfiguration.Mcp.<kind>`, Terraform `target_configuration.mcp.<kind>`). */
const TOOL_KINDS: ReadonlyArray<[string, string]> = [
  ['Lambda', 'Lambda'], ['OpenApiSchema', 'OpenAPI'], ['McpServer', 'MCP server'], ['SmithyModel', 'Smithy'], ['ApiGateway', 'API Gateway'],
  ['lambda', 'Lambda'], ['open_api_schema', 'OpenAPI'], ['mcp_server', 'MCP server'], ['smithy_model', 'Smithy'], ['api_gateway', 'API Gateway'],
];

function toolKind(r: InventoryResource): string | undefined {
  const config = r.properties.TargetConfiguration ?? r.properties.target_configuration;
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v) as Record<string, unknown> | undefined;
  const mcp = first(first(config)?.Mcp ?? first(config)?.mcp);
  return mcp ? TOOL_KINDS.find(([k]) => mcp[k] !== undefined)?.[1] : undefined;
}

function labelFor(r: InventoryResource, role: string): string {
  const name = str(r.properties.name) ?? str(r.properties.Name) ?? str(r.properties.TableName) ?? str(r.properties.AgentRuntimeName) ?? r.id.split('.').pop() ?? r.id;
  const kind = role === 'tool' ? toolKind(r) : undefined;
  return `${role}\\n${name}${kind ? ` (${kind})` : ''}`;
}

function addGroupResources(b: Builder, gid: string, rs: readonly InventoryResource[], v: Map<string, string[]>, serving: boolean): void {
  const collapsed: InventoryResource[] = [];
  const summarized = new Map<string, InventoryResource[]>();
  for (const r of rs) {
    const violations = v.get(`${r.stack}\0${r.id}`) ?? [];
    const summary = serving && SERVING_FOLDED.has(r.type) ? undefined : SUMMARIZED[r.type];
    if (violations.length === 0 && summary) {
      summarized.set(summary, [...(summarized.get(summary) ?? []), r]);
    } else if (ROLES[r.type] || violations.length > 0) {
      const role = ROLES[r.type] ?? r.type;
      b.nodes.push({ id: nodeId(`${r.stack}/${r.id}`), label: labelFor(r, role), group: gid, role, resources: [r.id], violations, stackOf: r.stack });
    } else {
      collapsed.push(r);
    }
  }
  for (const [label, members] of [...summarized.entries()].sort(([a], [c]) => a.localeCompare(c))) {
    b.nodes.push({ id: nodeId(`${gid}/${label}`), label: `${label} (${members.length})`, group: gid, role: label, resources: members.map((m) => m.id), violations: [] });
  }
  if (collapsed.length > 0) {
    b.nodes.push({ id: nodeId(`${gid}/supporting`), label: `supporting resources (${collapsed.length})`, group: gid, role: 'supporting', resources: collapsed.map((m) => m.id), violations: [] });
  }
}

function firstOf(b: Builder, cloud: CloudId, ...roles: string[]): GraphNode[] {
  const inCloud = new Set(b.groups.filter((g) => g.cloud === cloud).map((g) => g.id));
  return roles.flatMap((role) => b.nodes.filter((n) => inCloud.has(n.group) && n.role === role));
}

/** Tunnels: two per AWS VPN connection (else one per Azure connection). */
function addLink(b: Builder, resources: readonly InventoryResource[]): GraphNode[] {
  const vpn = resources.filter((r) => r.type === 'AWS::EC2::VPNConnection' || r.type === 'aws_vpn_connection');
  const tunnels: { label: string }[] = [];
  vpn.forEach((c) => {
    const specs = Array.isArray(c.properties.VpnTunnelOptionsSpecifications) ? (c.properties.VpnTunnelOptionsSpecifications as Record<string, unknown>[]) : [{}, {}];
    specs.forEach((s, i) => {
      const cidr = str(s.TunnelInsideCidr) ?? str(c.properties[`tunnel${i + 1}_inside_cidr`]);
      tunnels.push({ label: `tunnel ${tunnels.length + 1}${cidr ? `\\n${cidr}` : ''}` });
    });
  });
  if (tunnels.length === 0) {
    resources.filter((r) => r.type === 'azurerm_virtual_network_gateway_connection').forEach(() => tunnels.push({ label: `tunnel ${tunnels.length + 1}` }));
  }
  if (tunnels.length === 0) return [];
  b.groups.push({ id: 'g_link', label: `private link: IPsec + BGP (${tunnels.length} tunnels)`, cloud: 'link' });
  const nodes = tunnels.map((t, i) => ({ id: `n_tunnel_${i + 1}`, label: t.label, group: 'g_link', role: 'tunnel', resources: [], violations: [] }));
  b.nodes.push(...nodes);
  const awsGw = firstOf(b, 'aws', 'VPN gateway', 'transit gateway')[0];
  const azGw = firstOf(b, 'azure', 'VPN gateway')[0];
  for (const t of nodes) {
    if (awsGw) b.edges.push({ from: awsGw.id, to: t.id, kind: 'link' });
    if (azGw) b.edges.push({ from: t.id, to: azGw.id, kind: 'link' });
  }
  return nodes;
}

/**
 * The request path: runtime -> resolver endpoint (DNS forward) -> tunnel -> private endpoint ->
 * model, drawn only to endpoints and clusters on a path the path analysis proved (never to a
 * Key Vault endpoint no agent calls); nothing is drawn when nothing is proven.
 */
function addRequestPath(b: Builder, tunnels: readonly GraphNode[], proven: ProvenTargets): void {
  const provenNode = (set: ReadonlySet<string>) => (n: GraphNode) => n.resources.some((id) => set.has(`${n.stackOf}\u0000${id}`));
  const endpoints = firstOf(b, 'azure', 'private endpoint').filter(provenNode(proven.endpoints));
  const clusters = firstOf(b, 'azure', 'AKS cluster (private)').filter(provenNode(proven.clusters));
  if (endpoints.length === 0 && clusters.length === 0) return;
  const runtimes = firstOf(b, 'aws', 'agent runtime');
  const resolver = firstOf(b, 'aws', 'DNS resolver endpoint')[0];
  const entry = tunnels[0];
  for (const rt of runtimes) {
    if (resolver) b.edges.push({ from: rt.id, to: resolver.id, kind: 'request', label: 'DNS forward' });
    if (entry) b.edges.push({ from: rt.id, to: entry.id, kind: 'request', label: 'HTTPS over VPN' });
  }
  if (resolver && entry) b.edges.push({ from: resolver.id, to: entry.id, kind: 'request', label: 'DNS :53' });
  const inboundDns = firstOf(b, 'azure', 'resolver inbound endpoint', 'DNS private resolver')[0];
  if (entry && inboundDns) b.edges.push({ from: entry.id, to: inboundDns.id, kind: 'request', label: 'resolve privatelink' });
  for (const pe of endpoints) {
    if (entry) b.edges.push({ from: entry.id, to: pe.id, kind: 'request' });
    const models = b.nodes.filter((n) => n.group === pe.group && (n.role === 'AI Services account' || n.role === 'private link service'));
    for (const m of models) b.edges.push({ from: pe.id, to: m.id, kind: 'request' });
    const deployments = b.nodes.filter((n) => n.group === pe.group && n.role === 'model deployments');
    for (const m of models) for (const dpl of deployments) b.edges.push({ from: m.id, to: dpl.id, kind: 'uses' });
  }
  for (const c of clusters) {
    if (entry) b.edges.push({ from: entry.id, to: c.id, kind: 'request', label: 'internal LB' });
    for (const pool of b.nodes.filter((n) => n.group === c.group && n.role === 'GPU node pool')) b.edges.push({ from: c.id, to: pool.id, kind: 'uses' });
  }
}

/**
 * Tools behind their gateway: gateway -> each target (`GatewayIdentifier`), and each agent
 * runtime -> the gateway its environment names (`TOOL_GATEWAY_URL` is a reference to it). The
 * targets are called by the gateway service, outside the agent VPC.
 */
function addToolEdges(b: Builder, resources: readonly InventoryResource[]): void {
  const present = new Set(b.nodes.map((n) => n.id));
  const edge = (from: string, to: string, label?: string) => {
    if (present.has(from) && present.has(to)) b.edges.push({ from, to, kind: 'uses', ...(label ? { label } : {}) });
  };
  for (const r of resources) {
    if (ROLES[r.type] === 'tool') {
      const gw = referencedId(r.properties.GatewayIdentifier ?? r.properties.gateway_identifier);
      if (gw) edge(nodeId(`${r.stack}/${gw}`), nodeId(`${r.stack}/${r.id}`));
    } else if (ROLES[r.type] === 'agent runtime') {
      const env = r.properties.EnvironmentVariables ?? r.properties.environment_variables;
      const gw = referencedId((env as Record<string, unknown> | undefined)?.TOOL_GATEWAY_URL);
      if (gw) edge(nodeId(`${r.stack}/${r.id}`), nodeId(`${r.stack}/${gw}`), 'MCP tools');
    }
  }
}

/**
 * Invisible edges that put AWS left of the link and Azure right of it: every AWS node
 * without outgoing edges points at the first tunnel, every Azure node without incoming
 * edges hangs off the last one.
 */
function addLayoutEdges(b: Builder, tunnels: readonly GraphNode[]): void {
  if (tunnels.length === 0) return;
  const cloudOfGroup = new Map(b.groups.map((g) => [g.id, g.cloud]));
  const hasOut = new Set(b.edges.map((e) => e.from));
  const hasIn = new Set(b.edges.map((e) => e.to));
  const first = tunnels[0].id;
  const last = tunnels[tunnels.length - 1].id;
  for (const n of b.nodes) {
    const cloud = cloudOfGroup.get(n.group);
    if (cloud === 'aws' && !hasOut.has(n.id)) b.edges.push({ from: n.id, to: first, kind: 'layout' });
    if (cloud === 'azure' && !hasIn.has(n.id)) b.edges.push({ from: last, to: n.id, kind: 'layout' });
  }
}

export interface BuildGraphOptions {
  /** Serving regions left out of the drawing (`graph --region`): shown as one node with their count and violations. */
  readonly omitted?: { readonly stacks: readonly string[]; readonly violations: readonly string[] };
  /** Targets on proven agent-to-model paths: request arrows are drawn only to these. @default nothing proven */
  readonly proven?: ProvenTargets;
}

const NOTHING_PROVEN: ProvenTargets = { endpoints: new Set(), clusters: new Set() };

export function buildGraph(resources: readonly InventoryResource[], findings: readonly Finding[], options: BuildGraphOptions = {}): CloudGraph {
  const managed = resources.filter((r) => r.mode === 'managed');
  const v = violationsBy(findings);
  const b: Builder = { groups: [], nodes: [], edges: [] };
  const clouds: CloudId[] = ['aws', 'azure', 'other'];
  const cloudOfResource = stackClouds(managed);
  const labels = { aws: 'AWS: stateful agent runtime', azure: 'Azure: stateless inference', other: 'other clouds', link: '' };
  for (const cloud of clouds) {
    const mine = managed.filter((r) => cloudOfResource(r) === cloud);
    if (mine.length === 0 && cloud === 'other') continue;
    b.groups.push({ id: groupId(cloud), label: labels[cloud], cloud });
    const stacks = [...new Set(mine.map((r) => r.stack))].sort();
    for (const stack of stacks) {
      const rs = mine.filter((r) => r.stack === stack);
      const gid = groupId(`${cloud}/${stack}`);
      const label = cloud === 'azure' ? azureGroupLabel(rs, stack) : `${cloud === 'aws' ? 'agent VPC' : 'stack'} (${stack})`;
      b.groups.push({ id: gid, label, cloud, parent: groupId(cloud) });
      addGroupResources(b, gid, rs, v, label.startsWith('serving region'));
    }
    const omitted = options.omitted;
    if (cloud === 'azure' && omitted && omitted.stacks.length > 0) {
      const n = omitted.stacks.length;
      b.nodes.push({
        id: 'n_omitted_serving', group: groupId('azure'), role: 'omitted serving regions', resources: [], violations: [...omitted.violations],
        label: `${n} other serving region${n === 1 ? '' : 's'} not drawn\\n(select with --region)`,
      });
    }
  }
  const tunnels = addLink(b, managed);
  addToolEdges(b, managed);
  addRequestPath(b, tunnels, options.proven ?? NOTHING_PROVEN);
  addLayoutEdges(b, tunnels);
  return { groups: b.groups, nodes: b.nodes, edges: b.edges };
}
