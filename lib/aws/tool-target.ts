/**
 * One tool on one agent's gateway: an `AWS::BedrockAgentCore::GatewayTarget` built with the
 * aws-cdk-lib L2 `GatewayTarget`, plus exactly the gateway-role grants the target needs.
 *
 * Per kind:
 * - `lambda`: `lambda:InvokeFunction` on exactly the function ARN the topology names (the L2's
 *   own `grantInvoke` would add `<arn>:*`, every version and alias); the tool schema inline.
 * - `openapi` / `smithy`: the document from a local file is shipped as a CDK file asset, and
 *   the role may read exactly that object (`s3:GetObject` on the asset key; the L2's asset
 *   schema would grant read on the whole bootstrap bucket); an `s3://` document likewise.
 * - `openapi` / `mcp`: outbound auth through the tool's AgentCore Identity provider (see
 *   `ToolCredentialProviders`); the L2 grants the workload token and credential calls on the
 *   gateway's own workload identity and that provider, and read on that secret. Two settings
 *   the L2 cannot express are set on the resource: the API key prefix exactly as the topology
 *   says (the L2 inserts "Bearer " for headers), and the OAuth grant `CLIENT_CREDENTIALS`
 *   (no user is involved: the agent calls tools on its own behalf).
 * - `smithy`: the gateway signs with its role; the role may call exactly the listed actions on
 *   the listed resources.
 *
 * The targets are called by the AgentCore Gateway service, outside the agent VPC: the runtime
 * only reaches the gateway (through the `bedrock-agentcore.gateway` endpoint), so no target needs
 * a VPC endpoint or a route.
 *
 * @example
 * new ToolTarget(gateway, 'order-lookup', { gateway: gateway.gateway, tool, credential });
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-prerequisites-permissions.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrockagentcore-gatewaytarget.html
 */
import { Construct } from 'constructs';
import { Stack, Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import type { ToolPlan } from '../topology/derive';
import type { SchemaDefinitionInput } from '../topology/tool-schema';
import { LAMBDA_INVOKE_FUNCTION } from './perms';
import { grantSecretKey, ToolCredential } from './tool-credentials';

/** Properties of {@link ToolTarget}. */
export interface ToolTargetProps {
  /** The agent's gateway the target is added to (its role gets the target's grants). */
  readonly gateway: agentcore.Gateway;
  /** The derived tool (`derived.aws.tools`). */
  readonly tool: ToolPlan;
  /** The tool's outbound credential (OpenAPI and MCP tools). */
  readonly credential?: ToolCredential;
}

/**
 * The L2 Lambda target configuration with an exact grant: `lambda:InvokeFunction` on the ARN the
 * target invokes, nothing else (no `:*` qualifier wildcard).
 */
class ExactLambdaTargetConfiguration extends agentcore.LambdaTargetConfiguration {
  public bind(scope: Construct, gateway: agentcore.IGateway): agentcore.TargetConfigurationConfig {
    this.toolSchema.bind(scope);
    this.toolSchema.grantPermissionsToRole(gateway.role);
    gateway.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [LAMBDA_INVOKE_FUNCTION], resources: [this.lambdaFunction.functionArn] }));
    return { bound: true };
  }
}

/** The topology's JSON-typed schema as the L2's SchemaDefinition. */
function schemaDefinition(s: SchemaDefinitionInput): agentcore.SchemaDefinition {
  return {
    type: agentcore.SchemaDefinitionType.of(s.type),
    ...(s.description ? { description: s.description } : {}),
    ...(s.properties ? { properties: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, schemaDefinition(v)])) } : {}),
    ...(s.items ? { items: schemaDefinition(s.items) } : {}),
    ...(s.required ? { required: [...s.required] } : {}),
  };
}

export class ToolTarget extends Construct {
  public readonly target: agentcore.GatewayTarget;

  constructor(scope: Construct, id: string, props: ToolTargetProps) {
    super(scope, id);
    const { tool, gateway, credential } = props;
    if ((tool.kind === 'openapi' || tool.kind === 'mcp') && !credential) {
      throw new Error(`ToolTarget ${tool.name}: a ${tool.kind} tool needs its outbound credential (ToolCredentialProviders)`);
    }
    const common = { gateway, gatewayTargetName: tool.name, description: tool.description };
    switch (tool.kind) {
      case 'lambda':
        this.target = new agentcore.GatewayTarget(this, 'Resource', {
          ...common,
          targetConfiguration: new ExactLambdaTargetConfiguration(
            lambda.Function.fromFunctionArn(this, 'Function', tool.spec.lambda!.functionArn),
            agentcore.ToolSchema.fromInline((tool.toolDefinitions ?? []).map((d) => ({
              name: d.name,
              description: d.description,
              inputSchema: schemaDefinition(d.inputSchema),
              ...(d.outputSchema ? { outputSchema: schemaDefinition(d.outputSchema) } : {}),
            }))),
          ),
          credentialProviderConfigurations: [agentcore.GatewayCredentialProvider.fromIamRole()],
        });
        break;
      case 'openapi':
        this.target = agentcore.GatewayTarget.forOpenApi(this, 'Resource', {
          ...common,
          apiSchema: this.document(tool, tool.spec.openapi!.bucketOwnerAccountId),
          credentialProviderConfigurations: [outboundConfig(credential!)],
        });
        break;
      case 'mcp':
        this.target = agentcore.GatewayTarget.forMcpServer(this, 'Resource', {
          ...common,
          endpoint: tool.spec.mcp!.endpoint,
          credentialProviderConfigurations: [outboundConfig(credential!)],
        });
        break;
      case 'smithy':
        this.target = agentcore.GatewayTarget.forSmithy(this, 'Resource', {
          ...common,
          smithyModel: this.document(tool, tool.spec.smithy!.bucketOwnerAccountId),
        });
        for (const allow of tool.spec.smithy!.allow) {
          gateway.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...allow.actions], resources: [...allow.resources] }));
        }
        break;
    }
    if (credential) {
      grantSecretKey(gateway.role, credential);
      fixOutboundAuth(this.target, credential);
    }
  }

  /** The OpenAPI document or Smithy model: a file shipped as an asset, or an S3 object; the gateway role may read exactly that object. */
  private document(tool: ToolPlan, bucketOwner?: string): agentcore.ApiSchema {
    const doc = tool.document!;
    if (doc.kind === 'file') {
      const asset = new s3assets.Asset(this, 'Document', { path: doc.path });
      const account = Stack.of(this).account;
      return agentcore.ApiSchema.fromS3File(asset.bucket, asset.s3ObjectKey, Token.isUnresolved(account) ? undefined : account);
    }
    return agentcore.ApiSchema.fromS3File(s3.Bucket.fromBucketName(this, 'DocumentBucket', doc.bucket), doc.key, bucketOwner);
  }
}

/** The L2 outbound auth configuration of a credential (API key location, OAuth scopes). */
function outboundConfig(c: ToolCredential): agentcore.ICredentialProviderConfig {
  if (c.kind === 'apiKey') {
    const a = c.apiKey!;
    const options = a.parameterName ? { credentialParameterName: a.parameterName } : {};
    return agentcore.GatewayCredentialProvider.fromApiKeyIdentityArn({
      providerArn: c.providerArn,
      secretArn: c.secretArn,
      credentialLocation: a.location === 'query' ? agentcore.ApiKeyCredentialLocation.queryParameter(options) : agentcore.ApiKeyCredentialLocation.header(options),
    });
  }
  return agentcore.GatewayCredentialProvider.fromOauthIdentityArn({ providerArn: c.providerArn, secretArn: c.secretArn, scopes: [...c.oauth2!.scopes] });
}

/** What the L2 cannot say: the API key prefix exactly as configured, the client-credentials grant. */
function fixOutboundAuth(target: agentcore.GatewayTarget, c: ToolCredential): void {
  const cfn = target.node.children.find((x): x is agentcore.CfnGatewayTarget => x instanceof agentcore.CfnGatewayTarget);
  if (!cfn) throw new Error(`ToolTarget ${target.node.path}: no CfnGatewayTarget under the L2 target`);
  const base = 'CredentialProviderConfigurations.0.CredentialProvider';
  if (c.kind === 'apiKey') {
    const prefix = `${base}.ApiKeyCredentialProvider.CredentialPrefix`;
    if (c.apiKey!.prefix) cfn.addPropertyOverride(prefix, c.apiKey!.prefix);
    else cfn.addPropertyDeletionOverride(prefix);
  } else {
    cfn.addPropertyOverride(`${base}.OauthCredentialProvider.GrantType`, 'CLIENT_CREDENTIALS');
  }
}
