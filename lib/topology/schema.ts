/**
 * The stateline topology: one typed description of both clouds.
 *
 * Shape and per-field syntax live here (zod); cross-field rules (overlaps, ASNs,
 * subnet plans, tunnel ranges) live in `rules.ts`. Types are inferred from the schema,
 * so the TypeScript helper, JSON and YAML configs are validated by the same code.
 */
import { z } from 'zod';
import { SECRET_ARN, toolSchema } from './tool-schema';
import { DEPLOYMENT_SKUS, type DeploymentSku } from './deployment-skus';

/** Resource-name prefix: lowercase, DNS-safe, short enough for Azure's 24-character names. */
export const PROJECT_NAME = /^(?!.*--)[a-z][a-z0-9-]{0,10}[a-z0-9]$/;
/** AgentCore resource names (runtime, memory, gateway). */
export const AGENTCORE_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;
/** AKS node pool names (Linux): lowercase alphanumerics, starting with a letter, 1-12 chars. */
export const AKS_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
/** AKS cluster short names used inside derived names. */
export const CLUSTER_NAME = /^[a-z][a-z0-9-]{0,14}[a-z0-9]$/;
/** Azure OpenAI / AI Services deployment names. */
export const DEPLOYMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** ECR image URIs, the only images AgentCore Runtime pulls. */
export const ECR_IMAGE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$/;
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A complete Secrets Manager secret ARN (partition, region, 12-digit account, name and its 6-character suffix). */
export { SECRET_ARN };
/** A suppression's rule: an id (`link/bgp-enabled`) or a glob (`link/*`). */
export const SUPPRESSION_RULE = /^[a-z*]+\/[a-z0-9*-]+$/;
/** AWS Organizations organization id. @see https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
export const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Zone-redundant VPN gateway SKUs: non-AZ SKUs can no longer be created. */
export const GATEWAY_SKUS = ['VpnGw2AZ', 'VpnGw3AZ', 'VpnGw4AZ', 'VpnGw5AZ'] as const;
export { DEPLOYMENT_SKUS };
/** Model publishers accepted by `azurerm_cognitive_deployment.model.format`. */
export const MODEL_FORMATS = [
  'OpenAI', 'Microsoft', 'Meta', 'Mistral AI', 'Cohere', 'DeepSeek', 'xAI', 'AI21 Labs', 'Core42', 'Black Forest Labs',
] as const;
export type { DeploymentSku };
export const AGENT_PROTOCOLS = ['HTTP', 'MCP', 'A2A'] as const;

const cidr = z.string().regex(IPV4_CIDR, 'must be an IPv4 CIDR like 10.0.0.0/16');
const tags = z.record(z.string(), z.string());

const gpuPool = z.strictObject({
  /** AKS user node pool name. */
  name: z.string().regex(AKS_POOL_NAME, 'must be 1-12 lowercase letters/digits starting with a letter (AKS node pool name)'),
  /** GPU VM size, e.g. Standard_NC24ads_A100_v4. */
  vmSize: z.string().regex(/^Standard_N[A-Za-z0-9_]+$/, 'must be an Azure GPU (N-series) VM size such as Standard_NC24ads_A100_v4'),
  minCount: z.number().int().min(0).max(1000).default(0),
  maxCount: z.number().int().min(1).max(1000),
  /** Kubernetes taint applied to the pool so only GPU workloads schedule there. */
  taint: z.string().default('nvidia.com/gpu=present:NoSchedule'),
});

const cluster = z.strictObject({
  name: z.string().regex(CLUSTER_NAME, 'must be 2-16 lowercase letters, digits or hyphens, starting with a letter'),
  /** @default the AKS default version at deploy time */
  kubernetesVersion: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'must look like 1.33 or 1.33.2').optional(),
  systemVmSize: z.string().regex(/^Standard_[A-Za-z0-9_]+$/, 'must be an Azure VM size such as Standard_D4ds_v5').default('Standard_D4ds_v5'),
  gpuPools: z.array(gpuPool).min(1, 'a serving cluster needs at least one GPU pool'),
});

const model = z.strictObject({
  /** Deployment name (what the agent puts in the request path). */
  name: z.string().regex(DEPLOYMENT_NAME, 'must be 1-64 letters, digits, ".", "_" or "-"'),
  format: z.enum(MODEL_FORMATS).default('OpenAI'),
  model: z.string().min(1),
  version: z.string().min(1),
  sku: z.enum(DEPLOYMENT_SKUS).default('DataZoneStandard'),
  /** Standard SKUs: thousands of tokens per minute; provisioned SKUs: PTUs. */
  capacity: z.number().int().min(1).max(100000),
});

const serving = z.strictObject({
  region: z.string(),
  /**
   * Scale-unit suffix for a second (third...) serving stamp in the same region; part of its
   * stack and resource names. @default none (one stamp per region)
   */
  stamp: z.string().regex(/^[a-z0-9]{1,4}$/, 'must be 1-4 lowercase letters or digits').optional(),
  addressSpace: cidr,
  models: z.array(model).default([]),
  clusters: z.array(cluster).default([]),
});

const azureState = z.strictObject({
  resourceGroupName: z.string().regex(/^[-\w._()]{1,89}[-\w_()]$/, 'must be an Azure resource group name'),
  storageAccountName: z.string().regex(/^[a-z0-9]{3,24}$/, 'must be 3-24 lowercase letters or digits'),
  containerName: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be a 3-63 character blob container name'),
  /** Prefix of each stack's state key: `<keyPrefix>/<stack>.tfstate`. */
  keyPrefix: z.string().regex(/^[A-Za-z0-9._/-]*$/).default('stateline'),
});

/**
 * An Entra ID identity the agent already has (for organizations that do not let IaC create
 * app registrations). stateline then creates no app registration for the agent, only its
 * role assignments (on `principalId`) and the AWS side that fetches its tokens.
 */
const agentAzureIdentity = z.strictObject({
  /** Entra ID tenant of the app registration. */
  tenantId: z.string().regex(UUID, 'must be a tenant GUID'),
  /** Application (client) id: the identity AgentCore requests tokens for. */
  clientId: z.string().regex(UUID, 'must be an application (client) id GUID'),
  /** Object id of the app's service principal: receives the inference role assignments. */
  principalId: z.string().regex(UUID, 'must be a service principal object id GUID'),
  /**
   * Secrets Manager secret (in the agents' account and region) holding the client secret as
   * JSON `{ "<clientSecretJsonKey>": "..." }`; you create and rotate it.
   */
  clientSecretArn: z.string().regex(SECRET_ARN, 'must be the complete ARN of a Secrets Manager secret (with its 6-character suffix), e.g. arn:aws:secretsmanager:eu-central-1:123456789012:secret:agent-entra-AbCdEf'),
  clientSecretJsonKey: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, "_", "." or "-"').default('clientSecret'),
  /** The customer-managed KMS key of that secret, if any: the agent's role gets decrypt on it (through Secrets Manager only). */
  clientSecretKmsKeyArn: z.string().regex(/^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-fA-F-]{36}$/, 'must be a KMS key ARN, e.g. arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab').optional(),
});

const agent = z.strictObject({
  name: z.string().regex(AGENTCORE_NAME, 'must match [a-zA-Z][a-zA-Z0-9_]{0,47} (AgentCore name)'),
  /**
   * Serving stamps the agent calls, by key (`<region>` or `<region>-<stamp>`): it gets network
   * reach, endpoints and inference roles for exactly these. @default every serving stamp
   */
  serving: z.array(z.string().min(1)).min(1, 'list at least one serving stamp, or leave serving out to use all').optional(),
  /** Bring your own Entra ID identity. @default stateline creates one app registration per agent */
  azureIdentity: agentAzureIdentity.optional(),
  image: z.string().regex(ECR_IMAGE, 'must be an ECR image URI with a tag or digest, e.g. 123456789012.dkr.ecr.eu-central-1.amazonaws.com/agent:1.0.0'),
  protocol: z.enum(AGENT_PROTOCOLS).default('HTTP'),
  memory: z.strictObject({
    /** Short-term event retention; AgentCore accepts 7-365 days. */
    eventExpiryDays: z.number().int().min(7).max(365).default(30),
    /** `self-managed` runs extraction in our own code (which calls Azure); built-in strategies would run models on AWS. */
    longTerm: z.enum(['none', 'self-managed']).default('none'),
  }).default({ eventExpiryDays: 30, longTerm: 'none' }),
  /**
   * Tools (`aws.tools[].name`) the agent may call: it gets its own AgentCore Gateway with exactly
   * these targets, and `InvokeGateway` on that gateway only. @default none
   */
  tools: z.array(z.string().min(1)).default([]),
  /** Session idle timeout and max lifetime, seconds. */
  idleTimeoutSeconds: z.number().int().min(60).max(28800).default(900),
  maxLifetimeSeconds: z.number().int().min(60).max(28800).default(28800),
});

const suppression = z.strictObject({
  rule: z.string().regex(SUPPRESSION_RULE, 'must be a rule id like placement/stateless-endpoint-outside-azure, or a glob like link/*'),
  /** Glob over the resource (logical id or Terraform address). */
  resource: z.string().min(1),
  reason: z.string().min(10, 'a suppression needs a reason of at least 10 characters'),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
});

export const topologySchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(PROJECT_NAME, 'must be 2-12 lowercase letters, digits or hyphens, starting with a letter, not ending with a hyphen, without "--" (Key Vault and storage naming rules)'),
  tags: tags.default({}),
  azure: z.strictObject({
    subscriptionId: z.string().regex(UUID, 'must be a subscription GUID').optional(),
    /**
     * Entra ID tenant where stateline registers the agents' identities. @default the tenant of
     * the deployer's Azure login (ARM_TENANT_ID / az login)
     */
    tenantId: z.string().regex(UUID, 'must be a tenant GUID').optional(),
    state: azureState.optional(),
    hub: z.strictObject({
      region: z.string(),
      addressSpace: cidr,
      gateway: z.strictObject({
        sku: z.enum(GATEWAY_SKUS).default('VpnGw2AZ'),
        asn: z.number().int().default(65010),
      }).default({ sku: 'VpnGw2AZ', asn: 65010 }),
    }),
    /** Customer-managed keys: each serving region's Key Vault is private (private endpoint only). */
    encryption: z.strictObject({
      /**
       * Public IPv4 ranges of the machines that run `cdktf deploy` without a network path to
       * the vault's private endpoint (e.g. hosted CI runners). When set, the vault keeps
       * public access on but denies everything except these ranges. @default [] (private only)
       */
      deployerIpRanges: z.array(cidr).max(20).default([]),
    }).default({ deployerIpRanges: [] }),
    serving: z.array(serving).min(1, 'at least one serving region is needed: stateless inference is served only from Azure'),
    /**
     * Client secrets of the agents' app registrations that stateline creates: valid for
     * `lifetimeDays` (at most 180), replaced by a new one on the first deploy after
     * `rotationDays`, so the old one keeps working until the hand-over has run.
     */
    agentCredentials: z.strictObject({
      lifetimeDays: z.number().int().min(2).max(180).default(180),
      rotationDays: z.number().int().min(1).max(179).default(90),
    }).default({ lifetimeDays: 180, rotationDays: 90 }),
  }),
  aws: z.strictObject({
    region: z.string(),
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
    /**
     * AWS Organizations id of the account's organization: the VPC endpoint policies then admit
     * the organization's principals and resources (`aws:PrincipalOrgID` / `aws:ResourceOrgID`)
     * instead of this account's only. @default the account alone
     */
    organizationId: z.string().regex(ORGANIZATION_ID, 'must be an AWS Organizations id: "o-" and 10-32 lowercase letters or digits, e.g. o-a1b2c3d4e5').optional(),
    vpc: z.strictObject({
      cidr,
      maxAzs: z.number().int().min(2).max(3).default(2),
    }),
    asn: z.number().int().default(64512),
    /** `vgw` (virtual private gateway) or `tgw` (transit gateway, for ECMP across tunnels). */
    vpnGateway: z.enum(['vgw', 'tgw']).default('vgw'),
    agents: z.array(agent).min(1, 'at least one agent is needed'),
    /** Tools declared once, selected per agent (`aws.agents[].tools`); see tool-schema.ts. */
    tools: z.array(toolSchema).default([]),
  }),
  link: z.strictObject({
    /** Four /30 inside CIDRs: connection 1 tunnels 1-2, then connection 2 tunnels 1-2. */
    tunnels: z.array(cidr).length(4, 'needs exactly four /30 inside CIDRs (two connections x two tunnels)').optional(),
    /** DNS Firewall on the agent VPC blocking AWS model-endpoint hostnames. */
    dnsFirewall: z.boolean().default(true),
  }).default({ dnsFirewall: true }),
  policy: z.strictObject({
    suppressions: z.array(suppression).default([]),
  }).default({ suppressions: [] }),
});

/** What a user writes (defaults optional). */
export type TopologyInput = z.input<typeof topologySchema>;
/** A validated topology with defaults applied. */
export type Topology = z.output<typeof topologySchema>;
/** One Azure serving region (or stamp) of a validated topology: its models and clusters. */
export type ServingRegion = Topology['azure']['serving'][number];
/** One model deployment on a serving region's AI Services account. */
export type ModelDeployment = ServingRegion['models'][number];
/** One private AKS cluster of a serving region, with its GPU pools. */
export type ServingCluster = ServingRegion['clusters'][number];
/** One autoscaling, tainted GPU node pool of a serving cluster. */
export type GpuPool = ServingCluster['gpuPools'][number];
/** One agent on AWS: its AgentCore runtime image, protocol, memory and the serving regions it calls. */
export type Agent = Topology['aws']['agents'][number];
/** A policy suppression: rule, resource, a reason and an optional expiry. */
export type Suppression = Topology['policy']['suppressions'][number];
/** A bring-your-own Entra identity for an agent (tenant, client, principal, secret ARN). */
export type AgentAzureIdentity = NonNullable<Agent['azureIdentity']>;
export type { Tool, ToolKind, ToolDefinition, ApiKeyAuth, OAuth2Auth } from './tool-schema';
