/**
 * Azure model deployment types, in a module of their own so the model tables and checks that
 * need them (`model-availability.ts`) load without zod and the topology schema.
 */

/** Cognitive deployment SKUs (azurerm 4.x `sku.name`). Global* may process data in any region. */
export const DEPLOYMENT_SKUS = [
  'Standard', 'DataZoneStandard', 'GlobalStandard', 'ProvisionedManaged',
  'DataZoneProvisionedManaged', 'GlobalProvisionedManaged', 'DataZoneBatch', 'GlobalBatch',
] as const;

/** One of {@link DEPLOYMENT_SKUS}. */
export type DeploymentSku = (typeof DEPLOYMENT_SKUS)[number];
