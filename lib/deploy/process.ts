/**
 * Child processes of a deploy, bounded and stoppable as a whole.
 *
 * - Each tool runs in its own process group (POSIX), so stopping it stops what it started
 *   (`npx` -> `cdktf` -> `terraform` -> providers), not only the first process.
 * - A step that outlives its timeout gets SIGTERM (Terraform and the CDK stop gracefully and
 *   release their state locks), then SIGKILL after a grace period.
 * - SIGINT/SIGTERM received by stateline are forwarded once to the running tool, which stops the
 *   way it would on Ctrl-C; stateline then reports where to resume.
 * - Output that may carry a secret passes through `redact` line by line before it is shown.
 */
import { spawn } from 'child_process';
import { onInterrupt } from '../io/interrupt';
import { formatDuration } from './duration';

export class StepTimeoutError extends Error {
  constructor(readonly what: string, readonly timeoutMs: number) {
    super(`${what} did not finish within ${formatDuration(timeoutMs)}`);
    this.name = 'StepTimeoutError';
  }
}

export interface ChildOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly graceMs: number;
  /** Written to the child's stdin (then closed); otherwise stdin is closed at once. */
  readonly input?: string;
  /** Capture stdout (returned, never shown) instead of passing it through. */
  readonly captureStdout?: boolean;
  /** Pass output through this filter (line by line) instead of connecting the terminal directly. */
  readonly redact?: (text: string) => string;
  /** Label for timeout messages (`cdktf deploy`). */
  readonly what: string;
}

export interface ChildResult {
  /** Exit code; 128 + n when ended by signal n; 127 when the command could not start. */
  readonly code: number;
  readonly stdout: string;
  /** Why it could not start (ENOENT ...), when code is 127. */
  readonly startError?: string;
}

/** Forwards text to `write` line by line, each line filtered (a secret split across chunks is still caught). */
function lineFilter(write: (s: string) => void, redact: (s: string) => string) {
  let buffered = '';
  return {
    push(chunk: string) {
      buffered += chunk;
      const end = buffered.lastIndexOf('\n');
      if (end < 0) return;
      write(redact(buffered.slice(0, end + 1)));
      buffered = buffered.slice(end + 1);
    },
    flush() {
      if (buffered) write(redact(buffered));
      buffered = '';
    },
  };
}

const POSIX = process.platform !== 'win32';
const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

export function runChild(cmd: string, args: readonly string[], opts: ChildOptions): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], {
      cwd: opts.cwd,
      env: opts.env,
      detached: POSIX,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', opts.captureStdout || opts.redact ? 'pipe' : 'inherit', opts.redact ? 'pipe' : 'inherit'],
    });
    let stdout = '';
    let timedOut = false;
    const killGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        if (POSIX) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // already gone
      }
    };
    const out = opts.redact ? lineFilter((s) => process.stdout.write(s), opts.redact) : undefined;
    const err = opts.redact ? lineFilter((s) => process.stderr.write(s), opts.redact) : undefined;
    child.stdout?.setEncoding('utf8').on('data', (s: string) => { if (opts.captureStdout) stdout += s; else out?.push(s); });
    child.stderr?.setEncoding('utf8').on('data', (s: string) => err?.push(s));
    child.stdin?.on('error', () => undefined); // a child that exits without reading its input
    if (opts.input !== undefined) child.stdin?.end(opts.input);

    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      grace = setTimeout(() => killGroup('SIGKILL'), opts.graceMs);
    }, opts.timeoutMs);
    const unsubscribe = onInterrupt((signal) => killGroup(signal));

    let settled = false;
    const finish = (code: number, startError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (grace) clearTimeout(grace);
      unsubscribe();
      out?.flush();
      err?.flush();
      if (timedOut) {
        // The leader is gone; anything it started that ignored SIGTERM goes now.
        killGroup('SIGKILL');
        reject(new StepTimeoutError(opts.what, opts.timeoutMs));
        return;
      }
      resolve({ code, stdout, startError });
    };
    child.on('error', (e) => finish(127, (e as NodeJS.ErrnoException).code ?? e.message));
    child.on('exit', (code, signal) => {
      const status = code ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 1);
      // Wait for the output pipes, but never for a grandchild that keeps them open.
      if (!child.stdout && !child.stderr) finish(status);
      else {
        child.once('close', () => finish(status));
        setTimeout(() => { child.stdout?.destroy(); child.stderr?.destroy(); finish(status); }, 2000).unref();
      }
    });
  });
}
