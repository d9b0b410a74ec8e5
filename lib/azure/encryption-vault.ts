/**
 * A region's Key Vault for customer-managed keys (CMK): private, RBAC-authorized,
 * purge-protected, with HSM-backed keys that services get through {@link VaultKey.grantEncryptionUser}.
 *
 * Private by default:
 * - `public_network_access_enabled = false`, `network_acls { default_action = "Deny",
 *   bypass = "AzureServices" }`: clients come in through the private endpoint (subresource
 *   `vault`, zone `privatelink.vaultcore.azure.net`); Azure services that encrypt with the
 *   keys from their own backends come in through the trusted-services bypass, which still
 *   requires their RBAC grant. Disk Storage (disk encryption sets) is on Key Vault's
 *   trusted-service list; AI Services is not listed there, but its CMK documentation
 *   requires exactly this bypass for a firewalled vault (see `AiServices`).
 * - `rbac_authorization_enabled` (the 4.42+ name; `enable_rbac_authorization` is deprecated):
 *   no access policies. Grants are key-scoped role assignments.
 * - Purge protection on and 90 days soft delete: a CMK vault must not lose its keys, and
 *   Disk Storage and AI Services both refuse a vault without purge protection.
 * - `premium` SKU: keys are `RSA-HSM` (FIPS 140 Level 3 HSMs). `standard` would allow only
 *   software `RSA` keys; the price difference is per key operation, not per vault.
 * - Keys rotate automatically every 90 days and do not expire: services pinned to a key
 *   version (AI Services) would fail on an expired version, while an old, still valid
 *   version keeps working until they move to the new one.
 *
 * **Keys are created through ARM, not the vault's data plane.** `azurerm_key_vault_key` talks to
 * `<name>.vault.azure.net`, which this vault's firewall refuses to every deployer without a
 * private path (phase 1 runs before any exists). Each key is instead an ARM template deployment
 * of `Microsoft.KeyVault/vaults/keys` (with its rotation policy) on management.azure.com: the
 * vault firewall applies to data-plane operations only, and the deployer needs the
 * `Microsoft.KeyVault/vaults/keys/write` action (Contributor, Key Vault Contributor), no
 * data-plane role. Refreshes read the deployment record: plans make no data-plane call either.
 * ARM creates a key only if it does not exist (an existing key is returned unchanged, never
 * updated or given a new version), and has no delete: keys stay in the vault when the stack is
 * destroyed (see `keyDeploymentProvider`).
 *
 * Destroying leaves the vault soft-deleted for 90 days (purge protection forbids purging):
 * its name stays taken, and azurerm recovers it on the next create (`recover_soft_deleted_key_vaults`).
 *
 * @example
 * const vault = new EncryptionVault(stack, 'Encryption', { name: keyVaultName(project, short),
 *   privateEndpointSubnetId, privateDnsZoneId, diagnostics: logs, location, resourceGroupName, tags,
 *   keyProvider: keyDeploymentProvider(stack, derived) });
 * const key = vault.addKey('ai-services', { size: 2048 });
 * key.grantEncryptionUser(account, 'KeyAccess', account.identity.principalId);
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/key_vault
 * @see https://learn.microsoft.com/azure/templates/microsoft.keyvault/2024-11-01/vaults/keys
 * @see https://learn.microsoft.com/azure/key-vault/keys/quick-create-template (creating keys via ARM)
 * @see https://learn.microsoft.com/azure/key-vault/general/network-security (firewall: data plane only)
 * @see https://learn.microsoft.com/azure/key-vault/general/overview-vnet-service-endpoints#trusted-services
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ArmDeployment, ARM_TEMPLATE_SCHEMA, type ArmTemplate } from './arm-deployment';
import { Diagnostics, DiagnosticsDestination } from './diagnostics';
import { customerManagedKeyName, keyDeploymentName, keyVaultNames } from './names';

/** Built-in Key Vault data-plane role granted here. */
export const KEY_VAULT_ROLES = {
  /** Get, wrap and unwrap a key: what an encrypting service needs, nothing more. */
  cryptoServiceEncryptionUser: 'Key Vault Crypto Service Encryption User',
} as const;

/** API version of `Microsoft.KeyVault/vaults/keys` in key deployments. */
export const KEY_VAULT_API_VERSION = '2024-11-01';

/** Key operations of a CMK: key wrapping only (services wrap their data keys with it). */
export const CMK_KEY_OPTS = ['wrapKey', 'unwrapKey'] as const;

/** Properties of {@link EncryptionVault}. */
export interface EncryptionVaultProps {
  /** Vault name (globally unique, 3-24 chars). */
  readonly name: string;
  /** Subnet of the private endpoint (`snet-private-endpoints`). */
  readonly privateEndpointSubnetId: string;
  /** The `privatelink.vaultcore.azure.net` zone the endpoint registers in. */
  readonly privateDnsZoneId: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Tags applied to every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Send the vault's audit logs and metrics to this workspace.
   * @default no diagnostic setting
   */
  readonly diagnostics?: DiagnosticsDestination;
  /**
   * Vault SKU: `premium` for HSM-backed keys, `standard` for software keys.
   * @default 'premium'
   */
  readonly skuName?: 'premium' | 'standard';
  /**
   * Public IPv4 ranges allowed through the vault firewall for deployers that cannot reach
   * the private endpoint. Non-empty turns public network access on with default-deny ACLs.
   * @default [] (private endpoint only)
   */
  readonly deployerIpRanges?: readonly string[];
  /**
   * The azurerm configuration that deploys the keys: it must keep nested items on destroy
   * (`template_deployment.delete_nested_items_during_deletion = false`, see `keyDeploymentProvider`).
   */
  readonly keyProvider: TerraformProvider;
}

/** Options of a customer-managed key created in an {@link EncryptionVault}. */
export interface VaultKeyOptions {
  /**
   * RSA key size in bits. AI Services accepts only 2048; Disk Storage accepts 2048, 3072, 4096.
   * @default 3072
   */
  readonly size?: 2048 | 3072 | 4096;
  /**
   * Automatic rotation interval after each version's creation (ISO 8601 duration).
   * @default 'P90D'
   */
  readonly rotateAfter?: string;
}

/** A key in an {@link EncryptionVault}, with the grant services need to encrypt with it. */
export class VaultKey {
  /** The key's ARM resource id (versionless): the scope of key-level role assignments. */
  public readonly resourceId: string;
  /** ARM id of the vault holding the key. */
  public readonly vaultId: string;
  /** Versionless key URI (`https://<vault>.vault.azure.net/keys/<name>`): follows rotations. */
  public readonly keyUri: string;
  /**
   * URI of the version the key had when it was created. It comes from the creating deployment's
   * outputs, so rotations never change it in Terraform state (no drift); consumers that need a
   * versioned URI (AI Services, disk encryption sets) start from it.
   */
  public readonly keyUriWithVersion: string;

  constructor(public readonly name: string, vault: KeyVault, public readonly deployment: ArmDeployment) {
    // Built from the vault id (known at plan time) rather than read from the deployment, so
    // role assignment scopes (ForceNew) never become unknown when the deployment changes.
    this.resourceId = `${vault.id}/keys/${name}`;
    this.vaultId = vault.id;
    this.keyUri = deployment.output('keyUri');
    this.keyUriWithVersion = deployment.output('keyUriWithVersion');
  }

  /**
   * Lets `principalId` (a service's managed identity) get, wrap and unwrap this key only:
   * a key-scoped `Key Vault Crypto Service Encryption User` assignment, defined in `scope`.
   */
  public grantEncryptionUser(scope: Construct, id: string, principalId: string): RoleAssignment {
    return new RoleAssignment(scope, id, {
      scope: this.resourceId,
      roleDefinitionName: KEY_VAULT_ROLES.cryptoServiceEncryptionUser,
      principalId,
      principalType: 'ServicePrincipal',
      // A new managed identity may not have replicated in Entra ID yet.
      skipServicePrincipalAadCheck: true,
      // The key exists only once its deployment has run.
      dependsOn: [this.deployment.deployment],
    });
  }
}

/** The ARM template of one wrapping key with automatic rotation (`Microsoft.KeyVault/vaults/keys`). */
export function keyTemplate(size: number, rotateAfter: string): ArmTemplate {
  const key = "resourceId('Microsoft.KeyVault/vaults/keys', parameters('vaultName'), parameters('keyName'))";
  return {
    $schema: ARM_TEMPLATE_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { vaultName: { type: 'string' }, keyName: { type: 'string' }, tags: { type: 'object' } },
    resources: [{
      type: 'Microsoft.KeyVault/vaults/keys',
      apiVersion: KEY_VAULT_API_VERSION,
      name: "[format('{0}/{1}', parameters('vaultName'), parameters('keyName'))]",
      tags: "[parameters('tags')]",
      properties: {
        kty: 'RSA-HSM',
        keySize: size,
        keyOps: [...CMK_KEY_OPTS],
        attributes: { enabled: true },
        // A new version every `rotateAfter`; no expiry (an expired version would break services pinned to it).
        rotationPolicy: { lifetimeActions: [{ trigger: { timeAfterCreate: rotateAfter }, action: { type: 'rotate' } }] },
      },
    }],
    outputs: {
      keyUri: { type: 'string', value: `[reference(${key}, '${KEY_VAULT_API_VERSION}').keyUri]` },
      keyUriWithVersion: { type: 'string', value: `[reference(${key}, '${KEY_VAULT_API_VERSION}').keyUriWithVersion]` },
    },
  };
}

export class EncryptionVault extends Construct {
  public readonly vault: KeyVault;
  public readonly privateEndpoint: PrivateEndpoint;
  private readonly tags: Record<string, string>;
  private readonly vaultName: string;
  private readonly resourceGroupName: string;
  private readonly keyProvider: TerraformProvider;

  constructor(scope: Construct, id: string, props: EncryptionVaultProps) {
    super(scope, id);
    this.tags = { ...props.tags };
    this.vaultName = props.name;
    this.resourceGroupName = props.resourceGroupName;
    this.keyProvider = props.keyProvider;
    const client = new DataAzurermClientConfig(this, 'ClientConfig', {});
    this.vault = new KeyVault(this, 'Resource', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tenantId: client.tenantId,
      skuName: props.skuName ?? 'premium',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: 90,
      // Private by default; deployer ranges (if any) are the only public exception.
      publicNetworkAccessEnabled: (props.deployerIpRanges ?? []).length > 0,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ...((props.deployerIpRanges ?? []).length > 0 ? { ipRules: [...props.deployerIpRanges!] } : {}) },
      tags: this.tags,
    });
    this.privateEndpoint = this.definePrivateEndpoint(props);
    if (props.diagnostics) {
      new Diagnostics(this, 'Diagnostics', { targetResourceId: this.vault.id, workspace: props.diagnostics });
    }
  }

  /**
   * Adds an `RSA-HSM` wrapping key named `cmk-<purpose>` with automatic rotation, created
   * through ARM (no data-plane access needed, see the class doc).
   */
  public addKey(purpose: string, options: VaultKeyOptions = {}): VaultKey {
    const name = customerManagedKeyName(purpose);
    const deployment = new ArmDeployment(this, `Key-${purpose}`, {
      name: keyDeploymentName(this.vaultName, name),
      resourceGroupName: this.resourceGroupName,
      template: keyTemplate(options.size ?? 3072, options.rotateAfter ?? 'P90D'),
      parameters: { vaultName: this.vault.name, keyName: name, tags: this.tags },
      tags: this.tags,
      provider: this.keyProvider,
    });
    return new VaultKey(name, this.vault, deployment);
  }

  private definePrivateEndpoint(props: EncryptionVaultProps): PrivateEndpoint {
    const names = keyVaultNames(props.name);
    return new PrivateEndpoint(this, 'PrivateEndpoint', {
      name: names.privateEndpoint,
      customNetworkInterfaceName: names.networkInterface,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      subnetId: props.privateEndpointSubnetId,
      privateServiceConnection: {
        name: names.serviceConnection,
        privateConnectionResourceId: this.vault.id,
        subresourceNames: ['vault'],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [props.privateDnsZoneId] },
      tags: this.tags,
    });
  }
}
