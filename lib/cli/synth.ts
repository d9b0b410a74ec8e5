/**
 * `stateline synth`: both clouds in one process, written atomically, one run at a time.
 *
 * - **One run per output directory.** A lock (`DIR/.stateline.lock`, see lib/io/lock.ts) is held
 *   for the whole synth: a second run waits up to `STATELINE_LOCK_WAIT` seconds (default 120),
 *   then fails naming the holder; a lock left by a dead run is taken over.
 * - **Recover first.** Under the lock, an interrupted swap is rolled back (each output restored
 *   from its backup) and staging directories of dead runs are removed.
 * - **Stage, then swap with a journal.** Everything is synthesized into a staging directory
 *   beside the target. Only when both clouds succeeded is a journal written naming the outputs;
 *   each is renamed to a backup and the staged one renamed in; removing the journal commits the
 *   set. A run killed at any point before that leaves a journal, and the next run restores the
 *   previous outputs as a whole: never `cdk.out` of one topology beside `cdktf.out` of another.
 * - **Signals.** In the CLI (`synthesizeInterruptible`), SIGINT/SIGTERM before the commit stop the
 *   run at the next stage boundary with the previous outputs in place.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Derived } from '../topology/derive';
import { UserInputError } from '../topology/problems';
import { createAwsApp, synthAwsApp } from '../../stacks/aws-app';
import { createAzureApp } from '../../stacks/azure-app';
import { countResources, readSynthOutputs } from '../outputs';
import { serializeTopology, TOPOLOGY_FILE } from '../diff/topology-record';
import { writeFileAtomic } from '../io/atomic';
import { faultPoint } from '../io/fault';
import { checkpoint, deferInterrupts } from '../io/interrupt';
import { acquireLock, describeHolder, Lock } from '../io/lock';

export interface SynthSummary {
  readonly outDir: string;
  readonly aws: { readonly stacks: readonly string[]; readonly resources: number };
  readonly azure: { readonly stacks: readonly string[]; readonly resources: number };
  readonly millis: number;
}

export const CDK_OUT = 'cdk.out';
export const CDKTF_OUT = 'cdktf.out';
/** The diagram `synth` draws after the outputs: retired with the outputs it was drawn from. */
export const DIAGRAM_FILES = ['stateline.svg', 'stateline.mmd'];
/** The lock file of an output directory. */
export const LOCK_FILE = '.stateline.lock';
/** Present only while a swap is in progress (or was interrupted). */
export const SWAP_JOURNAL = '.stateline-swap.json';
const STAGING_PREFIX = '.stateline-synth-';
const BACKUP_SUFFIX = '.stateline-old';
/** Outputs one synth writes (replaced together), in swap order. */
const OUTPUTS = [CDK_OUT, CDKTF_OUT, TOPOLOGY_FILE];

export interface SynthesizeOptions {
  /** Also run aws-cdk-lib's built-in CloudFormation schema validation (slow). @default false */
  readonly validate?: boolean;
  /**
   * Keep the output directory locked after the synth, until `releaseHeldOutDirs()` (the CLI calls
   * it when the command ends: the check and diagram that follow read and write the same
   * directory) or process exit. @default false
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

interface Journal {
  readonly version: 1;
  /** Outputs being replaced: whether each existed before (restored on rollback) or not (removed). */
  readonly outputs: ReadonlyArray<{ readonly name: string; readonly hadPrevious: boolean }>;
}

/**
 * Puts an output directory back into a consistent state (call under the lock): rolls back an
 * interrupted swap, finishes the clean-up of a committed one, removes staging directories of
 * dead runs. Returns what it did, one line per action.
 */
export function recoverOutDir(outDir: string): string[] {
  const done: string[] = [];
  const journalFile = path.join(outDir, SWAP_JOURNAL);
  let journal: Journal | undefined;
  if (fs.existsSync(journalFile)) {
    try {
      journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal;
    } catch {
      journal = undefined; // unreadable: fall back to the backups on disk
    }
    const names = journal?.outputs?.map((o) => o.name) ?? [...OUTPUTS, ...DIAGRAM_FILES];
    for (const name of names) {
      const target = path.join(outDir, name);
      const backup = target + BACKUP_SUFFIX;
      if (fs.existsSync(backup)) {
        fs.rmSync(target, { recursive: true, force: true });
        fs.renameSync(backup, target);
        done.push(`restored the previous ${name}`);
      } else if (journal?.outputs.find((o) => o.name === name)?.hadPrevious === false && fs.existsSync(target)) {
        fs.rmSync(target, { recursive: true, force: true });
        done.push(`removed ${name} of the interrupted run`);
      }
    }
    fs.rmSync(journalFile, { force: true });
  }
  // No journal: the last swap committed (or predates journals); a backup beside a missing target is restored.
  for (const name of [...OUTPUTS, ...DIAGRAM_FILES]) {
    const target = path.join(outDir, name);
    const backup = target + BACKUP_SUFFIX;
    if (!fs.existsSync(backup)) continue;
    if (fs.existsSync(target)) {
      fs.rmSync(backup, { recursive: true, force: true });
    } else {
      fs.renameSync(backup, target);
      done.push(`restored ${name} from its backup`);
    }
  }
  const stale = fs.readdirSync(outDir).filter((f) => f.startsWith(STAGING_PREFIX));
  for (const f of stale) fs.rmSync(path.join(outDir, f), { recursive: true, force: true });
  if (stale.length > 0) done.push(`removed ${stale.length} staging director${stale.length === 1 ? 'y' : 'ies'} of interrupted runs`);
  return done;
}

/**
 * Replaces the outputs with the staged ones as one set (see the file comment). Files in
 * `retire` (the diagram of the previous outputs) are removed with the same journal.
 */
function commitSwap(outDir: string, staging: string): void {
  const present = (name: string) => fs.existsSync(path.join(outDir, name));
  const replaced = OUTPUTS.filter((name) => fs.existsSync(path.join(staging, name)));
  const retired = DIAGRAM_FILES.filter(present);
  const journal: Journal = { version: 1, outputs: [...replaced, ...retired].map((name) => ({ name, hadPrevious: present(name) })) };
  writeFileAtomic(path.join(outDir, SWAP_JOURNAL), `${JSON.stringify(journal, null, 2)}\n`);
  faultPoint('synth:journal-written');
  for (const name of [...replaced, ...retired]) {
    const target = path.join(outDir, name);
    const backup = target + BACKUP_SUFFIX;
    fs.rmSync(backup, { recursive: true, force: true });
    if (fs.existsSync(target)) fs.renameSync(target, backup);
    faultPoint(`synth:swap:${name}:backed-up`);
    if (replaced.includes(name)) fs.renameSync(path.join(staging, name), target);
    faultPoint(`synth:swap:${name}:renamed`);
  }
  // The commit point: from here on the new set is the current one.
  fs.rmSync(path.join(outDir, SWAP_JOURNAL));
  faultPoint('synth:committed');
  for (const name of [...replaced, ...retired]) fs.rmSync(path.join(outDir, name) + BACKUP_SUFFIX, { recursive: true, force: true });
}

/** The stages of one synth: each `yield` is a point where the CLI may stop it (before the swap). */
function* stages(derived: Derived, outDir: string, options: SynthesizeOptions): Generator<string, SynthSummary> {
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
    // The resolved topology, so `stateline diff` can lead with what changed in it.
    fs.writeFileSync(path.join(staging, TOPOLOGY_FILE), serializeTopology(derived.topology));
    const { aws, azure } = countResources(readSynthOutputs(staging));
    yield 'azure';
    commitSwap(outDir, staging);
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    return { outDir, aws, azure, millis };
  } finally {
    if (staging) fs.rmSync(staging, { recursive: true, force: true });
    if (options.holdLock) heldOutDirs.push(lock);
    else lock.release();
  }
}

const heldOutDirs: Lock[] = [];

/** Releases the output directories kept locked by `holdLock`. */
export function releaseHeldOutDirs(): void {
  for (const lock of heldOutDirs.splice(0)) lock.release();
}

/** Synthesizes both clouds into `outDir/cdk.out` and `outDir/cdktf.out`. */
export function synthesize(derived: Derived, outDir: string, options: SynthesizeOptions = {}): SynthSummary {
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
export async function synthesizeInterruptible(derived: Derived, outDir: string, options: SynthesizeOptions = {}): Promise<SynthSummary> {
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
