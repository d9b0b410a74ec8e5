/**
 * An exclusive lock on a directory for one process (the CDK CLI locks `cdk.out` the same way):
 * a lock file created atomically (written aside, then hard-linked into place, so it is never
 * seen half-written) that names its holder: pid, host, process start, when and what.
 *
 * A second run waits a bounded time, then fails naming the holder. A lock whose holder is gone
 * (same host, pid no longer running or now a different process) is taken over; a holder on
 * another host cannot be checked, so its lock is reported with how to remove it.
 *
 * Why not `proper-lockfile`: it decides staleness by an mtime it refreshes on a timer, and a
 * synth is synchronous for seconds (minutes for large topologies), so a live synth would lose
 * its lock; and its lock carries no holder to name.
 *
 * Locks are re-entrant within a process and released on process exit (`process.exit`, normal
 * end); a process killed outright leaves its lock to be taken over as stale.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserInputError } from '../topology/problems';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** ISO time the lock was taken. */
  readonly since: string;
  /** Start time of the holder process (Linux: clock ticks since boot), to tell a reused pid. */
  readonly processStart?: string;
  /** What holds it (`stateline synth --out out`). */
  readonly command: string;
  readonly token: string;
}

export interface LockOptions {
  /** How long to wait for another holder, in ms. @default 0 (fail at once) */
  readonly waitMs?: number;
  /** What the lock protects, for messages (`the output directory out`). */
  readonly what: string;
  /** Called once when the lock is busy and we start waiting. */
  readonly onWait?: (holder: LockHolder | undefined) => void;
  /** Poll interval while waiting. @default 100 */
  readonly pollMs?: number;
}

/** The lock is held by another live process (after waiting). */
export class LockBusyError extends UserInputError {
  constructor(message: string, readonly holder: LockHolder | undefined) {
    super(message);
    this.name = 'LockBusyError';
  }
}

export interface Lock {
  readonly file: string;
  release(): void;
}

interface Held {
  count: number;
  readonly token: string;
}

const held = new Map<string, Held>();
let exitHookInstalled = false;

/** Start time of a process, where the OS says it (Linux /proc); undefined elsewhere. */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the parenthesized command name (which may hold spaces).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a holder is certainly gone: same host and its process no longer runs (or its pid was reused). */
export function holderGone(h: LockHolder): boolean {
  if (h.host !== os.hostname()) return false;
  if (!pidAlive(h.pid)) return true;
  const start = processStart(h.pid);
  return h.processStart !== undefined && start !== undefined && start !== h.processStart;
}

export function readHolder(file: string): LockHolder | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.token === 'string') return v as LockHolder;
  } catch {
    // unreadable or not ours: treated below
  }
  return undefined;
}

export function describeHolder(h: LockHolder | undefined): string {
  if (!h) return 'an unknown process (the lock file is unreadable)';
  return `pid ${h.pid} on ${h.host}, started ${h.since}${h.command ? ` (${h.command})` : ''}`;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Creates the lock file with its content in one step; false when it exists. */
function tryCreate(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o644 });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
    // No hard links on this file system: exclusive create (a crash between create and write leaves an unreadable lock, taken over below).
    try {
      fs.writeFileSync(file, content, { flag: 'wx', mode: 0o644 });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** An unreadable lock file older than this was left by a crash between create and write. */
const UNREADABLE_STALE_MS = 10_000;

/**
 * Removes a stale lock if it is still the one judged stale: renamed aside first (only one
 * contender's rename succeeds), checked, and put back if another process replaced it meanwhile.
 */
function takeOver(file: string, stale: LockHolder | undefined): void {
  const aside = `${file}.stale.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // someone else took it over first
  }
  const now = readHolder(aside);
  if (now && now.token !== stale?.token) {
    // A fresh lock replaced the stale one between our read and our rename: put it back.
    try {
      fs.linkSync(aside, file);
    } catch {
      // A third process created a lock meanwhile; it holds it.
    }
  }
  fs.rmSync(aside, { force: true });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [file, h] of held) releaseFile(file, h.token);
    held.clear();
  });
}

function releaseFile(file: string, token: string): void {
  if (readHolder(file)?.token === token) fs.rmSync(file, { force: true });
}

/** Takes the lock (waiting up to `waitMs`), or throws LockBusyError naming the holder. */
export function acquireLock(file: string, options: LockOptions): Lock {
  const abs = path.resolve(file);
  const mine = held.get(abs);
  if (mine) {
    mine.count++;
    return { file: abs, release: () => release(abs) };
  }
  const token = crypto.randomBytes(8).toString('hex');
  const holder: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    since: new Date().toISOString(),
    processStart: processStart(process.pid),
    command: ['stateline', ...process.argv.slice(2)].join(' ').slice(0, 200),
    token,
  };
  const content = `${JSON.stringify(holder, null, 2)}\n`;
  const deadline = Date.now() + (options.waitMs ?? 0);
  let waited = false;
  for (;;) {
    if (tryCreate(abs, content)) break;
    const other = readHolder(abs);
    let unreadableAge = 0;
    if (!other) {
      try {
        unreadableAge = Date.now() - fs.statSync(abs).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
    }
    if (other ? holderGone(other) : unreadableAge > UNREADABLE_STALE_MS) {
      takeOver(abs, other);
      continue;
    }
    if (Date.now() >= deadline) {
      const waitedText = options.waitMs ? ` (waited ${Math.round(options.waitMs / 1000)} s)` : '';
      const remote = other && other.host !== os.hostname() ? ' It is held from another host, so stateline cannot tell whether that run is still alive.' : '';
      throw new LockBusyError(
        `${options.what} is locked by ${describeHolder(other)}${waitedText}.${remote} Wait for that run to finish; if it is gone, delete ${path.relative(process.cwd(), abs) || abs}.`,
        other,
      );
    }
    if (!waited) {
      waited = true;
      options.onWait?.(other);
    }
    sleepSync(Math.min(options.pollMs ?? 100, Math.max(1, deadline - Date.now())));
  }
  held.set(abs, { count: 1, token });
  installExitHook();
  return { file: abs, release: () => release(abs) };
}

function release(abs: string): void {
  const h = held.get(abs);
  if (!h) return;
  if (--h.count > 0) return;
  held.delete(abs);
  releaseFile(abs, h.token);
}

/** Whether this process holds the lock (tests). */
export function holdsLock(file: string): boolean {
  return held.has(path.resolve(file));
}
