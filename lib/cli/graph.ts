/**
 * `stateline graph`: the diagram of synthesized outputs, with policy violations in red.
 */
import { evaluate, loadInventory, LoadOptions } from '../policy';
import type { Finding, InventoryResource } from '../policy/types';
import type { Suppression } from '../topology/schema';
import { buildGraph } from '../graph/build';
import { selectRegions } from '../graph/select';
import { renderDot, renderMermaid, renderSvg } from '../graph/render';

export type GraphFormat = 'mermaid' | 'svg' | 'dot';

/** Renders the diagram of an inventory already loaded and checked. */
export async function renderGraph(resources: readonly InventoryResource[], findings: readonly Finding[], format: GraphFormat, regions: readonly string[] = []): Promise<string> {
  const selection = regions.length ? selectRegions(resources, findings, regions) : undefined;
  const graph = selection
    ? buildGraph(selection.resources, findings, { omitted: { stacks: selection.hidden, violations: selection.hiddenViolations } })
    : buildGraph(resources, findings);
  if (format === 'svg') return renderSvg(graph);
  return format === 'dot' ? renderDot(graph) : renderMermaid(graph);
}

export async function graphOfOutputs(inputs: LoadOptions, format: GraphFormat, suppressions: readonly Suppression[] = [], regions: readonly string[] = []): Promise<string> {
  const inventory = await loadInventory(inputs);
  const report = evaluate(inventory, { suppressions });
  return renderGraph(inventory.resources, report.findings, format, regions);
}
