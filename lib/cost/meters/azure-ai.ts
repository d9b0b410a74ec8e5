/**
 * AI Services / Azure OpenAI meters. An account has no standing charge; its deployments are
 * billed by tokens (Standard, DataZoneStandard, GlobalStandard: usage-based) or by provisioned
 * throughput units per hour (ProvisionedManaged, DataZoneProvisionedManaged,
 * GlobalProvisionedManaged: fixed, PTUs x hours).
 */
import { block, literal } from '../../policy/util/values';
import type { UsageCharge } from '../model';
import type { InventoryResource } from '../../policy/types';
import { cachedBy, free, Meter, num } from './types';

export const PROVISIONED_SKUS: ReadonlySet<string> = new Set(['ProvisionedManaged', 'DataZoneProvisionedManaged', 'GlobalProvisionedManaged']);
const TOKEN_SKUS: ReadonlySet<string> = new Set(['Standard', 'DataZoneStandard', 'GlobalStandard', 'GlobalBatch', 'DataZoneBatch']);

const deployment: Meter = (r) => {
  const sku = block(r.properties.sku);
  const skuName = literal(sku?.name);
  const capacity = num(sku?.capacity);
  const model = literal(block(r.properties.model)?.name);
  if (!skuName || !model) return { unpriced: ['sku.name or model.name is not a literal'] };
  if (PROVISIONED_SKUS.has(skuName)) {
    if (capacity === undefined) return { unpriced: [`${skuName}: sku.capacity (PTUs) is not a literal`] };
    return {
      fixed: [{ key: `azure/openai/ptu/${skuName}`, label: `${model}: ${capacity} PTU ${skuName}`, quantity: capacity }],
      notes: ['hourly provisioned price; monthly or yearly reservations cost less'],
    };
  }
  if (!TOKEN_SKUS.has(skuName)) return { unpriced: [`deployment sku ${skuName} is not in the price table`] };
  // Embedding models bill input tokens only.
  const directions = /embedding/i.test(model) ? ['input'] : ['input', 'output'];
  const usage: UsageCharge[] = directions.map((d) => ({ key: `azure/openai/tokens/${model}/${skuName}/${d}`, label: `${model} ${d} tokens (${skuName})` }));
  return {
    usage,
    notes: capacity !== undefined ? [`capacity ${capacity} is a rate limit (${capacity}K tokens per minute), not a charge`] : [],
  };
};

const account: Meter = (r) => {
  const kind = literal(r.properties.kind) ?? 'unknown';
  if (kind === 'OpenAI' || kind === 'AIServices') return { free: 'no standing charge: billed through its model deployments' };
  return { usage: [{ key: `azure/cognitive-services/${kind}`, label: `${kind} usage` }] };
};

/** A deployment's charges depend on its sku, capacity and model name only. */
const deploymentKey = (r: InventoryResource) => {
  const sku = block(r.properties.sku);
  return `${String(sku?.name)}\0${String(sku?.capacity)}\0${String(block(r.properties.model)?.name)}`;
};

export const AZURE_AI_METERS: Record<string, Meter> = {
  azurerm_cognitive_account: account,
  azurerm_cognitive_deployment: cachedBy(deploymentKey, deployment),
  azurerm_cognitive_account_customer_managed_key: free('a key assignment; the key is billed in Key Vault'),
};
