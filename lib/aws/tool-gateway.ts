/**
 * The agents' tool gateway: an AgentCore Gateway (MCP) with AWS IAM (SigV4) inbound
 * authorization and a customer-managed key.
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
 * @example
 * const tools = new ToolGateway(stack, 'Tools', { gatewayName: 'stateline-tools', encryptionKey });
 * tools.grantInvoke(runtime.role);
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-inbound-auth.html
 */
import { Construct } from 'constructs';
import { CfnResource, Validations } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';

/** MCP protocol versions the gateway accepts. */
export const GATEWAY_MCP_VERSIONS = [agentcore.MCPProtocolVersion.MCP_2025_11_25, agentcore.MCPProtocolVersion.MCP_2025_06_18];

/** Properties of {@link ToolGateway}. */
export interface ToolGatewayProps {
  /** Gateway name (`[a-zA-Z0-9_-]`, 1-48 characters, unique in the account). */
  readonly gatewayName: string;
  /** Customer-managed key for gateway data. */
  readonly encryptionKey: kms.IKey;
}

export class ToolGateway extends Construct {
  public readonly gateway: agentcore.Gateway;
  /** Role the gateway assumes to call its targets. */
  public readonly role: iam.IRole;
  /** MCP endpoint URL agents connect to. */
  public readonly gatewayUrl: string;
  public readonly gatewayArn: string;

  constructor(scope: Construct, id: string, props: ToolGatewayProps) {
    super(scope, id);
    if (!/^[a-zA-Z0-9_-]{1,48}$/.test(props.gatewayName)) {
      throw new Error(`ToolGateway: gatewayName "${props.gatewayName}" must be 1-48 letters, digits, "_" or "-"`);
    }
    this.gateway = new agentcore.Gateway(this, 'Resource', {
      gatewayName: props.gatewayName,
      description: 'stateline MCP tool gateway for the agents',
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
  }

  /** Lets `grantee` call the gateway's tools (`bedrock-agentcore:InvokeGateway` on this gateway). */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return this.gateway.grantInvoke(grantee);
  }
}
