/**
 * `stateline cost` and the cost steps of `synth` and `diff`: thin glue between the CLI flags,
 * the price table (and `--prices` overrides) and lib/cost.
 */
import { builtinPrices, CostReport, CostSummary, estimateCost, estimateCostSummary, PriceTable, withOverrides } from '../cost';
import { evaluate, Inventory, loadInventory, LoadOptions } from '../policy';
import type { PolicyFindingRef } from '../diff/model';
import type { Suppression } from '../topology/schema';
import { findingRefs, outputDirInputs } from './check';

/** The built-in table, with a `--prices` file applied when given (exit 2 on a bad file). */
export function priceTable(file?: string): PriceTable {
  return file ? withOverrides(builtinPrices(), file) : builtinPrices();
}

/** The cost report of synthesized outputs (default `./cdk.out` and `./cdktf.out`). */
export async function costOfOutputs(inputs: LoadOptions, prices: PriceTable = builtinPrices()): Promise<CostReport> {
  return estimateCost(await loadInventory(inputs), prices);
}

/**
 * Per output directory, the policy findings and the cost totals a PR diff compares, from one
 * inventory load per directory (sources relative to the directory, so both sides key alike).
 */
export function outputAnalyzer(suppressions: readonly Suppression[] = []) {
  const inventories = new Map<string, Promise<Inventory>>();
  const inventoryOf = (dir: string) => {
    let p = inventories.get(dir);
    if (!p) inventories.set(dir, (p = loadInventory({ cwd: dir, ...outputDirInputs(dir) })));
    return p;
  };
  return {
    findings: async (dir: string): Promise<PolicyFindingRef[]> => findingRefs(evaluate(await inventoryOf(dir), { suppressions })),
    cost: async (dir: string): Promise<CostSummary> => estimateCostSummary(await inventoryOf(dir)),
  };
}
