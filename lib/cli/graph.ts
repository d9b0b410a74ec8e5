/**
 * `stateline graph`: the diagram of synthesized outputs, with policy violations in red.
 */
import { evaluate, Inventory, loadInventory, LoadOptions } from '../policy';
import type { Finding } from '../policy/types';
import { provenTargets } from '../path';
import type { Suppression } from '../topology/schema';
import { buildGraph } from '../graph/build';
import { selectRegions } from '../graph/select';
import { renderDot, renderMermaid, renderSvg } from '../graph/render';

export type GraphFormat = 'mermaid' | 'svg' | 'dot';

/** Renders the diagram of an inventory already loaded and checked (request arrows only along proven paths). */
export async function renderGraph(inventory: Inventory, findings: readonly Finding[], format: GraphFormat, regions: readonly string[] = []): Promise<string> {
  const resources = inventory.resources;
  // Paths are proven on the whole inventory: a region drawn alone keeps the arrows its agents really have.
  const proven = provenTargets(inventory);
  const selection = regions.length ? selectRegions(resources, findings, regions) : undefined;
  const graph = selection
    ? buildGraph(selection.resources, findings, { omitted: { stacks: selection.hidden, violations: selection.hiddenViolations }, proven })
    : buildGraph(resources, findings, { proven });
  if (format === 'svg') return renderSvg(graph);
  return format === 'dot' ? renderDot(graph) : renderMermaid(graph);
}

export async function graphOfOutputs(inputs: LoadOptions, format: GraphFormat, suppressions: readonly Suppression[] = [], regions: readonly string[] = []): Promise<string> {
  const inventory = await loadInventory(inputs);
  const report = evaluate(inventory, { suppressions });
  return renderGraph(inventory, report.findings, format, regions);
}
