/**
 * Per-stack Terraform setup shared by every Azure stack: the azurerm provider and the
 * state backend (remote Azure Storage when the topology names one, else a local file
 * with a relative path, so no machine path reaches synthesized output).
 */
import { AzurermBackend, LocalBackend, TerraformStack } from 'cdktf';
import { AzurermProvider, type AzurermProviderConfig } from '@cdktf/provider-azurerm/lib/provider';
import type { Derived } from '../topology/derive';

/** Alias of the provider configuration that deploys Key Vault keys through ARM (see {@link keyDeploymentProvider}). */
export const KEY_DEPLOYMENT_PROVIDER_ALIAS = 'keys';

/** Settings every azurerm provider configuration of a stateline stack shares. */
function providerConfig(derived: Derived): Omit<AzurermProviderConfig, 'features'> {
  const t = derived.topology;
  return {
    // azurerm 4.x needs a subscription: from the topology, else ARM_SUBSCRIPTION_ID at deploy time.
    subscriptionId: t.azure.subscriptionId,
    // Register only what we use; blanket registration needs subscription-wide rights.
    resourceProviderRegistrations: 'none',
    // Microsoft.ContainerRegistry: network-isolated AKS clusters create a managed registry cache.
    // Microsoft.KeyVault and Microsoft.Compute: CMK vaults and disk encryption sets.
    resourceProvidersToRegister: [
      'Microsoft.Network', 'Microsoft.CognitiveServices', 'Microsoft.ContainerService',
      'Microsoft.OperationalInsights', 'Microsoft.Insights', 'Microsoft.ManagedIdentity',
      'Microsoft.ContainerRegistry', 'Microsoft.KeyVault', 'Microsoft.Compute',
    ],
    storageUseAzuread: true,
  };
}

export function configureAzureStack(stack: TerraformStack, derived: Derived, stackName: string): AzurermProvider {
  const t = derived.topology;
  const provider = new AzurermProvider(stack, 'azurerm', { features: [{}], ...providerConfig(derived) });
  const state = t.azure.state;
  if (state) {
    new AzurermBackend(stack, {
      resourceGroupName: state.resourceGroupName,
      storageAccountName: state.storageAccountName,
      containerName: state.containerName,
      // One state blob per stack; the azurerm backend locks it with a blob lease.
      key: `${state.keyPrefix}/${stackName}.tfstate`,
      useAzureadAuth: true,
      subscriptionId: t.azure.subscriptionId,
    });
  } else {
    // Relative to cdktf.out/stacks/<stack>/: state lives next to the output dir, so a
    // fresh synth (which replaces cdktf.out) never touches it.
    new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
  }
  return provider;
}

/**
 * A second azurerm configuration (alias `keys`) for the ARM deployments that create Key Vault
 * keys: the same subscription and settings, except that destroying such a deployment leaves the
 * keys it created. ARM has no delete for `Microsoft.KeyVault/vaults/keys` (the azurerm default,
 * deleting nested items, would fail the destroy), and a CMK must outlive its consumers anyway:
 * the keys go with the vault, which is soft-deleted and recoverable for 90 days.
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/guides/features-block#template_deployment
 */
export function keyDeploymentProvider(stack: TerraformStack, derived: Derived): AzurermProvider {
  return new AzurermProvider(stack, 'azurerm_keys', {
    alias: KEY_DEPLOYMENT_PROVIDER_ALIAS,
    features: [{ templateDeployment: [{ deleteNestedItemsDuringDeletion: false }] }],
    ...providerConfig(derived),
  });
}
