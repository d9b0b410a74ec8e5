/**
 * Outbound credentials of the agents' tools: one AgentCore Identity credential provider per
 * OpenAPI or MCP tool, which the tool gateways use to authenticate to the remote API.
 *
 * - API keys: `AWS::BedrockAgentCore::ApiKeyCredentialProvider` with `ApiKeySecretSource:
 *   EXTERNAL`, the key staying in the user's Secrets Manager secret (`ApiKeySecretConfig`).
 * - OAuth2: `AWS::BedrockAgentCore::OAuth2CredentialProvider`, vendor `CustomOauth2`, with
 *   `ClientSecretSource: EXTERNAL` and the authorization server as discovery URL or static
 *   metadata (the same shape as the agents' Entra ID providers, see `AzureTokenProvider`); the
 *   gateway targets request tokens with the client-credentials grant.
 *
 * No secret value is ever in the template: providers reference secrets by ARN. AgentCore Identity
 * reads a secret with the credentials of the gateway that asks for it, so each gateway role gets
 * read on exactly the secrets of its own tools (the L2 target grants it) and, for a secret with a
 * customer-managed key, decrypt through Secrets Manager only (`grantSecretKey`). These calls run on
 * the service side, outside the agent VPC: no VPC endpoint is involved.
 *
 * @example
 * const credentials = new ToolCredentialProviders(stack, 'Credentials', { tools: derived.aws.tools });
 * const cred = credentials.forTool('weather');   // undefined for Lambda and Smithy tools
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-outbound-auth.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrockagentcore-apikeycredentialprovider.html
 */
import { Construct } from 'constructs';
import { Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { ToolPlan } from '../topology/derive';
import type { ApiKeyAuth, OAuth2Auth } from '../topology/schema';
import { KMS_DECRYPT } from './perms';

/** One tool's outbound credential, as its gateway targets need it. */
export interface ToolCredential {
  readonly kind: 'apiKey' | 'oauth2';
  readonly providerName: string;
  readonly providerArn: string;
  /** The user's secret the provider reads (by reference). */
  readonly secretArn: string;
  /** Its customer-managed key, if any. */
  readonly kmsKeyArn?: string;
  readonly apiKey?: ApiKeyAuth;
  readonly oauth2?: OAuth2Auth;
}

/** Properties of {@link ToolCredentialProviders}. */
export interface ToolCredentialProvidersProps {
  /** The tools the agents use; providers are created for OpenAPI and MCP tools. */
  readonly tools: readonly ToolPlan[];
}

export class ToolCredentialProviders extends Construct {
  private readonly byTool = new Map<string, ToolCredential>();

  constructor(scope: Construct, id: string, props: ToolCredentialProvidersProps) {
    super(scope, id);
    for (const tool of props.tools) {
      const apiKey = tool.spec.openapi?.auth.apiKey;
      const oauth2 = tool.spec.openapi?.auth.oauth2 ?? tool.spec.mcp?.auth.oauth2;
      const name = tool.credentialProviderName;
      if (!name || (!apiKey && !oauth2)) continue;
      if (!/^[a-zA-Z0-9_-]{1,128}$/.test(name)) throw new Error(`ToolCredentialProviders: credential provider name "${name}" must be 1-128 letters, digits, "_" or "-"`);
      this.byTool.set(tool.name, apiKey ? this.apiKeyProvider(tool.name, name, apiKey) : this.oauth2Provider(tool.name, name, oauth2!));
    }
  }

  /** The credential of a tool, or undefined for tools that authenticate with the gateway's IAM role (Lambda, Smithy). */
  public forTool(toolName: string): ToolCredential | undefined {
    return this.byTool.get(toolName);
  }

  private apiKeyProvider(id: string, name: string, auth: ApiKeyAuth): ToolCredential {
    const provider = new agentcore.CfnApiKeyCredentialProvider(this, id, {
      name,
      apiKeySecretSource: 'EXTERNAL',
      apiKeySecretConfig: { secretId: auth.secretArn, jsonKey: auth.jsonKey },
    });
    return { kind: 'apiKey', providerName: name, providerArn: provider.attrCredentialProviderArn, secretArn: auth.secretArn, kmsKeyArn: auth.kmsKeyArn, apiKey: auth };
  }

  private oauth2Provider(id: string, name: string, auth: OAuth2Auth): ToolCredential {
    const provider = new agentcore.CfnOAuth2CredentialProvider(this, id, {
      name,
      credentialProviderVendor: 'CustomOauth2',
      oauth2ProviderConfigInput: {
        customOauth2ProviderConfig: {
          clientId: auth.clientId,
          clientSecretSource: 'EXTERNAL',
          clientSecretConfig: { secretId: auth.clientSecretArn, jsonKey: auth.clientSecretJsonKey },
          clientAuthenticationMethod: auth.clientAuthentication,
          oauthDiscovery: auth.discoveryUrl
            ? { discoveryUrl: auth.discoveryUrl }
            : { authorizationServerMetadata: { issuer: auth.issuer!, authorizationEndpoint: auth.authorizationEndpoint!, tokenEndpoint: auth.tokenEndpoint! } },
        },
      },
    });
    return { kind: 'oauth2', providerName: name, providerArn: provider.attrCredentialProviderArn, secretArn: auth.clientSecretArn, kmsKeyArn: auth.kmsKeyArn, oauth2: auth };
  }
}

/**
 * Lets `role` decrypt the credential's secret with its customer-managed key, through Secrets
 * Manager only (nothing when the secret uses the AWS managed key).
 */
export function grantSecretKey(role: iam.IRole, credential: ToolCredential): void {
  if (!credential.kmsKeyArn) return;
  const stack = Stack.of(role);
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: [KMS_DECRYPT],
    resources: [credential.kmsKeyArn],
    conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.${stack.urlSuffix}` } },
  }));
}
