/**
 * One agent's tool gateway: an AgentCore Gateway (MCP) with AWS IAM (SigV4) inbound
 * authorization, a customer-managed key, and one target per tool the agent lists.
 *
 * One gateway per agent, not one shared: with the AWS_IAM authorizer the unit of authorization
 * is the gateway (`InvokeGateway` on its ARN; no IAM condition key narrows a call to a target or
 * tool), so a shared gateway would let every agent call every tool. The gateway's role is capped
 * by its own permission boundary: the agent-layer services plus exactly its tools' actions on
 * their resources (Lambda functions, Smithy service actions), with every model-invocation action
 * denied.
 *
 * Choices the L2 defaults would otherwise make:
 * - the authorizer is explicit IAM, so the L2 creates no Cognito user pool, client and
 *   domain, and an unauthenticated gateway is impossible (callers need `InvokeGateway`);
 * - MCP without `SEMANTIC` tool search: semantic search embeds tool descriptions with a
 *   model hosted on AWS, which the placement contract keeps off AWS;
 * - the gateway waits for its service role **and the role's policy**: the service checks the
 *   role's KMS grants on the customer-managed key when the gateway is created, and
 *   CloudFormation would otherwise create the gateway in parallel with the policy.
 *
 * Targets are called by the gateway service, outside the agent VPC (MCP servers and OpenAPI
 * APIs on the internet, Lambda and AWS APIs in the region): the runtime reaches only the gateway,
 * through the VPC's `bedrock-agentcore.gateway` endpoint.
 *
 * @example
 * const tools = new ToolGateway(stack, 'support_agent', { gatewayName: 'stateline-support-agent-tools', encryptionKey, tools: agent.tools, credentials });
 * tools.grantInvoke(runtime.role);
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-inbound-auth.html
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-building-adding-targets.html
 */
import { Construct } from 'constructs';
import { CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { ToolPlan } from '../topology/derive';
import { ModelInvocationBoundary, ScopedAllow } from './permissions-boundary';
import { LAMBDA_INVOKE_FUNCTION } from './perms';
import type { ToolCredentialProviders } from './tool-credentials';
import { ToolTarget } from './tool-target';

/** MCP protocol versions the gateway accepts. */
export const GATEWAY_MCP_VERSIONS = [agentcore.MCPProtocolVersion.MCP_2025_11_25, agentcore.MCPProtocolVersion.MCP_2025_06_18];

/** Properties of {@link ToolGateway}. */
export interface ToolGatewayProps {
  /** Gateway name (lowercase letters, digits and single hyphens, 1-48 characters, unique in the account). */
  readonly gatewayName: string;
  /** Customer-managed key for gateway data. */
  readonly encryptionKey: kms.IKey;
  /**
   * The tools this gateway exposes, one target each.
   * @default none
   */
  readonly tools?: readonly ToolPlan[];
  /** Outbound credentials of OpenAPI and MCP tools (required when `tools` has any). */
  readonly credentials?: ToolCredentialProviders;
  /**
   * Gateway description (at most 200 characters).
   * @default 'stateline MCP tool gateway'
   */
  readonly description?: string;
}

/** What a set of tools needs beyond the agent-layer services: exactly these actions on these resources. */
export function toolAllows(tools: readonly ToolPlan[]): ScopedAllow[] {
  const functions = tools.flatMap((t) => (t.spec.lambda ? [t.spec.lambda.functionArn] : []));
  return [
    ...(functions.length > 0 ? [{ actions: [LAMBDA_INVOKE_FUNCTION], resources: [...new Set(functions)] }] : []),
    ...tools.flatMap((t) => t.spec.smithy?.allow ?? []),
  ];
}

export class ToolGateway extends Construct {
  public readonly gateway: agentcore.Gateway;
  /** Role the gateway assumes to call its targets. */
  public readonly role: iam.IRole;
  /** MCP endpoint URL agents connect to. */
  public readonly gatewayUrl: string;
  public readonly gatewayArn: string;
  public readonly targets: readonly ToolTarget[];
  /** Caps the gateway role: agent-layer services plus exactly its tools' actions; denies model invocation. */
  public readonly boundary: ModelInvocationBoundary;

  constructor(scope: Construct, id: string, props: ToolGatewayProps) {
    super(scope, id);
    if (!/^([0-9a-zA-Z][-]?){1,48}$/.test(props.gatewayName) || props.gatewayName.length > 48) {
      throw new Error(`ToolGateway: gatewayName "${props.gatewayName}" must be 1-48 letters, digits and single hyphens`);
    }
    // Gateway ids are lowercase-only; the grants the L2 derives from the name for outbound auth
    // (`workload-identity/<name>-*`) compare case-sensitively (see `toolGatewayName`).
    if (/[A-Z]/.test(props.gatewayName)) {
      throw new Error(`ToolGateway: gatewayName "${props.gatewayName}" must be lowercase: gateway ids are lowercase-only, and only a lowercase name makes the IAM grants derived from it (\`workload-identity/<name>-*\`) match the gateway's identity`);
    }
    const tools = props.tools ?? [];
    if (tools.some((t) => t.kind === 'openapi' || t.kind === 'mcp') && !props.credentials) {
      throw new Error(`ToolGateway ${props.gatewayName}: OpenAPI and MCP tools need credentials (ToolCredentialProviders)`);
    }
    this.gateway = new agentcore.Gateway(this, 'Resource', {
      gatewayName: props.gatewayName,
      description: props.description ?? 'stateline MCP tool gateway',
      authorizerConfiguration: agentcore.GatewayAuthorizer.usingAwsIam(),
      protocolConfiguration: agentcore.GatewayProtocol.mcp({ supportedVersions: GATEWAY_MCP_VERSIONS }),
      kmsKey: props.encryptionKey,
    });
    this.role = this.gateway.role;
    // A dependency on the role construct covers its DefaultPolicy too (and grants added later).
    (this.gateway.node.defaultChild as CfnResource).node.addDependency(this.role);
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `Added by the Gateway L2 for its customer-managed key, on that key only: ${action} covers the variants the service uses to encrypt gateway data.`,
      });
    }
    this.gatewayUrl = this.gateway.gatewayUrl!;
    this.gatewayArn = this.gateway.gatewayArn;

    const targets = new Construct(this, 'Targets');
    this.targets = tools.map((tool) => new ToolTarget(targets, tool.name, { gateway: this.gateway, tool, credential: props.credentials?.forTool(tool.name) }));
    this.acknowledgeToolGrants(props.gatewayName, tools);
    this.boundary = new ModelInvocationBoundary(this, 'Boundary', { scopedAllows: toolAllows(tools) });
    this.boundary.applyTo(this);
  }

  /**
   * cdk-nag IAM5 on tool grants: the workload identity the L2 targets name for outbound auth (API
   * key, OAuth2), which the service creates with a generated suffix; and resource patterns the
   * topology lists for a Smithy tool (`aws.tools[].smithy.allow`), granted as written.
   */
  private acknowledgeToolGrants(gatewayName: string, tools: readonly ToolPlan[]): void {
    const patterns = new Set(tools.flatMap((t) => t.spec.smithy?.allow.flatMap((a) => a.resources) ?? []).filter((r) => r.includes('*')));
    for (const r of patterns) {
      Validations.of(this.role).acknowledge({ id: `AwsSolutions-IAM5[Resource::${r}]`, reason: 'A resource pattern the topology lists for a Smithy tool (aws.tools[].smithy.allow), granted exactly as written with its listed actions only.' });
    }
    if (!tools.some((t) => t.kind === 'openapi' || t.kind === 'mcp')) return;
    const stack = Stack.of(this);
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${partition}:bedrock-agentcore:${region}:${account}:workload-identity-directory/default/workload-identity/${gatewayName}-*]`,
      reason: 'Added by the Gateway target L2 for outbound auth: the gateway\'s workload identity is created by AgentCore with a generated suffix after the gateway name; the token and credential calls are pinned to this gateway\'s identity and its tools\' providers.',
    });
  }

  /** Lets `grantee` call the gateway's tools (`bedrock-agentcore:InvokeGateway` on this gateway). */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return this.gateway.grantInvoke(grantee);
  }
}
