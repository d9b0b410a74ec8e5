/**
 * Managed stateless inference in one region: an Azure AI Services account (serves the
 * OpenAI API and other model formats), its model deployments, and a private endpoint.
 *
 * Private by default:
 * - `public_network_access_enabled = false` and `network_acls.default_action = "Deny"`;
 *   the only way in is the private endpoint (subresource `account`) in the spoke.
 * - `local_auth_enabled = false`: keyless, Entra ID tokens only (no keys to leak).
 * - `outbound_network_access_restricted = true`: the account itself calls nowhere.
 * - `network_acls.bypass` is left unset: azurerm 4.55 accepts it only for the `OpenAI` and
 *   `TextAnalytics` kinds and fails on `AIServices`.
 *
 * Customer-managed key (when `customerManagedKey` is set): the account's **system-assigned**
 * identity gets `Key Vault Crypto Service Encryption User` on the key, then an
 * `azurerm_cognitive_account_customer_managed_key` switches the account to the key before
 * any deployment is written. Why this path:
 * - A CMK at account creation needs a user-assigned identity granted beforehand, and AI
 *   Services supports CMK with a user-assigned identity in neither swedencentral,
 *   francecentral nor norwayeast (among others); the system identity exists only once the
 *   account does, hence the separate resource after it.
 * - The account ignores changes to its own `customer_managed_key` block: its read reports
 *   the key set by the separate resource, and without `ignore_changes` every plan would
 *   try to remove it.
 * - The key is RSA(-HSM) 2048 (the only size AI Services accepts) and referenced **by version**:
 *   Microsoft documents that an AI Services resource must be updated to a new key version
 *   after each rotation (it does not follow a versionless key), and azurerm 4.55's read of
 *   this resource dereferences the returned key version. The version is the one the key was
 *   created with (an output of its ARM deployment, fixed in state), so rotations cause no
 *   Terraform drift; `key_vault_key_id` is in `ignore_changes`, so an operator may move the
 *   account to a newer version (portal or CLI, as Microsoft documents) without the next apply
 *   moving it back. Old versions stay valid (the rotation policy sets no expiry).
 * - The vault is private; AI Services reaches it from its backend through the vault's
 *   trusted-services bypass, which its CMK documentation requires for a firewalled vault
 *   (AI Services is absent from Key Vault's own trusted-service table: if the CMK step
 *   fails with a Key Vault firewall error, that bypass is what is refused).
 * - The grant needs time to apply (403 otherwise): the CMK step waits for it
 *   ({@link RbacPropagationWait}).
 *
 * Order of writes to the account (the service answers 409 to parallel writes): the private
 * endpoint (and its DNS zone group) right after the account, then the CMK, then the
 * deployments one after another. The endpoint depends on no deployment: a deployment that
 * fails (quota, a retired model, a region without the model) leaves the account reachable.
 * Deployment versions are pinned until Azure retires them (`OnceCurrentVersionExpired`), so
 * plans stay clean.
 *
 * @example
 * new AiServices(stack, 'AiServices', { name: plan.accountName, customSubdomain: plan.customSubdomain,
 *   models: plan.spec.models, privateEndpointSubnetId, privateDnsZoneIds, location, resourceGroupName, tags });
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/cognitive_account
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/cognitive_deployment
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/cognitive_account_customer_managed_key
 * @see https://learn.microsoft.com/azure/ai-foundry/concepts/encryption-keys-portal
 * @see https://learn.microsoft.com/azure/ai-services/encryption/cognitive-services-encryption-keys-portal (update the key version after rotation)
 */
import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import { CognitiveAccountCustomerManagedKeyA } from '@cdktf/provider-azurerm/lib/cognitive-account-customer-managed-key';
import { CognitiveDeployment } from '@cdktf/provider-azurerm/lib/cognitive-deployment';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import type { ModelDeployment } from '../topology/schema';
import { Diagnostics, DiagnosticsDestination } from './diagnostics';
import type { VaultKey } from './encryption-vault';
import { aiServicesNames, azureName } from './names';
import { RbacPropagationWait } from './rbac-wait';

/** Properties of {@link AiServices}. */
export interface AiServicesProps {
  /** Account name. */
  readonly name: string;
  /** Globally unique custom subdomain (required for private endpoints and Entra ID auth). */
  readonly customSubdomain: string;
  /** Model deployments, created one after another in this order. */
  readonly models: readonly ModelDeployment[];
  /** Subnet of the private endpoint (`snet-private-endpoints`). */
  readonly privateEndpointSubnetId: string;
  /** Private DNS zones the endpoint registers in (openai, cognitiveservices, services.ai). */
  readonly privateDnsZoneIds: readonly string[];
  readonly location: string;
  readonly resourceGroupName: string;
  /** Tags applied to every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Account SKU.
   * @default 'S0'
   */
  readonly skuName?: string;
  /**
   * Send the account's logs (audit, requests) and metrics to this workspace.
   * @default no diagnostic setting
   */
  readonly diagnostics?: DiagnosticsDestination;
  /**
   * Encrypt the account's data with this key (RSA 2048, in a vault of the same region).
   * @default Microsoft-managed keys
   */
  readonly customerManagedKey?: VaultKey;
}

export class AiServices extends Construct {
  public readonly account: CognitiveAccount;
  /** Deployments by name, in creation order. */
  public readonly deployments: readonly CognitiveDeployment[];
  public readonly privateEndpoint: PrivateEndpoint;
  /** The account's customer-managed key setting, when a key was given. */
  public readonly customerManagedKey?: CognitiveAccountCustomerManagedKeyA;
  /** The private endpoint's address (all three endpoint FQDNs resolve to it). */
  public readonly privateIpAddress: string;

  constructor(scope: Construct, id: string, props: AiServicesProps) {
    super(scope, id);
    const tags = { ...props.tags };
    const names = aiServicesNames(props.name);
    this.account = new CognitiveAccount(this, 'Resource', {
      name: azureName('cognitiveAccount', props.name),
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      kind: 'AIServices',
      skuName: props.skuName ?? 'S0',
      customSubdomainName: azureName('cognitiveAccount', props.customSubdomain),
      publicNetworkAccessEnabled: false,
      localAuthEnabled: false,
      outboundNetworkAccessRestricted: true,
      networkAcls: { defaultAction: 'Deny' },
      identity: { type: 'SystemAssigned' },
      // Set by the separate customer-managed key resource (see the class doc).
      ...(props.customerManagedKey ? { lifecycle: { ignoreChanges: ['customer_managed_key'] } } : {}),
      tags,
    });
    this.privateEndpoint = new PrivateEndpoint(this, 'PrivateEndpoint', {
      name: names.privateEndpoint,
      customNetworkInterfaceName: names.networkInterface,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      subnetId: props.privateEndpointSubnetId,
      privateServiceConnection: {
        name: names.serviceConnection,
        privateConnectionResourceId: this.account.id,
        subresourceNames: ['account'],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [...props.privateDnsZoneIds] },
      // Depends on the account only: first write after it, so no deployment can hold it back.
      tags,
    });
    this.privateIpAddress = this.privateEndpoint.privateServiceConnection.privateIpAddress;
    this.customerManagedKey = props.customerManagedKey && this.defineCustomerManagedKey(props.customerManagedKey);
    this.deployments = this.defineDeployments(props.models, this.customerManagedKey ?? this.privateEndpoint);
    if (props.diagnostics) {
      new Diagnostics(this, 'Diagnostics', { targetResourceId: this.account.id, workspace: props.diagnostics });
    }
  }

  /** Grants the system identity the key, waits for the grant, then points the account at the key's first version. */
  private defineCustomerManagedKey(key: VaultKey): CognitiveAccountCustomerManagedKeyA {
    const grant = key.grantEncryptionUser(this, 'KeyEncryptionUser', this.account.identity.principalId);
    // The service checks wrap/unwrap access when the key is set: the grant must have applied.
    const wait = new RbacPropagationWait(this, 'KeyAccessWait', { grants: [grant] });
    return new CognitiveAccountCustomerManagedKeyA(this, 'CustomerManagedKey', {
      cognitiveAccountId: this.account.id,
      keyVaultKeyId: key.keyUriWithVersion,
      // After the endpoint: one write to the account at a time.
      dependsOn: [wait.sleep, this.privateEndpoint],
      // Later versions are set out of band (see the class doc); never move the account back.
      lifecycle: { ignoreChanges: ['key_vault_key_id'] },
    });
  }

  private defineDeployments(models: readonly ModelDeployment[], first: ITerraformDependable): CognitiveDeployment[] {
    const out: CognitiveDeployment[] = [];
    for (const m of models) {
      const previous = out[out.length - 1] ?? first;
      out.push(new CognitiveDeployment(this, `Deployment-${m.name}`, {
        name: m.name,
        cognitiveAccountId: this.account.id,
        model: { format: m.format, name: m.model, version: m.version },
        sku: { name: m.sku, capacity: m.capacity },
        versionUpgradeOption: 'OnceCurrentVersionExpired',
        // One write at a time per account: the service answers 409 to parallel deployments
        // (the first one waits for the CMK, so model data is encrypted with it from the start).
        dependsOn: [previous],
      }));
    }
    return out;
  }
}
