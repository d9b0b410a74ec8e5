/**
 * `stateline graph`: the diagram of synthesized outputs, with policy violations in red.
 */
import { evaluate, Inventory, loadInventory, LoadOptions } from '../policy';
import type { Finding } from '../policy/types';
import { provenTargets } from '../path';
import type { Suppression } from '../topology/schema';
import { buildGraph } from '../graph/build';
import { renderDot, renderMermaid, renderSvg } from '../graph/render';

export type GraphFormat = 'mermaid' | 'svg' | 'dot';

/** Renders the diagram of an inventory already loaded and checked (request arrows only along proven paths). */
export async function renderGraph(inventory: Inventory, findings: readonly Finding[], format: GraphFormat): Promise<string> {
  const graph = buildGraph(inventory.resources, findings, provenTargets(inventory));
  if (format === 'svg') return renderSvg(graph);
  return format === 'dot' ? renderDot(graph) : renderMermaid(graph);
}

export async function graphOfOutputs(inputs: LoadOptions, format: GraphFormat, suppressions: readonly Suppression[] = []): Promise<string> {
  const inventory = await loadInventory(inputs);
  const report = evaluate(inventory, { suppressions });
  return renderGraph(inventory, report.findings, format);
}
