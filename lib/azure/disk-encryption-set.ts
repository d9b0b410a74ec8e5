/**
 * A disk encryption set that follows its key's rotations, created through ARM.
 *
 * Why not `azurerm_disk_encryption_set`: with `auto_key_rotation_enabled` (the only way a set
 * moves to new key versions by itself) azurerm 4.55 reads the key's latest version from the
 * vault's **data plane** when it creates the set (`GetKey` on `<vault>.vault.azure.net`), which
 * the private vault refuses to a deployer without a private path. The ARM API takes the
 * versioned key URL the key was created with plus `rotationToLatestKeyVersionEnabled: true`
 * ("Version segment of the Url is required regardless of rotationToLatestKeyVersionEnabled"),
 * and Compute then moves the set to each new version (within an hour of a rotation).
 *
 * The set has a system-assigned identity (the only type for new sets). It needs
 * `Key Vault Crypto Service Encryption User` on the key before disks use it; the caller grants
 * it to {@link ArmDiskEncryptionSet.principalId}. Destroying the stack deletes the set with
 * its deployment (the default azurerm configuration deletes a deployment's resources).
 *
 * @example
 * const des = new ArmDiskEncryptionSet(this, 'DiskEncryptionSet', { name: 'des-aks-x', key, vaultId, resourceGroupId, resourceGroupName, location, tags });
 * key.grantEncryptionUser(this, 'DesKeyUser', des.principalId);
 * @see https://learn.microsoft.com/azure/templates/microsoft.compute/2024-03-02/diskencryptionsets
 * @see https://learn.microsoft.com/azure/virtual-machines/disk-encryption#automatic-key-rotation-of-customer-managed-keys
 */
import { Construct } from 'constructs';
import { ArmDeployment, ARM_TEMPLATE_SCHEMA, type ArmTemplate } from './arm-deployment';
import type { VaultKey } from './encryption-vault';
import { azureName, diskEncryptionSetDeploymentName } from './names';

/** API version of `Microsoft.Compute/diskEncryptionSets` in the deployment. */
export const DISK_ENCRYPTION_SET_API_VERSION = '2024-03-02';

/** Properties of {@link ArmDiskEncryptionSet}. */
export interface ArmDiskEncryptionSetProps {
  /** Set name (1-80 letters, digits, `_` or `-`). */
  readonly name: string;
  /** The key; the set starts on the version it was created with and follows later ones. */
  readonly key: VaultKey;
  /** ARM id of the vault holding the key (`activeKey.sourceVault`). */
  readonly vaultId: string;
  /** ARM id of the resource group: the set's id is built from it (known at plan time). */
  readonly resourceGroupId: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The ARM template of a customer-key disk encryption set with automatic key rotation. */
export function diskEncryptionSetTemplate(): ArmTemplate {
  const set = "resourceId('Microsoft.Compute/diskEncryptionSets', parameters('name'))";
  return {
    $schema: ARM_TEMPLATE_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { name: { type: 'string' }, location: { type: 'string' }, keyUrl: { type: 'string' }, vaultId: { type: 'string' }, tags: { type: 'object' } },
    resources: [{
      type: 'Microsoft.Compute/diskEncryptionSets',
      apiVersion: DISK_ENCRYPTION_SET_API_VERSION,
      name: "[parameters('name')]",
      location: "[parameters('location')]",
      tags: "[parameters('tags')]",
      identity: { type: 'SystemAssigned' },
      properties: {
        encryptionType: 'EncryptionAtRestWithCustomerKey',
        activeKey: { keyUrl: "[parameters('keyUrl')]", sourceVault: { id: "[parameters('vaultId')]" } },
        rotationToLatestKeyVersionEnabled: true,
      },
    }],
    outputs: {
      principalId: { type: 'string', value: `[reference(${set}, '${DISK_ENCRYPTION_SET_API_VERSION}', 'full').identity.principalId]` },
    },
  };
}

export class ArmDiskEncryptionSet extends Construct {
  public readonly deployment: ArmDeployment;
  /** The set's ARM id (for `disk_encryption_set_id`, ForceNew on clusters: built, never unknown). */
  public readonly id: string;
  /** Object id of the set's system-assigned identity. */
  public readonly principalId: string;

  constructor(scope: Construct, id: string, props: ArmDiskEncryptionSetProps) {
    super(scope, id);
    const name = azureName('diskEncryptionSet', props.name);
    this.deployment = new ArmDeployment(this, 'Resource', {
      name: diskEncryptionSetDeploymentName(name),
      resourceGroupName: props.resourceGroupName,
      template: diskEncryptionSetTemplate(),
      parameters: { name, location: props.location, keyUrl: props.key.keyUriWithVersion, vaultId: props.vaultId, tags: { ...props.tags } },
      tags: props.tags,
    });
    this.id = `${props.resourceGroupId}/providers/Microsoft.Compute/diskEncryptionSets/${name}`;
    this.principalId = this.deployment.output('principalId');
  }
}
