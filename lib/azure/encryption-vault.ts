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
 * **Deploying needs data-plane reach.** Terraform creates the keys and reads them on every
 * plan through the vault's data plane (`<name>.vault.azure.net`), which answers only on the
 * private endpoint. Plans and applies of the serving stack must therefore run from a network
 * that reaches the private endpoint and resolves `privatelink.vaultcore.azure.net` (a runner
 * in the hub, a spoke or a VNet peered with them, or on-premises/AWS through the VPN and the
 * hub resolver). From elsewhere, key creation fails with a connection error; the vault
 * itself (management plane) is still created. The deploying principal gets
 * `Key Vault Crypto Officer` on the vault; a fresh role assignment can take minutes to apply,
 * so a first apply may fail with 403 on the keys and succeed when re-run.
 *
 * Destroying leaves the vault soft-deleted for 90 days (purge protection forbids purging):
 * its name stays taken, and azurerm recovers it on the next create (`recover_soft_deleted_key_vaults`).
 *
 * @example
 * const vault = new EncryptionVault(stack, 'Encryption', { name: keyVaultName(project, short),
 *   privateEndpointSubnetId, privateDnsZoneId, diagnostics: logs, location, resourceGroupName, tags });
 * const key = vault.addKey('ai-services', { size: 2048 });
 * key.grantEncryptionUser(account, 'KeyAccess', account.identity.principalId);
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/key_vault
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/key_vault_key
 * @see https://learn.microsoft.com/azure/key-vault/general/overview-vnet-service-endpoints#trusted-services
 */
import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Diagnostics, DiagnosticsDestination } from './diagnostics';
import { customerManagedKeyName, keyVaultNames } from './names';

/** Built-in Key Vault data-plane roles used here. */
export const KEY_VAULT_ROLES = {
  /** Create keys and set their rotation policy (the deploying principal). */
  cryptoOfficer: 'Key Vault Crypto Officer',
  /** Get, wrap and unwrap a key: what an encrypting service needs, nothing more. */
  cryptoServiceEncryptionUser: 'Key Vault Crypto Service Encryption User',
} as const;

/** Key operations of a CMK: key wrapping only (services wrap their data keys with it). */
export const CMK_KEY_OPTS = ['wrapKey', 'unwrapKey'] as const;

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
}

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
  constructor(public readonly key: KeyVaultKey) {}

  /**
   * Lets `principalId` (a service's managed identity) get, wrap and unwrap this key only:
   * a key-scoped `Key Vault Crypto Service Encryption User` assignment, defined in `scope`.
   */
  public grantEncryptionUser(scope: Construct, id: string, principalId: string): RoleAssignment {
    return new RoleAssignment(scope, id, {
      scope: this.key.resourceVersionlessId,
      roleDefinitionName: KEY_VAULT_ROLES.cryptoServiceEncryptionUser,
      principalId,
      principalType: 'ServicePrincipal',
      // A new managed identity may not have replicated in Entra ID yet.
      skipServicePrincipalAadCheck: true,
    });
  }
}

export class EncryptionVault extends Construct {
  public readonly vault: KeyVault;
  public readonly privateEndpoint: PrivateEndpoint;
  /** The deploying principal's `Key Vault Crypto Officer` assignment (keys wait for it). */
  public readonly deployerGrant: RoleAssignment;
  private readonly tags: Record<string, string>;

  constructor(scope: Construct, id: string, props: EncryptionVaultProps) {
    super(scope, id);
    this.tags = { ...props.tags };
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
    this.deployerGrant = new RoleAssignment(this, 'DeployerCryptoOfficer', {
      scope: this.vault.id,
      roleDefinitionName: KEY_VAULT_ROLES.cryptoOfficer,
      principalId: client.objectId,
    });
    if (props.diagnostics) {
      new Diagnostics(this, 'Diagnostics', { targetResourceId: this.vault.id, workspace: props.diagnostics });
    }
  }

  /**
   * Adds an `RSA-HSM` wrapping key named `cmk-<purpose>` with automatic rotation. It is
   * created through the private endpoint, once the deployer may create keys.
   */
  public addKey(purpose: string, options: VaultKeyOptions = {}): VaultKey {
    const dependsOn: ITerraformDependable[] = [this.privateEndpoint, this.deployerGrant];
    return new VaultKey(new KeyVaultKey(this, `Key-${purpose}`, {
      name: customerManagedKeyName(purpose),
      keyVaultId: this.vault.id,
      keyType: 'RSA-HSM',
      keySize: options.size ?? 3072,
      keyOpts: [...CMK_KEY_OPTS],
      rotationPolicy: { automatic: { timeAfterCreation: options.rotateAfter ?? 'P90D' } },
      dependsOn,
      tags: this.tags,
    }));
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
