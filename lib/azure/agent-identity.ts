/**
 * One agent's identity in Microsoft Entra ID, and its inference role on the AI Services
 * accounts it calls.
 *
 * Created identities: an app registration per agent (per-agent audit and revocation) with its
 * service principal and one client secret. The secret is valid for `lifetimeDays` (at most
 * 180) and replaced by a new one on the first apply after `rotationDays` (a `time_rotating`
 * resource drives `rotate_when_changed`, which forces a replacement: the new secret is created
 * before the old one is deleted at the end of that apply, and the deploy runner copies it to
 * AWS right after it, so the window without a valid copy in AWS is seconds; tokens AgentCore
 * Identity already holds stay valid). The secret leaves Terraform only as a sensitive output
 * (the state holds it, as it holds every credential Terraform creates: keep the state in the
 * restricted Azure Storage backend, `azure.state`).
 *
 * Bring-your-own identities (`aws.agents[].azureIdentity`): no app registration; only the role
 * assignments on the given service principal object id.
 *
 * Role assignments are data plane and least privilege: `Cognitive Services OpenAI User` (or
 * `Cognitive Services User` when the account serves non-OpenAI models) on exactly the accounts
 * the agent uses; never Contributor, never a subscription or resource-group scope.
 *
 * @example
 * const id = new AgentIdentity(stack, 'support_agent', { agentName: 'support_agent', displayName: 'acme-agent-support_agent', credentials, tags });
 * id.grantInference('sdc', account.id, 'Cognitive Services OpenAI User', 'ais-acme-sdc');
 * @see https://registry.terraform.io/providers/hashicorp/azuread/3.7.0/docs/resources/application_password
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/how-to/role-based-access-control
 */
import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA as ApplicationPassword } from '@cdktf/provider-azuread/lib/application-password';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import type { AgentAzureIdentity } from '../topology/schema';
import type { InferenceRole } from '../topology/derive';

/** Tag on an agent's app registration and service principal naming the agent (path analysis reads it). */
export const AGENT_TAG_PREFIX = 'stateline-agent:';

/** Properties of {@link AgentIdentity}. */
export interface AgentIdentityProps {
  readonly agentName: string;
  /** Display name of the app registration (created identities). */
  readonly displayName: string;
  /** Client secret lifetime and rotation. */
  readonly credentials: { readonly lifetimeDays: number; readonly rotationDays: number };
  /**
   * An existing identity to use instead of creating one.
   * @default undefined: an app registration is created
   */
  readonly existing?: AgentAzureIdentity;
  /** Object id of the deployer (owner of the app registration), e.g. `data.azuread_client_config.object_id`. */
  readonly ownerObjectId?: string;
  /** Tenant of the deployer, for created identities. */
  readonly tenantId: string;
}

export class AgentIdentity extends Construct {
  /** Entra tenant id. */
  public readonly tenantId: string;
  /** Application (client) id. */
  public readonly clientId: string;
  /** Service principal object id (role assignment principal). */
  public readonly principalId: string;
  /** The client secret (sensitive; created identities only). */
  public readonly clientSecret?: string;
  /** Its key id (not secret). */
  public readonly clientSecretKeyId?: string;
  private readonly created: boolean;

  constructor(scope: Construct, id: string, private readonly props: AgentIdentityProps) {
    super(scope, id);
    const { existing } = props;
    if (props.credentials.rotationDays >= props.credentials.lifetimeDays || props.credentials.lifetimeDays > 180) {
      throw new Error(`AgentIdentity ${props.agentName}: rotationDays (${props.credentials.rotationDays}) must be less than lifetimeDays (${props.credentials.lifetimeDays}), which is at most 180`);
    }
    this.created = !existing;
    if (existing) {
      this.tenantId = existing.tenantId;
      this.clientId = existing.clientId;
      this.principalId = existing.principalId;
      return;
    }
    const tags = ['stateline', `${AGENT_TAG_PREFIX}${props.agentName}`];
    const owners = props.ownerObjectId ? [props.ownerObjectId] : undefined;
    const app = new Application(this, 'Application', {
      displayName: props.displayName,
      // Fails instead of creating a second app of the same name on a redeploy after a lost state.
      preventDuplicateNames: true,
      signInAudience: 'AzureADMyOrg',
      notes: `stateline agent ${props.agentName}: client-credentials access to the Azure AI Services accounts it is assigned (tokens fetched by AWS AgentCore Identity).`,
      owners,
      tags,
    });
    const sp = new ServicePrincipal(this, 'ServicePrincipal', { clientId: app.clientId, owners, tags });
    const rotation = new Rotating(this, 'SecretRotation', { rotationDays: props.credentials.rotationDays });
    const secret = new ApplicationPassword(this, 'ClientSecret', {
      applicationId: app.id,
      displayName: 'stateline: AgentCore Identity (AWS)',
      endDate: Fn.timeadd(rotation.rfc3339, `${props.credentials.lifetimeDays * 24}h`),
      rotateWhenChanged: { rotation: rotation.id },
      // The replacement exists before the old one is deleted (both in the same apply).
      lifecycle: { createBeforeDestroy: true },
    });
    this.tenantId = props.tenantId;
    this.clientId = app.clientId;
    this.principalId = sp.objectId;
    this.clientSecret = secret.value;
    this.clientSecretKeyId = secret.keyId;
  }

  /** Grants inference on one AI Services account (data plane only). */
  public grantInference(key: string, accountId: string, role: InferenceRole, accountName: string): RoleAssignment {
    return new RoleAssignment(this, `Inference-${key}`, {
      scope: accountId,
      roleDefinitionName: role,
      principalId: this.principalId,
      principalType: 'ServicePrincipal',
      // A service principal created in the same apply may not have replicated yet.
      skipServicePrincipalAadCheck: this.created ? true : undefined,
      description: `stateline agent ${this.props.agentName}: inference on ${accountName}`,
    });
  }
}
