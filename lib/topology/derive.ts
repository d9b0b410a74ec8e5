/**
 * Derivations: every value both clouds must agree on is computed here, once.
 *
 * Names, subnet plans, the tunnel plan (APIPA/inside addresses, ASNs), DNS forwarding
 * and deploy phases all come from the validated topology; constructs receive these
 * typed slices and never re-derive them.
 */
import { AGENTCORE_AZ_IDS, AZURE_REGIONS } from './regions';
import { allocate, Cidr, hostAt, parseCidr, SubnetRequest } from './cidr';
import { agentHandover } from './handover';
import { agentSubnetPlan } from './agent-subnets';
import type { Agent, AgentAzureIdentity, ServingCluster, ServingRegion, Tool, ToolDefinition, ToolKind, Topology } from './schema';
import { DocumentRef, documentRef, readToolSchemaFile } from './tool-documents';
import { TOOL_KINDS } from './tool-schema';

/** Default tunnel inside CIDRs (connection 1 tunnel 1, c1t2, c2t1, c2t2): inside Azure's APIPA range. */
export const DEFAULT_TUNNEL_CIDRS = ['169.254.21.0/30', '169.254.22.0/30', '169.254.21.4/30', '169.254.22.4/30'] as const;

/** Public zones AWS forwards to Azure, and the private link zones that answer them. */
export const AZURE_FORWARDED_ZONES = ['openai.azure.com', 'cognitiveservices.azure.com', 'services.ai.azure.com'] as const;
export const AKS_FORWARDED_ZONE = 'azmk8s.io';
export const PRIVATE_DNS_ZONES = [
  'privatelink.openai.azure.com',
  'privatelink.cognitiveservices.azure.com',
  'privatelink.services.ai.azure.com',
] as const;

/** AKS overlay networking: pods and services live outside every VNet/VPC (validated). */
export const AKS_POD_CIDR = '10.244.0.0/16';
export const AKS_SERVICE_CIDR = '10.245.0.0/16';
export const AKS_DNS_SERVICE_IP = '10.245.0.10';

export const HUB_SUBNETS: readonly SubnetRequest[] = [
  // VPN gateway: /27 is Microsoft's minimum recommendation for active-active with BGP.
  { name: 'GatewaySubnet', prefix: 27 },
  // DNS Private Resolver inbound endpoint: /28 is the smallest delegated subnet it accepts.
  { name: 'snet-dns-inbound', prefix: 28 },
];

/** Subnets a serving region needs, given what it serves. */
export function spokeSubnetRequests(region: Pick<ServingRegion, 'clusters' | 'models'>): SubnetRequest[] {
  const out: SubnetRequest[] = [{ name: 'snet-private-endpoints', prefix: 27 }];
  for (const c of region.clusters ?? []) out.push({ name: `snet-aks-${c.name}`, prefix: 24 });
  if ((region.clusters ?? []).length > 0) {
    out.push({ name: 'snet-ilb', prefix: 27 });
    // Private Link Service NAT IPs; the subnet must disable PLS network policies.
    out.push({ name: 'snet-pls', prefix: 28 });
  }
  return out;
}

/** One of the four IPsec tunnels: inside CIDR, the AWS and Azure BGP addresses, and the Azure gateway instance. */
export interface TunnelPlan {
  /** 0..3 in the order c1t1, c1t2, c2t1, c2t2. */
  readonly index: number;
  /** AWS VPN connection (= Azure gateway instance / Azure public IP), 0 or 1. */
  readonly connection: 0 | 1;
  /** Tunnel within the AWS VPN connection, 0 or 1. */
  readonly tunnel: 0 | 1;
  readonly insideCidr: string;
  /** AWS side BGP address (first host of the /30). */
  readonly awsInsideIp: string;
  /** Azure side APIPA BGP address (second host of the /30). */
  readonly azureApipa: string;
  /** Azure gateway instance (active-active: 0 or 1) terminating this tunnel. */
  readonly azureInstance: 0 | 1;
}

/** The cross-cloud link both clouds build from: ASNs, the tunnel plan and each Azure instance's APIPA addresses. */
export interface LinkPlan {
  readonly awsAsn: number;
  readonly azureAsn: number;
  readonly tunnels: readonly TunnelPlan[];
  /** APIPA addresses per Azure gateway instance, for `bgp_settings.peering_addresses`. */
  readonly azureInstanceApipa: readonly [readonly string[], readonly string[]];
  readonly vpnGateway: 'vgw' | 'tgw';
}

/** One serving stack's derived plan: names, subnets, models and clusters of a serving region. */
export interface ServingPlan {
  /** `<region>` or `<region>-<stamp>`: what `aws.agents[].serving` lists. */
  readonly key: string;
  readonly region: string;
  readonly short: string;
  readonly stackName: string;
  readonly resourceGroupName: string;
  readonly vnetName: string;
  readonly addressSpace: string;
  readonly subnets: Readonly<Record<string, string>>;
  /** Cognitive account name and (globally unique) custom subdomain. */
  readonly accountName: string;
  readonly customSubdomain: string;
  /** Private FQDNs the agents call (resolved over the link via the Azure resolver). */
  readonly openAiEndpoint: string;
  readonly cognitiveEndpoint: string;
  readonly logAnalyticsName: string;
  readonly spec: ServingRegion;
  readonly clusters: readonly ClusterPlan[];
  /** Whether the stamp has an AI Services account (it serves at least one model deployment). */
  readonly hasAccount: boolean;
  /**
   * AWS subnets allowed into the stamp (its network security groups): the agent subnets when
   * at least one agent calls the stamp (`aws.agents[].serving`), else none.
   */
  readonly agentSources: readonly string[];
  /**
   * Role agents get on the account for inference: `Cognitive Services OpenAI User` when every
   * deployment is an OpenAI model, else `Cognitive Services User` (Foundry Models of other
   * publishers; it includes the OpenAI data actions).
   */
  readonly inferenceRole: InferenceRole;
}

/**
 * Data-plane roles that allow inference on an AI Services / OpenAI account (never Contributor:
 * that is control plane and includes key listing).
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/how-to/role-based-access-control
 * @see https://learn.microsoft.com/azure/ai-foundry/foundry-models/how-to/configure-entra-id
 */
export const INFERENCE_ROLES = {
  'Cognitive Services OpenAI User': '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  'Cognitive Services User': 'a97b65f3-24c7-4388-baec-2e87135dc908',
} as const;
export type InferenceRole = keyof typeof INFERENCE_ROLES;

/** Entra ID scope of data-plane tokens for AI Services / Azure OpenAI. */
export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

/** One AKS cluster's derived plan: names, subnets and the internal load balancer address. */
export interface ClusterPlan {
  readonly name: string;
  readonly aksName: string;
  readonly dnsPrefix: string;
  readonly subnetName: string;
  readonly spec: ServingCluster;
  /** Fixed address of the model server's internal load balancer in `snet-ilb`. */
  readonly modelServerIp: string;
}

/** How an agent gets Azure tokens: its Entra identity and the AgentCore Identity provider that fetches them. */
export interface AgentIdentityPlan {
  /** `created`: stateline registers an Entra app per agent; `byo`: `aws.agents[].azureIdentity`. */
  readonly mode: 'created' | 'byo';
  /** Entra app registration display name (created identities). */
  readonly appDisplayName: string;
  /** AgentCore Identity OAuth2 credential provider name (1-128 of [a-zA-Z0-9_-]). */
  readonly credentialProviderName: string;
  /** Secrets Manager secret holding the client secret (created identities), and its JSON key. */
  readonly clientSecretName: string;
  readonly clientSecretJsonKey: string;
  readonly byo?: AgentAzureIdentity;
  readonly handover: ReturnType<typeof agentHandover>;
}

/** A tool as the AWS side builds it (one gateway target per agent gateway that lists it). */
export interface ToolPlan {
  readonly spec: Tool;
  readonly name: string;
  readonly kind: ToolKind;
  /** Target description (the topology's, or a generated one). */
  readonly description: string;
  /** Lambda tools: the MCP tool definitions, inline or read from the schema file. */
  readonly toolDefinitions?: readonly ToolDefinition[];
  /** OpenAPI and Smithy tools: where the document is (a file relative to the working directory, or S3). */
  readonly document?: DocumentRef;
  /** OpenAPI and MCP tools: the AgentCore Identity credential provider the gateway authenticates with. */
  readonly credentialProviderName?: string;
}

/** One agent's derived plan: AgentCore names, the serving regions it calls and its Azure identity. */
export interface AgentPlan {
  readonly spec: Agent;
  /** AgentCore names (underscored, <= 48 chars). */
  readonly runtimeName: string;
  readonly memoryName: string;
  /** The tools the agent may call (`aws.agents[].tools`), in that order. */
  readonly tools: readonly ToolPlan[];
  /** Name of the agent's own tool gateway (only agents with tools get one). */
  readonly toolGatewayName?: string;
  /** The serving stamps the agent calls (`aws.agents[].serving`, default all). */
  readonly serving: readonly ServingPlan[];
  readonly identity: AgentIdentityPlan;
}

/** One deploy phase: the tool that deploys it and its stacks, in order. */
export interface Phase {
  readonly id: 1 | 2 | 3;
  readonly name: string;
  readonly cloud: 'azure' | 'aws';
  readonly tool: 'cdktf' | 'cdk';
  readonly stacks: readonly string[];
  readonly description: string;
}

/** Everything derived once from a validated topology and shared by both clouds (stack names, plans, tags, phases). */
export interface Derived {
  readonly topology: Topology;
  readonly hub: {
    readonly region: string;
    readonly short: string;
    readonly stackName: string;
    readonly resourceGroupName: string;
    readonly vnetName: string;
    readonly addressSpace: string;
    readonly subnets: Readonly<Record<string, string>>;
    readonly resolverInboundIp: string;
    readonly gatewayName: string;
    readonly logAnalyticsName: string;
  };
  readonly serving: readonly ServingPlan[];
  /** Azure identity stack: the agents' Entra identities and their inference role assignments. */
  readonly identity: { readonly stackName: string; readonly region: string; readonly credentials: Topology['azure']['agentCredentials'] };
  readonly link: LinkPlan & { readonly stackName: string };
  readonly aws: {
    readonly stackName: string;
    readonly region: string;
    readonly account?: string;
    readonly azIds: readonly string[];
    /** The agent subnets (runtime ENIs, endpoints, resolver), one per zone in `azIds` order. */
    readonly agentSubnets: readonly string[];
    /** Subnets of the Route 53 Resolver outbound endpoint: the first two agent subnets. */
    readonly resolverSubnets: readonly string[];
    /** The AWS Organizations organization the account belongs to (the data perimeter's trust boundary). */
    readonly organizationId?: string;
    readonly agents: readonly AgentPlan[];
    /** Tools at least one agent uses (each agent's gateway holds its own selection). */
    readonly tools: readonly ToolPlan[];
  };
  readonly dns: {
    readonly forwardedZones: readonly string[];
    readonly privateZones: readonly string[];
    readonly resolverInboundIp: string;
  };
  readonly phases: readonly Phase[];
  readonly tags: Readonly<Record<string, string>>;
}

export function azureShort(region: string): string {
  return AZURE_REGIONS[region] ?? region.replace(/[^a-z0-9]/g, '').slice(0, 6);
}

export function tunnelPlan(cidrs: readonly string[]): TunnelPlan[] {
  return cidrs.map((text, index) => {
    const block = parseCidr(text) as Cidr;
    const connection = (index < 2 ? 0 : 1) as 0 | 1;
    return {
      index,
      connection,
      tunnel: (index % 2) as 0 | 1,
      insideCidr: text,
      awsInsideIp: hostAt(block, 1),
      azureApipa: hostAt(block, 2),
      azureInstance: connection,
    };
  });
}

/** Stack names are public (they key Terraform state and CloudFormation stacks). */
export function stackNames(t: Pick<Topology, 'name'> & { azure: { serving: readonly { region: string; stamp?: string }[] }; aws: { region: string } }) {
  return {
    hub: `${t.name}-azure-hub`,
    identity: `${t.name}-azure-identity`,
    serving: t.azure.serving.map((s) => `${t.name}-azure-serving-${s.region}${s.stamp ? `-${s.stamp}` : ''}`),
    link: `${t.name}-azure-link`,
    aws: `${t.name}-aws-agents-${t.aws.region}`,
  };
}

/** `<region>` or `<region>-<stamp>`. */
export const servingKey = (s: Pick<ServingRegion, 'region' | 'stamp'>): string => `${s.region}${s.stamp ? `-${s.stamp}` : ''}`;

function servingPlan(t: Topology, s: ServingRegion, stackName: string, agentSubnets: readonly string[]): ServingPlan {
  const short = `${azureShort(s.region)}${s.stamp ?? ''}`;
  const base = `${t.name}-${short}`;
  const customSubdomain = `${base}-ai`;
  const subnets = allocate(parseCidr(s.addressSpace) as Cidr, spokeSubnetRequests(s)) ?? {};
  const ilb = subnets['snet-ilb'] ? (parseCidr(subnets['snet-ilb']) as Cidr) : undefined;
  return {
    key: servingKey(s),
    region: s.region,
    short,
    stackName,
    resourceGroupName: `rg-${base}-serving`,
    vnetName: `vnet-${base}-serving`,
    addressSpace: s.addressSpace,
    subnets,
    accountName: `ais-${base}`,
    customSubdomain,
    openAiEndpoint: `https://${customSubdomain}.openai.azure.com/`,
    cognitiveEndpoint: `https://${customSubdomain}.cognitiveservices.azure.com/`,
    logAnalyticsName: `log-${base}`,
    spec: s,
    clusters: s.clusters.map((c, i) => ({
      name: c.name,
      aksName: `aks-${base}-${c.name}`,
      dnsPrefix: `${base}-${c.name}`,
      subnetName: `snet-aks-${c.name}`,
      spec: c,
      // Azure reserves the first four addresses of a subnet: cluster i gets .4 + i.
      modelServerIp: ilb ? hostAt(ilb, 4 + i) : '',
    })),
    hasAccount: s.models.length > 0,
    agentSources: t.aws.agents.some((a) => !a.serving || a.serving.includes(servingKey(s))) ? agentSubnets : [],
    inferenceRole: s.models.every((m) => m.format === 'OpenAI') ? 'Cognitive Services OpenAI User' : 'Cognitive Services User',
  };
}

/** AgentCore Identity credential provider names: [a-zA-Z0-9_-], at most 128 characters. */
export const CREDENTIAL_PROVIDER_NAME_MAX = 128;

function agentIdentityPlan(t: Topology, a: Agent): AgentIdentityPlan {
  return {
    mode: a.azureIdentity ? 'byo' : 'created',
    appDisplayName: `${t.name}-agent-${a.name}`,
    credentialProviderName: `${t.name}-${a.name}-entra`,
    clientSecretName: `${t.name}/agents/${a.name}/entra-client-secret`,
    clientSecretJsonKey: a.azureIdentity?.clientSecretJsonKey ?? 'clientSecret',
    byo: a.azureIdentity,
    handover: agentHandover(a.name),
  };
}

/** AgentCore names allow only [a-zA-Z0-9_] and 48 characters: hyphens in the project name become underscores. */
export const AGENTCORE_NAME_MAX = 48;
export function agentCoreName(project: string, agent: string, suffix: 'runtime' | 'memory'): string {
  // Never truncated: validation rejects names that would not fit (truncation could collide).
  return `${project.replace(/-/g, '_')}_${agent}_${suffix}`;
}

/**
 * The agent's tool gateway name. Gateway names allow letters, digits and single hyphens
 * (`^([0-9a-zA-Z][-]?){1,48}$`): underscores of the agent name become hyphens. It fits 48
 * characters whenever the runtime name fits (validated). Lowercase: the gateway id, and so its
 * ARN, is lowercase-only (`([0-9a-z][-]?){1,100}-[0-9a-z]{10}`, AgentCore control plane API),
 * AgentCore names a runtime's workload identity after the runtime id (a gateway's presumably
 * likewise), and the IAM patterns derived from the name (`workload-identity/<name>-*` for
 * outbound auth) compare case-sensitively: only a lowercase name matches in every case. Agent
 * names that would share a gateway name are refused.
 */
export function toolGatewayName(project: string, agent: string): string {
  return `${project}-${agent.replace(/_+/g, '-').replace(/-$/, '')}-tools`.toLowerCase();
}

function toolPlan(project: string, tool: Tool): ToolPlan {
  const kind = TOOL_KINDS.find((k) => tool[k] !== undefined)!;
  const definitions = (): readonly ToolDefinition[] | undefined => {
    const schema = tool.lambda?.toolSchema;
    if (schema === undefined || typeof schema !== 'string') return schema;
    const r = readToolSchemaFile(schema);
    if (!r.definitions) throw new Error(`tool ${tool.name}: ${r.problems.join('; ')}`);
    return r.definitions;
  };
  const doc = tool.openapi?.schema ?? tool.smithy?.model;
  return {
    spec: tool,
    name: tool.name,
    kind,
    description: tool.description ?? `stateline tool ${tool.name} (${kind})`,
    toolDefinitions: definitions(),
    document: doc === undefined ? undefined : documentRef(doc),
    credentialProviderName: tool.openapi || tool.mcp ? `${project}-tool-${tool.name}` : undefined,
  };
}

/** Derives names, subnet plans, the tunnel plan, DNS forwarders and deploy phases from a validated topology. */
export function derive(t: Topology): Derived {
  const names = stackNames(t);
  const hubShort = azureShort(t.azure.hub.region);
  const hubBlock = parseCidr(t.azure.hub.addressSpace) as Cidr;
  const hubSubnets = allocate(hubBlock, HUB_SUBNETS) ?? {};
  const inbound = hubSubnets['snet-dns-inbound'];
  // Azure reserves the first four addresses of a subnet: .4 is the first usable one.
  const resolverInboundIp = inbound ? hostAt(parseCidr(inbound) as Cidr, 4) : '';
  const tunnels = tunnelPlan(t.link.tunnels ?? DEFAULT_TUNNEL_CIDRS);
  const hasClusters = t.azure.serving.some((s) => s.clusters.length > 0);
  const forwardedZones = [...AZURE_FORWARDED_ZONES, ...(hasClusters ? [AKS_FORWARDED_ZONE] : [])];
  const supportedAz = AGENTCORE_AZ_IDS[t.aws.region] ?? [];
  const azIds = supportedAz.slice(0, t.aws.vpc.maxAzs);
  const agentSubnets = agentSubnetPlan(t.aws.vpc.cidr, azIds.length).cidrs;
  const serving = t.azure.serving.map((s, i) => servingPlan(t, s, names.serving[i], agentSubnets));
  const usedTools = new Set(t.aws.agents.flatMap((a) => a.tools));
  const tools = t.aws.tools.filter((x) => usedTools.has(x.name)).map((x) => toolPlan(t.name, x));
  const toolsOf = (a: Agent) => a.tools.map((n) => tools.find((x) => x.name === n)).filter((x): x is ToolPlan => x !== undefined);
  return {
    topology: t,
    tags: { 'managed-by': 'stateline', project: t.name, ...t.tags },
    hub: {
      region: t.azure.hub.region,
      short: hubShort,
      stackName: names.hub,
      resourceGroupName: `rg-${t.name}-${hubShort}-hub`,
      vnetName: `vnet-${t.name}-${hubShort}-hub`,
      addressSpace: t.azure.hub.addressSpace,
      subnets: hubSubnets,
      resolverInboundIp,
      gatewayName: `vgw-${t.name}-${hubShort}-hub`,
      logAnalyticsName: `log-${t.name}-${hubShort}-hub`,
    },
    serving,
    identity: { stackName: names.identity, region: t.azure.hub.region, credentials: t.azure.agentCredentials },
    link: {
      stackName: names.link,
      awsAsn: t.aws.asn,
      azureAsn: t.azure.hub.gateway.asn,
      tunnels,
      azureInstanceApipa: [
        tunnels.filter((x) => x.azureInstance === 0).map((x) => x.azureApipa),
        tunnels.filter((x) => x.azureInstance === 1).map((x) => x.azureApipa),
      ],
      vpnGateway: t.aws.vpnGateway,
    },
    aws: {
      stackName: names.aws,
      region: t.aws.region,
      account: t.aws.account,
      azIds,
      agentSubnets,
      resolverSubnets: agentSubnets.slice(0, 2),
      organizationId: t.aws.organizationId,
      agents: t.aws.agents.map((a) => ({
        spec: a,
        runtimeName: agentCoreName(t.name, a.name, 'runtime'),
        memoryName: agentCoreName(t.name, a.name, 'memory'),
        serving: a.serving ? serving.filter((p) => a.serving!.includes(p.key)) : serving,
        identity: agentIdentityPlan(t, a),
        tools: toolsOf(a),
        toolGatewayName: a.tools.length > 0 ? toolGatewayName(t.name, a.name) : undefined,
      })),
      tools,
    },
    dns: { forwardedZones, privateZones: [...PRIVATE_DNS_ZONES], resolverInboundIp },
    phases: [
      { id: 1, name: 'azure-serving', cloud: 'azure', tool: 'cdktf', stacks: [names.hub, ...names.serving, names.identity], description: 'Azure hub (network, VPN gateway, DNS resolver), serving regions, and the agents\' Entra identities with their inference roles' },
      { id: 2, name: 'aws-agents', cloud: 'aws', tool: 'cdk', stacks: [names.aws], description: 'AWS agent runtime, state, credential providers, VPN connections and DNS forwarding (needs gateway public IPs, resolver IP and agent identities from phase 1)' },
      { id: 3, name: 'azure-link', cloud: 'azure', tool: 'cdktf', stacks: [names.link], description: 'Azure local network gateways and connections (needs AWS tunnel outside IPs from phase 2)' },
    ],
  };
}
