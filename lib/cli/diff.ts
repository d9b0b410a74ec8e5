/**
 * `stateline diff`: reads (or synthesizes) both sides, diffs them, and attributes each resource
 * change to the topology field that causes it, re-synthesizing in-process with the current code.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffDirectories, DiffReport, PolicyFindingRef } from '../diff';
import type { CostSummary } from '../cost/model';
import { attributeChanges, DEFAULT_ATTRIBUTION_LIMIT, OutputScope, TopologySide } from '../diff/attribute';
import { synthesizeBase } from '../diff/git-base';
import { readRecordedTopology, TOPOLOGY_FILE } from '../diff/topology-record';
import { readSynthOutputs, SynthOutputs } from '../outputs';
import { loadTopology, readConfigFile, topologyFromRaw } from '../topology/load';
import { UserInputError } from '../topology/problems';
import { validateTopology } from '../topology/validate';

// Synthesis (aws-cdk-lib, cdktf and the provider bindings) is loaded only when a diff
// synthesizes: `--base`, or attribution. A diff of two output directories loads none of it.
const synthModule = () => require('./synth') as typeof import('./synth');

export interface DiffOptions {
  readonly before?: string;
  readonly after?: string;
  readonly base?: string;
  readonly config?: string;
  readonly beforeConfig?: string;
  readonly afterConfig?: string;
  /** Attribute resource changes to topology fields. @default true */
  readonly attribution?: boolean;
  readonly attributionLimit?: number;
}

/**
 * Synthesizes a raw topology in-process with the current code, for attribution: the AWS app
 * only when `scope` names an AWS stack, and of the Azure app only the stacks in `scope` (each
 * prepared and serialized as `cdktf synth` does, without writing the others).
 */
export function synthesizeScoped(raw: unknown, scope: OutputScope): SynthOutputs {
  const t = topologyFromRaw(raw, 'topology for attribution');
  const { CDK_OUT, CDKTF_OUT } = synthModule();
  const { createAwsApp, synthAwsApp } = require('../../stacks/aws-app') as typeof import('../../stacks/aws-app');
  const { createAzureApp } = require('../../stacks/azure-app') as typeof import('../../stacks/azure-app');
  const { TerraformStack } = require('cdktf') as typeof import('cdktf');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-attr-'));
  try {
    const aws = new Map<string, Record<string, unknown>>();
    if (scope.aws.size > 0) {
      synthAwsApp(createAwsApp(t, path.join(dir, CDK_OUT)));
      for (const [name, template] of readSynthOutputs(dir).aws) if (scope.aws.has(name)) aws.set(name, template);
    }
    const azure = new Map<string, Record<string, unknown>>();
    if (scope.azure.size > 0) {
      const app = createAzureApp(t, path.join(dir, CDKTF_OUT));
      for (const stack of app.node.findAll().filter(TerraformStack.isStack)) {
        if (!scope.azure.has(stack.node.id)) continue;
        stack.prepareStack();
        azure.set(stack.node.id, JSON.parse(JSON.stringify(stack.toTerraform())) as Record<string, unknown>);
      }
    }
    return { aws, azure };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A config file's resolved topology (validated; every problem reported with the file name). */
function fromConfig(file: string): TopologySide {
  return { topology: topologyFromRaw(readConfigFile(file), file, path.dirname(path.resolve(file))).topology, source: path.relative(process.cwd(), path.resolve(file)) || file };
}

/** The topology an output directory was synthesized from, when recorded. */
function fromOutputs(dir: string, label: string): TopologySide {
  const topology = readRecordedTopology(dir);
  return topology === undefined ? { source: `unknown (${label} has no ${TOPOLOGY_FILE})` } : { topology, source: `${label}/${TOPOLOGY_FILE}` };
}

/** The base's topology: recorded by its synth, else its config read with the current schema. */
function baseTopology(outDir: string, ref: string, configInBase?: string): TopologySide {
  const recorded = readRecordedTopology(outDir);
  if (recorded !== undefined) return { topology: recorded, source: `${ref} (recorded by its synth)` };
  if (!configInBase) return { source: `unknown (${ref} does not record its topology)` };
  const r = validateTopology(readConfigFile(configInBase), { baseDir: path.dirname(configInBase) });
  return r.ok ? { topology: r.topology, source: `${ref} (its config, read with the current schema)` } : { source: `unknown (${ref}'s config is not valid under the current schema)` };
}

/** `cost` prices each side for the monthly floor before and after (omitted: no cost delta). */
export async function runDiff(opts: DiffOptions, findings: (dir: string) => Promise<readonly PolicyFindingRef[]>, log: (s: string) => void, cost?: (dir: string) => Promise<CostSummary>): Promise<DiffReport> {
  // Without attribution the topology diff still heads the report (it costs no synthesis).
  const attribute = (report: DiffReport, before: TopologySide, after: TopologySide, beforeDir: string) => attributeChanges(report, {
    before, after, beforeOutputs: readSynthOutputs(beforeDir), limit: opts.attributionLimit ?? DEFAULT_ATTRIBUTION_LIMIT,
    ...(opts.attribution === false ? {} : { synthesize: synthesizeScoped }),
  });
  if (opts.base) {
    if (opts.before || opts.after) throw new UserInputError('use either --base GITREF or --before/--after, not both');
    if (opts.beforeConfig || opts.afterConfig) throw new UserInputError('--before-config/--after-config go with --before/--after; with --base the configs come from GITREF and the working tree');
    const base = synthesizeBase(opts.base, process.cwd(), { config: opts.config, log, synthesize: (file, outDir) => { synthModule().synthesize(loadTopology(file), outDir); } });
    const head = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-head-'));
    try {
      const t = loadTopology(opts.config);
      synthModule().synthesize(t, head);
      const report = await diffDirectories(base.outDir, head, findings, cost);
      return attribute(report, baseTopology(base.outDir, opts.base, base.configInBase), { topology: t.topology, source: `working tree (${t.source})` }, base.outDir);
    } finally {
      base.cleanup();
      fs.rmSync(head, { recursive: true, force: true });
    }
  }
  if (!opts.before || !opts.after) throw new UserInputError('stateline diff needs --before DIR and --after DIR, or --base GITREF');
  const beforeDir = path.resolve(opts.before);
  const afterDir = path.resolve(opts.after);
  const report = await diffDirectories(beforeDir, afterDir, findings, cost);
  const before = opts.beforeConfig ? fromConfig(opts.beforeConfig) : fromOutputs(beforeDir, opts.before);
  const after = opts.afterConfig ? fromConfig(opts.afterConfig) : fromOutputs(afterDir, opts.after);
  return attribute(report, before, after, beforeDir);
}
