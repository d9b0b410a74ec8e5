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
import { resolveConfigPath } from '../topology/config-path';
import { loadTopology, readConfigFile, topologyFromRaw } from '../topology/load';
import { describeDocument, DocumentResolver, portableTopology } from '../topology/portable';
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

/**
 * One side of the diff: its topology in portable form (lib/topology/portable.ts: tool documents as
 * `{ file, sha256 }` relative to the config, so two checkouts of one commit compare equal), and
 * where its documents can be opened again for attribution, when known.
 */
interface Side extends TopologySide {
  /** The directory the side's config file is in (its documents' paths are relative to it). */
  readonly documentsDir?: string;
}

/** A config file's resolved topology (validated; every problem reported with the file name). */
function fromConfig(file: string): Side {
  const dir = path.dirname(path.resolve(file));
  const t = topologyFromRaw(readConfigFile(file), file, dir);
  return { topology: portableTopology(t.topology, dir), source: path.relative(process.cwd(), path.resolve(file)) || file, documentsDir: dir };
}

/** The topology an output directory was synthesized from, when recorded. */
function fromOutputs(dir: string, label: string): Side {
  const topology = readRecordedTopology(dir);
  return topology === undefined ? { source: `unknown (${label} has no ${TOPOLOGY_FILE})` } : { topology, source: `${label}/${TOPOLOGY_FILE}` };
}

/** The base's topology: recorded by its synth, else its config read with the current schema. */
function baseTopology(outDir: string, ref: string, configInBase?: string): Side {
  const documentsDir = configInBase ? path.dirname(configInBase) : undefined;
  const recorded = readRecordedTopology(outDir);
  if (recorded !== undefined) return { topology: recorded, source: `${ref} (recorded by its synth)`, documentsDir };
  if (!configInBase) return { source: `unknown (${ref} does not record its topology)` };
  const r = validateTopology(readConfigFile(configInBase), { baseDir: documentsDir });
  return r.ok ? { topology: portableTopology(r.topology, documentsDir!), source: `${ref} (its config, read with the current schema)`, documentsDir } : { source: `unknown (${ref}'s config is not valid under the current schema)` };
}

/** The working tree's config directory (for --before/--after sides known only by their records), if any. */
function workingConfigDir(config?: string): string | undefined {
  const file = resolveConfigPath(config);
  return file && fs.existsSync(file) ? path.dirname(path.resolve(file)) : undefined;
}

/**
 * How attribution synthesizes: each recorded tool document opened where it is found with its
 * hash (each side's config directory, the working tree's, the working directory), or the reason
 * it cannot run (a document found nowhere: its content is unknown, so no synthesis would be right).
 */
function attributionSynth(before: Side, after: Side, config?: string): { synthesize: (raw: unknown, scope: OutputScope) => SynthOutputs } | { unavailable: string } {
  const dirs = [...new Set([before.documentsDir, after.documentsDir, workingConfigDir(config), process.cwd()].filter((d): d is string => d !== undefined))];
  const resolver = new DocumentResolver(dirs);
  const missing = [before.topology, after.topology].flatMap((t) => (t === undefined ? [] : resolver.resolve(t).missing));
  if (missing.length > 0) {
    const names = [...new Set(missing.map(describeDocument))];
    return { unavailable: `unattributed: tool document${names.length === 1 ? '' : 's'} ${names.join(', ')} not found with ${names.length === 1 ? 'its' : 'their'} recorded content (pass --before-config/--after-config)` };
  }
  return { synthesize: (raw, scope) => synthesizeScoped(resolver.resolve(raw).topology, scope) };
}

/** `cost` prices each side for the monthly floor before and after (omitted: no cost delta). */
export async function runDiff(opts: DiffOptions, findings: (dir: string) => Promise<readonly PolicyFindingRef[]>, log: (s: string) => void, cost?: (dir: string) => Promise<CostSummary>): Promise<DiffReport> {
  // Without attribution the topology diff still heads the report (it costs no synthesis).
  const attribute = (report: DiffReport, before: Side, after: Side, beforeDir: string) => attributeChanges(report, {
    before, after, beforeOutputs: readSynthOutputs(beforeDir), limit: opts.attributionLimit ?? DEFAULT_ATTRIBUTION_LIMIT,
    ...(opts.attribution === false ? {} : attributionSynth(before, after, opts.config)),
  });
  if (opts.base) {
    if (opts.before || opts.after) throw new UserInputError('use either --base GITREF or --before/--after, not both');
    if (opts.beforeConfig || opts.afterConfig) throw new UserInputError('--before-config/--after-config go with --before/--after; with --base the configs come from GITREF and the working tree');
    const base = synthesizeBase(opts.base, process.cwd(), { config: opts.config, log, synthesize: (file, outDir) => { synthModule().synthesize(loadTopology(file), outDir); } });
    const headDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-head-'));
    try {
      const t = loadTopology(opts.config);
      synthModule().synthesize(t, headDir);
      const report = await diffDirectories(base.outDir, headDir, findings, cost);
      const head: Side = { topology: portableTopology(t.topology, t.configDir), source: `working tree (${t.source})`, documentsDir: t.configDir };
      return attribute(report, baseTopology(base.outDir, opts.base, base.configInBase), head, base.outDir);
    } finally {
      base.cleanup();
      fs.rmSync(headDir, { recursive: true, force: true });
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
