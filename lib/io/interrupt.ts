/**
 * SIGINT / SIGTERM while stateline writes outputs or runs a deploy: the work stops at its next
 * safe point instead of wherever the signal lands.
 *
 * Inside `deferInterrupts` a first signal is recorded (and passed to listeners, e.g. the deploy
 * runner forwards it to the running tool); `checkpoint()` then throws `InterruptedError` where the
 * work can stop cleanly. A second signal exits at once (locks are still released on exit).
 * Outside it the usual behaviour applies (the process ends).
 */
import * as os from 'os';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Exit code for a run stopped by a signal: 128 + the signal number (130 for SIGINT, 143 for SIGTERM). */
export function signalExitCode(signal: StopSignal): number {
  return 128 + (os.constants.signals[signal] ?? 2);
}

export class InterruptedError extends Error {
  readonly exitCode: number;
  constructor(readonly signal: StopSignal, message: string) {
    super(message);
    this.name = 'InterruptedError';
    this.exitCode = signalExitCode(signal);
  }
}

let depth = 0;
let pending: StopSignal | undefined;
const listeners = new Set<(s: StopSignal) => void>();

function onSignal(signal: StopSignal): void {
  if (pending) process.exit(signalExitCode(pending)); // second signal: stop now
  pending = signal;
  for (const l of listeners) l(signal);
}
const onInt = () => onSignal('SIGINT');
const onTerm = () => onSignal('SIGTERM');

/** Runs `fn` with signals turned into a recorded interruption (see `checkpoint`). */
export async function deferInterrupts<T>(fn: () => Promise<T>): Promise<T> {
  if (depth++ === 0) {
    pending = undefined;
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  }
  try {
    return await fn();
  } finally {
    if (--depth === 0) {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
      pending = undefined;
    }
  }
}

/** The signal received inside `deferInterrupts`, if any. */
export function interruption(): StopSignal | undefined {
  return pending;
}

/** Subscribes to the first signal inside `deferInterrupts`; returns the unsubscribe function. */
export function onInterrupt(listener: (s: StopSignal) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Lets queued signals be delivered, then throws if one arrived. */
export async function checkpoint(message: (s: StopSignal) => string): Promise<void> {
  // Signal callbacks run in the event loop's poll phase: two turns make sure a queued one has run.
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  if (pending) throw new InterruptedError(pending, message(pending));
}
