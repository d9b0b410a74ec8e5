/**
 * The output-directory lock: who holds it is named; a dead holder's lock is taken over; an
 * unreadable lock is taken over only once it is old; re-entrant within a process; released only by
 * its holder.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { acquireLock, holderGone, holdsLock, LockBusyError, readHolder } from '../../lib/io/lock';
import { parseDuration, formatDuration } from '../../lib/deploy/duration';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-lock-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const holder = (pid: number, host = os.hostname()) => JSON.stringify({ pid, host, since: '2026-12-01T10:00:00.000Z', command: 'stateline synth', token: 'other' });

test('the lock file names this process; re-entrant; released on the last release', () => {
  const file = path.join(dir, '.stateline.lock');
  const a = acquireLock(file, { what: 'the output directory x' });
  const b = acquireLock(file, { what: 'the output directory x' });
  expect(readHolder(file)).toMatchObject({ pid: process.pid, host: os.hostname() });
  b.release();
  expect(holdsLock(file)).toBe(true);
  a.release();
  expect(fs.existsSync(file)).toBe(false);
});

test('a dead holder on this host is taken over; a pid reused by another process counts as dead', async () => {
  const file = path.join(dir, '.stateline.lock');
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('exit', r));
  fs.writeFileSync(file, holder(child.pid!));
  expect(holderGone(readHolder(file)!)).toBe(true);
  acquireLock(file, { what: 'x' }).release();
  // Our own pid with another start time: a reused pid.
  expect(holderGone({ pid: process.pid, host: os.hostname(), since: '', command: '', token: 't', processStart: '1' })).toBe(fs.existsSync('/proc/self/stat'));
});

test('a live holder: waits the bounded time, then fails naming pid, host and start; another host is never judged dead', () => {
  const file = path.join(dir, '.stateline.lock');
  fs.writeFileSync(file, holder(process.ppid));
  let waited = 0;
  const started = Date.now();
  expect(() => acquireLock(file, { what: 'the output directory out', waitMs: 300, pollMs: 50, onWait: () => { waited++; } })).toThrow(LockBusyError);
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  expect(waited).toBe(1);
  fs.writeFileSync(file, holder(999999, 'build-agent-7'));
  expect(() => acquireLock(file, { what: 'the output directory out' })).toThrow(/locked by pid 999999 on build-agent-7, started 2026-12-01T10:00:00.000Z \(stateline synth\)\. It is held from another host/);
});

test('an unreadable lock (a crash between create and write) is taken over only when older than 10 s', () => {
  const file = path.join(dir, '.stateline.lock');
  fs.writeFileSync(file, '');
  expect(() => acquireLock(file, { what: 'x' })).toThrow(/locked by an unknown process/);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(file, old, old);
  acquireLock(file, { what: 'x' }).release();
  expect(fs.existsSync(file)).toBe(false);
});

test('releasing never removes a lock another process holds now', () => {
  const file = path.join(dir, '.stateline.lock');
  const lock = acquireLock(file, { what: 'x' });
  fs.writeFileSync(file, holder(process.ppid)); // replaced behind our back
  lock.release();
  expect(readHolder(file)?.token).toBe('other');
});

test('durations: 3h, 90m, 1h30m, 45s, 500ms or seconds; anything else is a usage error naming the flag', () => {
  expect([parseDuration('3h', 'f'), parseDuration('90m', 'f'), parseDuration('1h30m', 'f'), parseDuration('45s', 'f'), parseDuration('500ms', 'f'), parseDuration('20', 'f')])
    .toEqual([10_800_000, 5_400_000, 5_400_000, 45_000, 500, 20_000]);
  expect(() => parseDuration('3 hours', '--step-timeout')).toThrow('--step-timeout "3 hours": expected a duration like 3h, 90m, 1h30m or 45s');
  expect(() => parseDuration('0s', '--step-timeout')).toThrow(/longer than 0/);
  expect(formatDuration(10_800_000)).toBe('3h');
  expect(formatDuration(5_430_000)).toBe('1h 30m 30s');
});
