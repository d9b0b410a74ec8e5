/**
 * How one agent gets Microsoft Entra ID tokens for the Azure models from a VPC with no
 * internet route: an AgentCore Identity OAuth2 credential provider (client-credentials / M2M
 * flow) that AgentCore Identity runs on the service side. The agent calls
 * `GetResourceOauth2Token` (scope `https://cognitiveservices.azure.com/.default`, flow M2M)
 * through the VPC's `bedrock-agentcore` interface endpoint; AgentCore Identity calls the
 * tenant's token endpoint (`login.microsoftonline.com`, which has no private endpoint) and
 * returns the access token. Nothing in the VPC talks to the internet.
 *
 * Choices:
 * - The `CustomOauth2` vendor with the tenant's v2.0 endpoints as static metadata: AWS
 *   documents the client-credentials (M2M) flow for custom providers; for the built-in
 *   `MicrosoftOauth2` vendor the docs (checked 2026-12-01) describe only user-delegated
 *   flows. Static metadata means AgentCore needs no discovery fetch at creation.
 * - `ClientSecretSource: EXTERNAL`: the client secret lives in a customer-managed Secrets
 *   Manager secret (encrypted with the stack's secrets key) that this construct creates with a
 *   random placeholder; `stateline deploy` copies the real secret into it right after the
 *   agent stack deploys (the secret value never appears in a template or a file). A
 *   bring-your-own identity names its own secret instead.
 * - `CLIENT_SECRET_POST`: Entra ID accepts client credentials in the request body.
 * - The execution role gets `GetResourceOauth2Token` on the token vault and exactly this
 *   provider (the part that decides which client's tokens it gets), plus read on this one secret
 *   (AgentCore Identity reads it with the caller's credentials). The workload identity element
 *   is `workload-identity/*`, as the Runtime L2 grants for the workload access token: the
 *   service creates the runtime's workload identity with a generated name, and CloudFormation
 *   has no attribute for its ARN (`WorkloadIdentityDetails` is an object; a nested GetAtt fails
 *   template validation).
 *
 * @example
 * const tokens = new AzureTokenProvider(stack, 'AzureTokens', { agent, tenantId, clientId, secretsKey });
 * tokens.grantTokenFetch(runtime.role, runtime.runtime);
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/identity-outbound-credential-provider.html
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/client-auth-methods.html
 * @see https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 */
import { Construct } from 'constructs';
import { Arn, ArnFormat, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { AgentPlan } from '../topology/derive';
import { COGNITIVE_SERVICES_SCOPE } from '../topology/derive';
import { AGENTCORE_GET_RESOURCE_OAUTH2_TOKEN, KMS_DECRYPT, SECRETS_MANAGER_READ_SECRET } from './perms';

/** Entra ID v2.0 endpoints of a tenant (a token, e.g. a CloudFormation parameter, is fine). */
export function entraEndpoints(tenantId: string) {
  const base = `https://login.microsoftonline.com/${tenantId}`;
  return { issuer: `${base}/v2.0`, authorizationEndpoint: `${base}/oauth2/v2.0/authorize`, tokenEndpoint: `${base}/oauth2/v2.0/token` };
}

/** Properties of {@link AzureTokenProvider}. */
export interface AzureTokenProviderProps {
  readonly agent: AgentPlan;
  /** Entra tenant id (a CloudFormation parameter from the phase 1 hand-over, or a literal). */
  readonly tenantId: string;
  /** Application (client) id of the agent's identity. */
  readonly clientId: string;
  /** Key of the client secret (created identities). */
  readonly secretsKey: kms.IKey;
}

export class AzureTokenProvider extends Construct {
  public readonly provider: agentcore.CfnOAuth2CredentialProvider;
  /** Name the agent passes to `GetResourceOauth2Token`. */
  public readonly providerName: string;
  public readonly providerArn: string;
  /** The secret holding the client secret (created by this construct, or the agent's own). */
  public readonly clientSecret: secretsmanager.ISecret;
  /** Whether `clientSecret` is ours (the deploy runner fills it). */
  public readonly ownsSecret: boolean;
  /** OAuth scope of Azure AI data-plane tokens. */
  public readonly scope = COGNITIVE_SERVICES_SCOPE;

  constructor(scope: Construct, id: string, private readonly props: AzureTokenProviderProps) {
    super(scope, id);
    const { identity } = props.agent;
    this.providerName = identity.credentialProviderName;
    if (!/^[a-zA-Z0-9_-]{1,128}$/.test(this.providerName)) {
      throw new Error(`AzureTokenProvider: credential provider name "${this.providerName}" must be 1-128 letters, digits, "_" or "-"`);
    }
    this.ownsSecret = identity.mode === 'created';
    this.clientSecret = identity.byo
      ? secretsmanager.Secret.fromSecretCompleteArn(this, 'ClientSecret', identity.byo.clientSecretArn)
      : new secretsmanager.Secret(this, 'ClientSecret', {
        secretName: identity.clientSecretName,
        description: `Entra ID client secret of agent ${props.agent.spec.name} (written by stateline deploy; read by AgentCore Identity)`,
        encryptionKey: props.secretsKey,
        // A random placeholder until the deploy runner writes the real value; CloudFormation
        // only generates it on create, so later stack updates keep what the runner wrote.
        generateSecretString: {
          secretStringTemplate: '{}',
          generateStringKey: identity.clientSecretJsonKey,
          passwordLength: 40,
          excludePunctuation: true,
        },
        removalPolicy: RemovalPolicy.DESTROY,
      });
    if (this.ownsSecret) {
      Validations.of(this.clientSecret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: 'The value is an Entra ID client secret: Entra creates it (azuread_application_password, rotated every azure.agentCredentials.rotationDays by time_rotating) and stateline deploy copies each new one here; a Secrets Manager rotation Lambda cannot mint Entra credentials.',
      });
    }
    const endpoints = entraEndpoints(props.tenantId);
    this.provider = new agentcore.CfnOAuth2CredentialProvider(this, 'Resource', {
      name: this.providerName,
      credentialProviderVendor: 'CustomOauth2',
      oauth2ProviderConfigInput: {
        customOauth2ProviderConfig: {
          clientId: props.clientId,
          clientSecretSource: 'EXTERNAL',
          clientSecretConfig: { secretId: this.clientSecret.secretArn, jsonKey: identity.clientSecretJsonKey },
          clientAuthenticationMethod: 'CLIENT_SECRET_POST',
          oauthDiscovery: {
            authorizationServerMetadata: {
              issuer: endpoints.issuer,
              authorizationEndpoint: endpoints.authorizationEndpoint,
              tokenEndpoint: endpoints.tokenEndpoint,
            },
          },
        },
      },
    });
    this.providerArn = this.provider.attrCredentialProviderArn;
  }

  /** Lets the runtime's execution role fetch tokens from this provider and nothing else. */
  public grantTokenFetch(role: iam.IRole): iam.Policy {
    const stack = Stack.of(this);
    const arn = (resourceName: string) => Arn.format({ service: 'bedrock-agentcore', resource: resourceName, arnFormat: ArnFormat.NO_RESOURCE_NAME }, stack);
    const policy = new iam.Policy(this, 'TokenFetch', {
      statements: [
        new iam.PolicyStatement({
          sid: 'AzureTokenFromAgentCoreIdentity',
          actions: [AGENTCORE_GET_RESOURCE_OAUTH2_TOKEN],
          resources: [
            arn('token-vault/default'),
            this.providerArn,
            arn('workload-identity-directory/default'),
            arn('workload-identity-directory/default/workload-identity/*'),
          ],
        }),
        new iam.PolicyStatement({
          sid: 'ReadAzureClientSecret',
          actions: [...SECRETS_MANAGER_READ_SECRET],
          resources: [this.clientSecret.secretArn],
        }),
      ],
    });
    // The secret's customer-managed key: ours, or the one a bring-your-own identity names.
    const key = this.ownsSecret ? this.props.secretsKey.keyArn : this.props.agent.identity.byo?.clientSecretKmsKeyArn;
    if (key) {
      policy.addStatements(new iam.PolicyStatement({
        sid: 'DecryptAzureClientSecret',
        actions: [KMS_DECRYPT],
        resources: [key],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.${stack.urlSuffix}` } },
      }));
    }
    policy.attachToRole(role);
    // cdk-nag prints the account as written: a literal in account-specific stacks, else the pseudo parameter.
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${stack.partition}:bedrock-agentcore:${stack.region}:${account}:workload-identity-directory/default/workload-identity/*]`,
      reason: 'GetResourceOauth2Token names the caller\'s workload identity, which AgentCore Runtime creates with a generated name (no CloudFormation attribute); the token vault provider is pinned to this agent\'s provider.',
    });
    return policy;
  }
}
