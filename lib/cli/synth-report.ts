/**
 * What `synth` reports after writing its outputs, read back from them like `check` would: the
 * diagram it draws (`DIR/stateline.svg`, `DIR/stateline.mmd`), and the summary lines for the
 * path proofs, the cost floor and the policy and schema verdict. One inventory load and one
 * evaluation serve all of them.
 */
import * as path from 'path';
import { evaluate, loadInventory } from '../policy';
import type { Report } from '../policy/types';
import type { Suppression } from '../topology/schema';
import { costSummaryLine, estimateCostSummary } from '../cost';
import { writeFileAtomic } from '../io/atomic';
import { outputDirInputs, verdictLine } from './check';
import type { PathReport } from '../path';

export interface SynthReportOptions {
  readonly suppressions: readonly Suppression[];
  readonly now: Date;
  /** Run the policy and path checks (`--no-check` skips them). */
  readonly check: boolean;
  /** Draw the diagram (`--no-graph` skips it). */
  readonly graph: boolean;
}

export interface SynthReport {
  /** The diagram written, relative to the working directory; undefined when not drawn. */
  readonly diagram?: string;
  /** Summary lines after the phases: paths, cost, verdict (each one line). */
  readonly lines: readonly string[];
  /** The policy report when the check ran. */
  readonly report?: Report;
}

export async function synthReport(outDir: string, opts: SynthReportOptions): Promise<SynthReport> {
  const inventory = await loadInventory({ cwd: process.cwd(), ...outputDirInputs(outDir) });
  const report = evaluate(inventory, { suppressions: opts.suppressions, now: opts.now });
  let diagram: string | undefined;
  if (opts.graph) {
    // Loaded only when drawing: the renderer brings Graphviz (WebAssembly).
    const { renderGraph } = require('./graph') as typeof import('./graph');
    const svg = path.join(outDir, 'stateline.svg');
    writeFileAtomic(svg, await renderGraph(inventory, report.findings, 'svg'));
    writeFileAtomic(path.join(outDir, 'stateline.mmd'), await renderGraph(inventory, report.findings, 'mermaid'));
    diagram = path.relative(process.cwd(), svg) || 'stateline.svg';
  }
  const lines: string[] = [];
  if (opts.check) {
    const { provePaths } = require('../path') as typeof import('../path');
    lines.push(...formatPathSummary(provePaths(inventory)));
  }
  lines.push(costSummaryLine(estimateCostSummary(inventory)));
  if (opts.check) lines.push(verdictLine(report));
  return { diagram, lines, report: opts.check ? report : undefined };
}

/**
 * The path-proof lines of the synth summary: one per agent (proven of all model paths); past
 * three agents one total line plus the agents with a broken path.
 */
export function formatPathSummary(report: PathReport): string[] {
  if (!report.applicable) return [];
  const { pathCounts } = require('../path') as typeof import('../path');
  const counts = pathCounts(report);
  const line = (c: { agent: string; proven: number; total: number }) => `  paths  ${c.agent}: ${c.proven}/${c.total} model paths proven${c.proven < c.total ? ` (${c.total - c.proven} broken: see path/* findings)` : ''}`;
  if (counts.length <= 3) return counts.map(line);
  const proven = counts.reduce((n, c) => n + c.proven, 0);
  const total = counts.reduce((n, c) => n + c.total, 0);
  const broken = counts.filter((c) => c.proven < c.total);
  return [`  paths  ${counts.length} agents: ${proven}/${total} model paths proven`, ...broken.slice(0, 3).map(line), ...(broken.length > 3 ? [`  paths  and ${broken.length - 3} more agents with broken paths`] : [])];
}
