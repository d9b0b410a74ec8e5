/**
 * `stateline synth`: both clouds in one process, written atomically.
 *
 * Everything is synthesized into a staging directory beside the target; only when
 * both clouds succeeded are `cdk.out` and `cdktf.out` swapped in. A failed run leaves
 * earlier outputs untouched.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Derived } from '../topology/derive';
import { UserInputError } from '../topology/problems';
import { createAwsApp, synthAwsApp } from '../../stacks/aws-app';
import { createAzureApp } from '../../stacks/azure-app';
import { countResources, readSynthOutputs } from '../outputs';
import { serializeTopology, TOPOLOGY_FILE } from '../diff/topology-record';

export interface SynthSummary {
  readonly outDir: string;
  readonly aws: { readonly stacks: readonly string[]; readonly resources: number };
  readonly azure: { readonly stacks: readonly string[]; readonly resources: number };
  readonly millis: number;
}

export const CDK_OUT = 'cdk.out';
export const CDKTF_OUT = 'cdktf.out';

/** Replaces `target` with `staged` so that `target` is never left missing or half-written. */
function swapIn(staged: string, target: string): void {
  const backup = `${target}.stateline-old`;
  fs.rmSync(backup, { recursive: true, force: true });
  if (fs.existsSync(target)) fs.renameSync(target, backup);
  try {
    fs.renameSync(staged, target);
  } catch (e) {
    if (fs.existsSync(backup)) fs.renameSync(backup, target);
    throw e;
  }
  fs.rmSync(backup, { recursive: true, force: true });
}

export interface SynthesizeOptions {
  /** Also run aws-cdk-lib's built-in CloudFormation schema validation (slow). @default false */
  readonly validate?: boolean;
}

/** The output directory must be a directory we can create or already have (never a file). */
function prepareOutDir(outDir: string): void {
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) throw new UserInputError(`--out ${outDir} is a file, not a directory`);
  // Created like `mkdir -p`, but the nearest existing ancestor must be a directory.
  let ancestor = path.dirname(outDir);
  while (!fs.existsSync(ancestor) && path.dirname(ancestor) !== ancestor) ancestor = path.dirname(ancestor);
  if (!fs.statSync(ancestor).isDirectory()) throw new UserInputError(`--out ${outDir}: ${ancestor} is a file, not a directory`);
  try {
    fs.mkdirSync(outDir, { recursive: true });
    fs.accessSync(outDir, fs.constants.W_OK);
  } catch (e) {
    throw new UserInputError(`--out ${outDir} is not writable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Synthesizes both clouds into `outDir/cdk.out` and `outDir/cdktf.out`. */
export function synthesize(derived: Derived, outDir: string, options: SynthesizeOptions = {}): SynthSummary {
  const started = process.hrtime.bigint();
  prepareOutDir(outDir);
  const staging = fs.mkdtempSync(path.join(outDir, '.stateline-synth-'));
  try {
    const cdkOut = path.join(staging, CDK_OUT);
    const cdktfOut = path.join(staging, CDKTF_OUT);
    synthAwsApp(createAwsApp(derived, cdkOut, { cloudFormationValidation: options.validate }));
    createAzureApp(derived, cdktfOut).synth();
    // The resolved topology, so `stateline diff` can lead with what changed in it.
    fs.writeFileSync(path.join(staging, TOPOLOGY_FILE), serializeTopology(derived.topology));
    const { aws, azure } = countResources(readSynthOutputs(staging));
    swapIn(cdkOut, path.join(outDir, CDK_OUT));
    swapIn(cdktfOut, path.join(outDir, CDKTF_OUT));
    swapIn(path.join(staging, TOPOLOGY_FILE), path.join(outDir, TOPOLOGY_FILE));
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    return { outDir, aws, azure, millis };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
