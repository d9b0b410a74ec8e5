/**
 * Fault injection for the fault-tolerance tests: named points in synth and deploy where a test
 * makes the process die or receive a signal, deterministically rather than by timing.
 *
 * `STATELINE_TEST_FAULT=kill@synth:aws-done` SIGKILLs the process at that point;
 * `sigint@...` / `sigterm@...` send it that signal (handled at the next checkpoint);
 * `throw@...` throws (a crash); `sleep:MS@...` blocks for MS milliseconds (holding whatever the
 * process holds, e.g. a lock). Several entries are separated by commas. Unset: no effect.
 */
export const FAULT_ENV = 'STATELINE_TEST_FAULT';

export function faultPoint(name: string): void {
  const spec = process.env[FAULT_ENV];
  if (!spec) return;
  for (const entry of spec.split(',')) {
    const at = entry.indexOf('@');
    if (at < 0 || entry.slice(at + 1).trim() !== name) continue;
    const action = entry.slice(0, at).trim();
    if (action === 'kill') process.kill(process.pid, 'SIGKILL');
    else if (action === 'sigint') process.kill(process.pid, 'SIGINT');
    else if (action === 'sigterm') process.kill(process.pid, 'SIGTERM');
    else if (action === 'throw') throw new Error(`injected fault at ${name}`);
    else if (action.startsWith('sleep:')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(action.slice(6)));
  }
}
