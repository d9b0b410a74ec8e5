/**
 * Replacing a directory's synthesized outputs as one set, and recovering from a run killed
 * half-way (see lib/cli/synth.ts for the whole protocol). No CDK imports: readers and tests load it
 * cheaply.
 *
 * A journal (`.stateline-swap.json`) names the outputs being replaced before the first rename;
 * each output is renamed to `<name>.stateline-old`, then the staged one renamed in; rewriting the
 * journal as committed commits the set (then the backups and the journal are removed). While an
 * uncommitted journal exists the directory may hold outputs of two runs: readers refuse it
 * (`interruptedSwap`) and the next synth rolls it back.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from './atomic';
import { faultPoint } from './fault';

export const CDK_OUT = 'cdk.out';
export const CDKTF_OUT = 'cdktf.out';
/** `lib/diff/topology-record.ts` TOPOLOGY_FILE (kept here so this module stays light). */
export const TOPOLOGY_RECORD = 'stateline.topology.json';
/** The diagram `synth` draws after the outputs: retired with the outputs it was drawn from. */
export const DIAGRAM_FILES = ['stateline.svg', 'stateline.mmd'];
/** Present only while a swap is in progress (or was interrupted). */
export const SWAP_JOURNAL = '.stateline-swap.json';
export const STAGING_PREFIX = '.stateline-synth-';
const BACKUP_SUFFIX = '.stateline-old';
/** Outputs one synth writes (replaced together), in swap order. */
const OUTPUTS = [CDK_OUT, CDKTF_OUT, TOPOLOGY_RECORD];

function readJournal(file: string): Journal | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Journal;
  } catch {
    return undefined; // unreadable: fall back to the backups on disk
  }
}

/** Why `dir` (holding outputs) cannot be read now, if a swap into it was interrupted. */
export function interruptedSwap(dir: string): string | undefined {
  const file = path.join(dir, SWAP_JOURNAL);
  if (!fs.existsSync(file) || readJournal(file)?.committed) return undefined;
  return `the outputs in ${path.relative(process.cwd(), dir) || '.'} are from an interrupted stateline synth (${SWAP_JOURNAL} is present, so cdk.out and cdktf.out may come from different runs): run stateline synth again, which restores the previous outputs first`;
}

interface Journal {
  readonly version: 1;
  /** Set (atomically) at the commit point: only backups remain to be removed. */
  readonly committed?: boolean;
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
  if (fs.existsSync(journalFile)) {
    const journal = readJournal(journalFile);
    const names = journal?.outputs?.map((o) => o.name) ?? [...OUTPUTS, ...DIAGRAM_FILES];
    for (const name of names) {
      const target = path.join(outDir, name);
      const backup = target + BACKUP_SUFFIX;
      if (journal?.committed) {
        // The new set is complete: finish removing the old one.
        fs.rmSync(backup, { recursive: true, force: true });
      } else if (fs.existsSync(backup)) {
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
  // No journal: a swap by a version before journals. A backup beside a missing output is restored; a diagram's is dropped.
  for (const name of [...OUTPUTS, ...DIAGRAM_FILES]) {
    const target = path.join(outDir, name);
    const backup = target + BACKUP_SUFFIX;
    if (!fs.existsSync(backup)) continue;
    if (fs.existsSync(target) || DIAGRAM_FILES.includes(name)) {
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
export function commitSwap(outDir: string, staging: string): void {
  const names = swapAndCommit(outDir, staging);
  for (const name of names) fs.rmSync(path.join(outDir, name) + BACKUP_SUFFIX, { recursive: true, force: true });
  faultPoint('synth:cleaned');
  fs.rmSync(path.join(outDir, SWAP_JOURNAL));
}

/**
 * `commitSwap`, but the backups of the replaced outputs (the previous run's, already retired by
 * the commit) are removed in the background: the new outputs are in place and readable when it
 * returns, and the returned promise settles once the backups and the journal are gone. Removing
 * a directory tree mostly waits for the disk, so the caller keeps working meanwhile; it must
 * keep the output directory locked until the promise settles. Killed before then, the directory
 * holds a committed journal: readers accept it and the next synth finishes the clean-up.
 */
export function commitSwapInBackground(outDir: string, staging: string): Promise<void> {
  const names = swapAndCommit(outDir, staging);
  return Promise.all(names.map((name) => fs.promises.rm(path.join(outDir, name) + BACKUP_SUFFIX, { recursive: true, force: true }))).then(() => {
    faultPoint('synth:cleaned');
    fs.rmSync(path.join(outDir, SWAP_JOURNAL));
  });
}

/** The swap up to its commit point; returns the outputs whose backups remain to be removed. */
function swapAndCommit(outDir: string, staging: string): string[] {
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
  // The commit point: from here on the new set is the current one (recovery only removes the old).
  writeFileAtomic(path.join(outDir, SWAP_JOURNAL), `${JSON.stringify({ ...journal, committed: true }, null, 2)}\n`);
  faultPoint('synth:committed');
  return [...replaced, ...retired];
}
