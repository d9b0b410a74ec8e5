/**
 * `stateline synth`: both clouds in one process, written atomically, one run at a time.
 *
 * - **One run per output directory.** A lock (`DIR/.stateline.lock`, see lib/io/lock.ts) is held
 *   for the whole synth: a second run waits up to `STATELINE_LOCK_WAIT` seconds (default 120),
 *   then fails naming the holder; a lock left by a dead run is taken over.
 * - **Recover first.** Under the lock, an interrupted swap is rolled back (each output restored
 *   from its backup) and staging directories of dead runs are removed.
 * - **Stage, then swap with a journal** (lib/io/output-swap.ts). Everything is synthesized into a
 *   staging directory beside the target. Only when both clouds succeeded is a journal written
 *   naming the outputs; each is renamed to a backup and the staged one renamed in; marking the
 *   journal committed commits the set. A run killed at any point before that leaves a journal,
 *   readers refuse the directory, and the next run restores the previous outputs as a whole: never
 *   `cdk.out` of one topology beside `cdktf.out` of another.
 * - **Signals.** In the CLI (`synthesizeInterruptible`), SIGINT/SIGTERM before the commit stop the
 *   run at the next stage boundary with the previous outputs in place.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Derived } from '../topology/derive';
import { portableTopology } from '../topology/portable';
import { UserInputError } from '../topology/problems';
import { createAwsApp, synthAwsApp } from '../../stacks/aws-app';
import { createAzureApp } from '../../stacks/azure-app';
import { countResources, readSynthOutputs } from '../outputs';
import { serializeTopology, TOPOLOGY_FILE } from '../diff/topology-record';
import { faultPoint } from '../io/fault';
import { CDK_OUT, CDKTF_OUT, commitSwap, commitSwapInBackground, recoverOutDir, STAGING_PREFIX } from '../io/output-swap';
import { checkpoint, deferInterrupts } from '../io/interrupt';
import { acquireLock, describeHolder, Lock } from '../io/lock';

export interface SynthSummary {
  readonly outDir: string;
  readonly aws: { readonly stacks: readonly string[]; readonly resources: number };
  readonly azure: { readonly stacks: readonly string[]; readonly resources: number };
  readonly millis: number;
}

export { CDK_OUT, CDKTF_OUT } from '../io/output-swap';

/**
 * What a synth takes: the derived topology and, when it came from a config file, the directory
 * its tool document paths are relative to (`LoadedTopology.configDir`; default the working directory).
 */
export type SynthInput = Derived & { readonly configDir?: string };
/** The lock file of an output directory. */
export const LOCK_FILE = '.stateline.lock';

export interface SynthesizeOptions {
  /** Also run aws-cdk-lib's built-in CloudFormation schema validation (slow). @default false */
  readonly validate?: boolean;
  /**
   * Keep the output directory locked after the synth, until `releaseHeldOutDirs()` (the CLI calls
   * it when the command ends: the check and diagram that follow read and write the same
   * directory) or process exit. The previous outputs' backups are then removed in the background
   * after the commit: `outputsSettled()` awaits that (and reports its failure). @default false
   */
  readonly holdLock?: boolean;
  /** Seconds to wait for another run's lock. @default $STATELINE_LOCK_WAIT, else 120 */
  readonly lockWaitSeconds?: number;
  /** Where notices go (waiting for a lock, recovered outputs). @default stderr */
  readonly notice?: (line: string) => void;
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

/** Seconds to wait for a busy output directory: `$STATELINE_LOCK_WAIT`, else 120. */
export function lockWaitSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STATELINE_LOCK_WAIT;
  if (raw === undefined || raw === '') return 120;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new UserInputError(`STATELINE_LOCK_WAIT=${raw}: expected a number of seconds (0 or more)`);
  return n;
}

const defaultNotice = (line: string) => process.stderr.write(`stateline: ${line}\n`);

/** Locks the output directory (re-entrant within the process). */
export function lockOutDir(outDir: string, options: SynthesizeOptions = {}): Lock {
  const notice = options.notice ?? defaultNotice;
  const waitSeconds = options.lockWaitSeconds ?? lockWaitSeconds();
  const rel = path.relative(process.cwd(), outDir) || '.';
  return acquireLock(path.join(outDir, LOCK_FILE), {
    what: `the output directory ${rel}`,
    waitMs: waitSeconds * 1000,
    onWait: (h) => notice(`waiting up to ${waitSeconds} s for ${rel}: locked by ${describeHolder(h)}`),
  });
}

/** The stages of one synth: each `yield` is a point where the CLI may stop it (before the swap). */
function* stages(derived: SynthInput, outDir: string, options: SynthesizeOptions): Generator<string, SynthSummary> {
  const started = process.hrtime.bigint();
  prepareOutDir(outDir);
  const lock = lockOutDir(outDir, options);
  let staging: string | undefined;
  try {
    faultPoint('synth:locked');
    for (const line of recoverOutDir(outDir)) (options.notice ?? defaultNotice)(`${path.relative(process.cwd(), outDir) || '.'}: ${line}`);
    staging = fs.mkdtempSync(path.join(outDir, STAGING_PREFIX));
    faultPoint('synth:staged');
    yield 'staged';
    const cdkOut = path.join(staging, CDK_OUT);
    const cdktfOut = path.join(staging, CDKTF_OUT);
    synthAwsApp(createAwsApp(derived, cdkOut, { cloudFormationValidation: options.validate }));
    faultPoint('synth:aws-done');
    yield 'aws';
    createAzureApp(derived, cdktfOut).synth();
    faultPoint('synth:azure-done');
    // The resolved topology, so `stateline diff` can lead with what changed in it; tool documents
    // relative to the config file, with their hashes (never a path of this machine or checkout).
    fs.writeFileSync(path.join(staging, TOPOLOGY_FILE), serializeTopology(portableTopology(derived.topology, derived.configDir ?? process.cwd())));
    const { aws, azure } = countResources(readSynthOutputs(staging));
    yield 'azure';
    // Holding the lock past the synth, the previous outputs' backups are removed in the background
    // (mostly waiting for the disk) while the caller reads the new ones; `outputsSettled()` awaits it.
    if (options.holdLock) pendingCleanups.push(settled(commitSwapInBackground(outDir, staging)));
    else commitSwap(outDir, staging);
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    return { outDir, aws, azure, millis };
  } finally {
    if (staging) fs.rmSync(staging, { recursive: true, force: true });
    if (options.holdLock) heldOutDirs.push(lock);
    else lock.release();
  }
}

const heldOutDirs: Lock[] = [];
/** Background clean-ups of held output directories: each resolves to its error, if any (never rejects). */
const pendingCleanups: Array<Promise<unknown>> = [];

const settled = (p: Promise<void>): Promise<unknown> => p.then(() => undefined, (e: unknown) => e ?? new Error('output clean-up failed'));

/**
 * Waits for the background clean-ups of the output directories held by `holdLock` (the previous
 * outputs' backups); throws the first failure. Call before `releaseHeldOutDirs()`.
 */
export async function outputsSettled(): Promise<void> {
  const errors = (await Promise.all(pendingCleanups.splice(0))).filter((e) => e !== undefined);
  if (errors.length > 0) throw errors[0];
}

/** Releases the output directories kept locked by `holdLock` (after `outputsSettled()`). */
export function releaseHeldOutDirs(): void {
  for (const lock of heldOutDirs.splice(0)) lock.release();
}

/** Synthesizes both clouds into `outDir/cdk.out` and `outDir/cdktf.out`. */
export function synthesize(derived: SynthInput, outDir: string, options: SynthesizeOptions = {}): SynthSummary {
  const it = stages(derived, outDir, options);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * The CLI's synth: like `synthesize`, but SIGINT/SIGTERM before the swap stop the run at the next
 * stage with the previous outputs untouched (throws `InterruptedError`).
 */
export async function synthesizeInterruptible(derived: SynthInput, outDir: string, options: SynthesizeOptions = {}): Promise<SynthSummary> {
  return deferInterrupts(async () => {
    const it = stages(derived, outDir, options);
    const rel = path.relative(process.cwd(), outDir) || '.';
    for (;;) {
      const r = it.next();
      if (r.done) {
        await checkpoint((s) => `${s} received: the synth had just finished; ${rel}/ holds the complete new outputs`);
        return r.value;
      }
      try {
        await checkpoint((s) => `${s} received: synth stopped; the previous outputs in ${rel}/ are unchanged`);
      } catch (e) {
        it.return(undefined as never); // runs the generator's clean-up (staging, lock)
        throw e;
      }
    }
  });
}
