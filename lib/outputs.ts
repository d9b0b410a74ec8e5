/**
 * Reads a synthesized output directory (`cdk.out` + `cdktf.out`, as `stateline synth --out`
 * writes them) into templates per stack. Missing halves are allowed (one-cloud diffs).
 * Shared by the synth summary, the diff and the benchmarks.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UserInputError } from './topology/problems';
import { interruptedSwap } from './io/output-swap';
import { jsonNestingBeyond, MAX_NESTING, MiB, readTextFile } from './io/text';

export interface SynthOutputs {
  readonly aws: Map<string, Record<string, unknown>>;
  readonly azure: Map<string, Record<string, unknown>>;
}

/** A synthesized JSON file (an object), or a one-line UserInputError naming it. */
function readJson(file: string): Record<string, unknown> {
  const shown = path.relative(process.cwd(), file) || file;
  const read = readTextFile(file, 256 * MiB, 'a synthesized file');
  if ('problem' in read) throw new UserInputError(`cannot read ${shown}: ${read.problem}`);
  if (jsonNestingBeyond(read.text) >= 0) throw new UserInputError(`cannot read ${shown}: nested deeper than ${MAX_NESTING} levels`);
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    throw new UserInputError(`cannot read ${shown}: not valid JSON (truncated?)`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UserInputError(`cannot read ${shown}: expected a JSON object`);
  return value as Record<string, unknown>;
}

type Manifest = { artifacts?: Record<string, { type: string; properties?: { templateFile?: string; directoryName?: string; stackName?: string } }> };

function readAssembly(dir: string, out: Map<string, Record<string, unknown>>, prefix = ''): void {
  const manifest = readJson(path.join(dir, 'manifest.json')) as Manifest;
  for (const [id, art] of Object.entries(manifest.artifacts ?? {})) {
    if (typeof art !== 'object' || art === null) continue;
    if (art.type === 'aws:cloudformation:stack' && art.properties?.templateFile) {
      out.set(`${prefix}${art.properties.stackName ?? id}`, readJson(path.join(dir, art.properties.templateFile)));
    } else if (art.type === 'cdk:cloud-assembly' && art.properties?.directoryName) {
      readAssembly(path.join(dir, art.properties.directoryName), out, `${prefix}${id}/`);
    }
  }
}

export function readSynthOutputs(dir: string): SynthOutputs {
  if (!fs.existsSync(dir)) throw new UserInputError(`output directory not found: ${dir}`);
  const aws = new Map<string, Record<string, unknown>>();
  const azure = new Map<string, Record<string, unknown>>();
  const cdkOut = path.join(dir, 'cdk.out');
  const cdktfOut = path.join(dir, 'cdktf.out');
  if (!fs.existsSync(cdkOut) && !fs.existsSync(cdktfOut)) throw new UserInputError(`${dir} holds neither cdk.out nor cdktf.out (run: stateline synth --out ${dir})`);
  const interrupted = interruptedSwap(dir);
  if (interrupted) throw new UserInputError(interrupted);
  if (fs.existsSync(path.join(cdkOut, 'manifest.json'))) readAssembly(cdkOut, aws);
  if (fs.existsSync(path.join(cdktfOut, 'manifest.json'))) {
    const manifest = readJson(path.join(cdktfOut, 'manifest.json')) as { stacks?: Record<string, { synthesizedStackPath: string }> };
    for (const [name, s] of Object.entries(manifest.stacks ?? {})) {
      if (typeof s?.synthesizedStackPath !== 'string') throw new UserInputError(`cannot read ${path.join(cdktfOut, 'manifest.json')}: stack "${name.slice(0, 80)}" has no synthesizedStackPath`);
      azure.set(name, readJson(path.join(cdktfOut, s.synthesizedStackPath)));
    }
  }
  return { aws, azure };
}

/** Stacks and resource counts per cloud, for summaries. */
export function countResources(outputs: SynthOutputs) {
  const aws = [...outputs.aws.values()].reduce((n, t) => n + Object.keys((t.Resources as object | undefined) ?? {}).length, 0);
  const azure = [...outputs.azure.values()].reduce((n, t) => n + Object.values((t.resource as Record<string, object> | undefined) ?? {}).reduce((m, byName) => m + Object.keys(byName).length, 0), 0);
  return {
    aws: { stacks: [...outputs.aws.keys()].sort(), resources: aws },
    azure: { stacks: [...outputs.azure.keys()].sort(), resources: azure },
  };
}
