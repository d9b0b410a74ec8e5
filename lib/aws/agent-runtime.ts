/**
 * One stateful agent: an AgentCore Runtime in **VPC mode** on the private subnets, with its
 * own security group, a least-privilege execution role, tracing and application/usage logs.
 *
 * Network: the security group allows egress only to HTTPS on the VPC endpoints (interface
 * endpoints, S3/DynamoDB prefix lists), HTTPS to the address spaces of the Azure serving
 * stamps this agent uses (reached over the site-to-site VPN) and DNS to the VPC resolver.
 * No 0.0.0.0/0.
 *
 * Azure auth: the runtime holds no Azure key or secret. It asks AgentCore Identity for an
 * Entra ID access token (`GetResourceOauth2Token`, M2M flow, scope in `AZURE_TOKEN_SCOPE`,
 * provider in `AZURE_TOKEN_PROVIDER`) through the VPC's `bedrock-agentcore` endpoint; the
 * service fetches it from Entra ID for the agent's own app registration (see
 * `AzureTokenProvider`). The Azure endpoints have local, key-based auth disabled.
 *
 * The log group is retained on stack deletion, so its name carries the stack's unique id:
 * deploying the same topology again after a destroy creates a new log group instead of
 * failing with "already exists".
 *
 * @example
 * new AgentRuntime(stack, 'SupportAgent', { agent: plan, vpc, subnets, endpoints, memory, state, tools, tokens, ... });
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/agentcore-vpc.html
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/identity-outbound-credential-provider.html
 */
import { Construct } from 'constructs';
import { Arn, ArnFormat, Aws, CfnElement, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { AgentPlan, ServingPlan } from '../topology/derive';
import type { AgentMemory } from './agent-memory';
import type { AzureTokenProvider } from './azure-token-provider';
import { ModelInvocationBoundary } from './permissions-boundary';
import { StateStore } from './state-store';
import type { ToolGateway } from './tool-gateway';
import type { AgentEndpoints } from './vpc-endpoints';

/** How the agent authenticates to Azure (the value of `AZURE_AUTH_MODE`). */
export const AZURE_AUTH_MODE = 'agentcore-identity-m2m';
/** AgentCore limit on one environment variable value. */
const MAX_ENV_VALUE = 2048;

const PROTOCOLS: Readonly<Record<string, agentcore.ProtocolType>> = {
  HTTP: agentcore.ProtocolType.HTTP,
  MCP: agentcore.ProtocolType.MCP,
  A2A: agentcore.ProtocolType.A2A,
};

/** Properties of {@link AgentRuntime}. */
export interface AgentRuntimeProps {
  /** The agent as derived from the topology (names, image, protocol, lifecycle). */
  readonly agent: AgentPlan;
  readonly vpc: ec2.IVpc;
  /** Private subnets in AgentCore-supported zones. */
  readonly subnets: ec2.SubnetSelection;
  /** Endpoints the runtime reaches AWS services through. */
  readonly endpoints: AgentEndpoints;
  /** Amazon-provided DNS server of the VPC (forwards Azure zones through the outbound resolver). */
  readonly dnsResolverIp: string;
  /** The Azure serving stamps this agent uses: their address spaces are reachable over the VPN, their endpoints go into the environment. */
  readonly serving: readonly ServingPlan[];
  /** Where the agent gets its Entra ID tokens (its credential provider). */
  readonly tokens: AzureTokenProvider;
  /** Entra tenant and client id of the agent's identity (CloudFormation parameters from phase 1). */
  readonly azureTenantId: string;
  readonly azureClientId: string;
  readonly memory: AgentMemory;
  readonly state: StateStore;
  /**
   * The agent's own tool gateway.
   * @default none (an agent without tools gets no gateway and no TOOL_GATEWAY_URL)
   */
  readonly tools?: ToolGateway;
  /** Key of the runtime's log group. */
  readonly logsKey: kms.IKey;
  /**
   * Runtime log retention.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

export class AgentRuntime extends Construct {
  public readonly runtime: agentcore.Runtime;
  public readonly role: iam.Role;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly logGroup: logs.LogGroup;
  public readonly runtimeArn: string;

  constructor(scope: Construct, id: string, props: AgentRuntimeProps) {
    super(scope, id);
    const { agent } = props;
    const environmentVariables = agentEnvironment(props);
    validate(props, environmentVariables);

    this.securityGroup = this.createSecurityGroup(props);
    this.role = this.createRole(agent.runtimeName);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      // The stack id's UUID (AWS::StackId is arn:...:stack/<name>/<uuid>): unique per stack instance.
      logGroupName: Fn.join('', [`/aws/vendedlogs/bedrock-agentcore/runtimes/${agent.runtimeName}/`, Fn.select(2, Fn.split('/', Aws.STACK_ID))]),
      encryptionKey: props.logsKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.runtime = new agentcore.Runtime(this, 'Resource', {
      runtimeName: agent.runtimeName,
      description: `stateline agent ${agent.spec.name}: stateful runtime; models are served from Azure over the VPN`,
      agentRuntimeArtifact: agentcore.AgentRuntimeArtifact.fromImageUri(agent.spec.image),
      executionRole: this.role,
      networkConfiguration: agentcore.RuntimeNetworkConfiguration.usingVpc(this, {
        vpc: props.vpc,
        vpcSubnets: props.subnets,
        securityGroups: [this.securityGroup],
      }),
      protocolConfiguration: PROTOCOLS[agent.spec.protocol],
      lifecycleConfiguration: {
        idleRuntimeSessionTimeout: Duration.seconds(agent.spec.idleTimeoutSeconds),
        maxLifetime: Duration.seconds(agent.spec.maxLifetimeSeconds),
      },
      environmentVariables,
      tracingEnabled: true,
      loggingConfigs: [
        { logType: agentcore.LogType.APPLICATION_LOGS, destination: agentcore.LoggingDestination.cloudWatchLogs(this.logGroup) },
        { logType: agentcore.LogType.USAGE_LOGS, destination: agentcore.LoggingDestination.cloudWatchLogs(this.logGroup) },
      ],
    });
    this.runtimeArn = this.runtime.agentRuntimeArn;

    this.grantAccess(props);
    this.acknowledgeRoleFindings(props);
  }

  private createSecurityGroup(props: AgentRuntimeProps): ec2.SecurityGroup {
    const sg = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `AgentCore runtime ${props.agent.runtimeName}: VPC endpoints, Azure serving over the VPN, DNS`,
      allowAllOutbound: false,
    });
    props.endpoints.allowHttpsFrom(sg);
    for (const s of props.serving) {
      sg.addEgressRule(ec2.Peer.ipv4(s.addressSpace), ec2.Port.tcp(443), `HTTPS to Azure serving ${s.region} over the VPN`);
    }
    const resolver = ec2.Peer.ipv4(`${props.dnsResolverIp}/32`);
    sg.addEgressRule(resolver, ec2.Port.udp(53), 'DNS to the VPC resolver');
    sg.addEgressRule(resolver, ec2.Port.tcp(53), 'DNS over TCP to the VPC resolver');
    return sg;
  }

  /** Assumable only by AgentCore, for this account's runtimes of this name (confused-deputy guard). */
  private createRole(runtimeName: string): iam.Role {
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'ExecutionRole', {
      description: `Execution role of AgentCore runtime ${runtimeName}`,
      assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': Arn.format({ service: 'bedrock-agentcore', resource: 'runtime', resourceName: `${runtimeName}*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }, stack) },
        },
      }),
      maxSessionDuration: Duration.hours(8),
    });
    // Defence in depth next to the boundary: an explicit Deny survives removal of the boundary.
    role.addToPrincipalPolicy(ModelInvocationBoundary.denyStatement());
    return role;
  }

  private grantAccess(props: AgentRuntimeProps): void {
    imageRepository(this, props.agent.spec.image).grantPull(this.role);
    props.memory.grantAgentAccess(this.role);
    props.state.grantAgentData(this.role, props.agent.spec.name);
    props.tools?.grantInvoke(this.role);
    props.tokens.grantTokenFetch(this.role);
  }

  /** cdk-nag IAM5 findings on the execution role, each with the reason the wildcard is needed. */
  private acknowledgeRoleFindings(props: AgentRuntimeProps): void {
    const ack = (finding: string, reason: string) => Validations.of(this.role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    const stack = Stack.of(this);
    // cdk-nag prints the account as written: a literal in account-specific stacks, else the pseudo parameter.
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    ack('Resource::*', 'Only actions without resource-level permissions use *: ecr:GetAuthorizationToken, X-Ray trace/telemetry writes and cloudwatch:PutMetricData (limited to the bedrock-agentcore namespace by condition).');
    ack(`Resource::arn:${stack.partition}:logs:${stack.region}:${account}:log-group:/aws/bedrock-agentcore/runtimes/*`, 'Added by the AgentCore Runtime L2: the service names the runtime log group after the runtime id, which is unknown until deploy.');
    ack(`Resource::arn:${stack.partition}:logs:${stack.region}:${account}:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*`, 'Added by the AgentCore Runtime L2: log streams are created per session by the service.');
    ack(`Resource::arn:${stack.partition}:logs:${stack.region}:${account}:log-group:*`, 'Added by the AgentCore Runtime L2: logs:DescribeLogGroups is a list operation that only works on log-group:*.');
    ack(`Resource::arn:${stack.partition}:bedrock-agentcore:${stack.region}:${account}:workload-identity-directory/default/workload-identity/*`, 'Added by the AgentCore Runtime L2: the workload identity of the runtime is created by the service with a generated name.');
    ack('Action::kms:GenerateDataKey*', 'KMS grant of the data key (DynamoDB, S3, Memory): GenerateDataKey and GenerateDataKeyWithoutPlaintext are both used by the services.');
    ack('Action::kms:ReEncrypt*', 'KMS grant of the data key: ReEncryptFrom/To are used by S3 and DynamoDB on key rotation-related copies.');
    for (const action of ['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*']) {
      ack(`Action::${action}`, `S3 grantReadWrite on the agent's own prefix of the artifacts bucket (${action} covers the object-version and multipart variants).`);
    }
    ack(`Resource::<${this.logicalIdHint(props)}>/${props.agent.spec.name}/*`, "Objects under the agent's own prefix of the artifacts bucket only.");
  }

  /** Token of the artifacts bucket ARN as cdk-nag prints it (`<LogicalId.Arn>`). */
  private logicalIdHint(props: AgentRuntimeProps): string {
    const cfn = props.state.artifactsBucket.node.defaultChild as CfnElement;
    return `${Stack.of(this).getLogicalId(cfn)}.Arn`;
  }
}

/**
 * Serving catalog as JSON arrays of at most MAX_ENV_VALUE characters each: AgentCore caps
 * one environment value at 2048 characters, and a catalog of many regions is larger. The
 * agent reads `AZURE_SERVING` and, when `AZURE_SERVING_PARTS` > 1, `AZURE_SERVING_2..N`,
 * and concatenates the arrays.
 */
export function servingCatalogParts(serving: AgentRuntimeProps['serving']): string[] {
  // Only what exists: a stamp without models has no AI Services account (no endpoints), one
  // without clusters no model servers.
  const entries = serving.map((s) => JSON.stringify({
    stamp: s.key,
    region: s.region,
    ...(s.hasAccount ? {
      openAiEndpoint: s.openAiEndpoint,
      cognitiveEndpoint: s.cognitiveEndpoint,
      deployments: s.spec.models.map((m) => m.name),
    } : {}),
    ...(s.clusters.length > 0 ? { modelServers: s.clusters.map((c) => ({ cluster: c.name, address: c.modelServerIp })) } : {}),
  }));
  const parts: string[][] = [[]];
  let size = 2;
  for (const e of entries) {
    if (parts[parts.length - 1].length > 0 && size + e.length + 1 > MAX_ENV_VALUE) {
      parts.push([]);
      size = 2;
    }
    parts[parts.length - 1].push(e);
    size += e.length + 1;
  }
  return parts.map((p) => `[${p.join(',')}]`);
}

/** Environment of the agent: where its models (Azure) and state (AWS) are. Never a key. */
function agentEnvironment(props: AgentRuntimeProps): Record<string, string> {
  const name = props.agent.spec.name;
  const [first, ...rest] = servingCatalogParts(props.serving);
  return {
    STATELINE_AGENT: name,
    AZURE_SERVING: first,
    ...(rest.length > 0 ? { AZURE_SERVING_PARTS: String(rest.length + 1) } : {}),
    ...Object.fromEntries(rest.map((part, i) => [`AZURE_SERVING_${i + 2}`, part])),
    AZURE_AUTH_MODE,
    AZURE_TOKEN_PROVIDER: props.tokens.providerName,
    AZURE_TOKEN_SCOPE: props.tokens.scope,
    AZURE_TENANT_ID: props.azureTenantId,
    AZURE_CLIENT_ID: props.azureClientId,
    // A bring-your-own identity's service principal (not secret): names whose role assignments authorize the agent.
    ...(props.agent.identity.byo ? { AZURE_PRINCIPAL_ID: props.agent.identity.byo.principalId } : {}),
    STATE_TABLE_NAME: props.state.table.tableName,
    STATE_KEY_PREFIX: StateStore.keyPrefix(name),
    ARTIFACTS_BUCKET_NAME: props.state.artifactsBucket.bucketName,
    ARTIFACTS_PREFIX: `${name}/`,
    AGENTCORE_MEMORY_ID: props.memory.memoryId,
    ...(props.tools ? { TOOL_GATEWAY_URL: props.tools.gatewayUrl } : {}),
  };
}

/** The image's ECR repository, to grant pull on exactly that repository. */
function imageRepository(scope: Construct, image: string): ecr.IRepository {
  const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(image)!;
  const [, account, region, name] = m;
  const arn = Arn.format({ partition: Stack.of(scope).partition, service: 'ecr', region, account, resource: 'repository', resourceName: name });
  return ecr.Repository.fromRepositoryAttributes(scope, 'ImageRepository', { repositoryArn: arn, repositoryName: name });
}

function validate(props: AgentRuntimeProps, env: Record<string, string>): void {
  const problems: string[] = [];
  const spec = props.agent.spec;
  const m = /^\d{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\//.exec(spec.image);
  const region = Stack.of(props.vpc).region;
  if (!m) problems.push(`image: "${spec.image}" is not an ECR image URI`);
  else if (!Token.isUnresolved(region) && m[1] !== region) {
    problems.push(`image: "${spec.image}" is in ${m[1]}, but the agent VPC (${region}) has no internet path and its ECR endpoints serve ${region} only; replicate the image to ${region}`);
  }
  if (spec.idleTimeoutSeconds > spec.maxLifetimeSeconds) {
    problems.push(`idleTimeoutSeconds: ${spec.idleTimeoutSeconds} exceeds maxLifetimeSeconds ${spec.maxLifetimeSeconds}`);
  }
  for (const [k, v] of Object.entries(env)) {
    if (!Token.isUnresolved(v) && v.length > MAX_ENV_VALUE) problems.push(`environment ${k}: ${v.length} characters exceed AgentCore's ${MAX_ENV_VALUE}`);
  }
  if (problems.length > 0) throw new Error(`AgentRuntime ${props.agent.runtimeName}:\n  ${problems.join('\n  ')}`);
}
