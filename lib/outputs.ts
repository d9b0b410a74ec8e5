/**
 * Reads a synthesized output directory (`cdk.out` + `cdktf.out`, as `stateline synth --out`
 * writes them) into templates per stack. Missing halves are allowed (one-cloud diffs).
 * Shared by the synth summary, the diff and the benchmarks.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UserInputError } from './topology/problems';

export interface SynthOutputs {
  readonly aws: Map<string, Record<string, unknown>>;
  readonly azure: Map<string, Record<string, unknown>>;
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new UserInputError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

type Manifest = { artifacts?: Record<string, { type: string; properties?: { templateFile?: string; directoryName?: string; stackName?: string } }> };

function readAssembly(dir: string, out: Map<string, Record<string, unknown>>, prefix = ''): void {
  const manifest = readJson(path.join(dir, 'manifest.json')) as Manifest;
  for (const [id, art] of Object.entries(manifest.artifacts ?? {})) {
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
  if (fs.existsSync(path.join(cdkOut, 'manifest.json'))) readAssembly(cdkOut, aws);
  if (fs.existsSync(path.join(cdktfOut, 'manifest.json'))) {
    const manifest = readJson(path.join(cdktfOut, 'manifest.json')) as { stacks?: Record<string, { synthesizedStackPath: string }> };
    for (const [name, s] of Object.entries(manifest.stacks ?? {})) azure.set(name, readJson(path.join(cdktfOut, s.synthesizedStackPath)));
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
