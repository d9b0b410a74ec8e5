/**
 * lib/cost: the offline monthly cost floor of what will be deployed, on both clouds.
 *
 * For every managed resource of the inventory the policy engine builds (CDK cloud assemblies,
 * cdktf output, CloudFormation templates, Terraform), a meter for its type (lib/cost/meters)
 * reads the synthesized properties and names what it is billed for, by price key:
 *
 *   fixed   hourly or monthly charges (a VPN gateway-hour, an endpoint ENI-hour, an HSM key-month,
 *           PTU-hours): summed into the monthly floor (730 hours a month); autoscaled node pools
 *           count `min_count` for the floor and `max_count` for the ceiling
 *   usage   charges by use (tokens, GB, requests, AgentCore consumption): listed with their unit
 *           prices, never totalled
 *   free    no charge, with the reason
 *   not priced  a type without a meter, a region or key the price table lacks, a value that is a
 *           token: listed with the reason, never counted as zero
 *
 * Prices come from lib/cost/prices.json (USD list prices per region, each with its unit, source,
 * basis and the date checked; entries not read from the providers' price lists say so in
 * `estimate`) and `--prices FILE` overrides (lib/cost/prices.ts). Refresh the table with
 * scripts/refresh-prices.ts where the price APIs are reachable.
 *
 * @example
 * const inventory = await loadInventory({ cdkOut: ['cdk.out'], cdktfOut: ['cdktf.out'] });
 * const report = estimateCost(inventory);            // or estimateCost(inventory, withOverrides(builtinPrices(), 'prices.json'))
 * process.stdout.write(renderCostText(report));
 */
export * from './model';
export { costOfResource, estimateCost, estimateCostSummary } from './estimate';
export { builtinPrices, lookupPrice, withOverrides } from './prices';
export type { PriceEntry, PriceTable } from './prices';
export { meterFor, METERED_TYPES } from './meters';
export { COST_FORMATS, costDeltaText, costSummaryLine, money, renderCost, renderCostJson, renderCostMarkdown, renderCostText, signedMoney } from './render';
export type { CostFormat } from './render';

import type { CostReport, CostSummary } from './model';

/** The totals a PR diff compares. */
export function costSummary(report: CostReport): CostSummary {
  return { currency: report.currency, clouds: report.clouds, total: report.total };
}
