/**
 * Durations on the command line and in the environment: `90m`, `3h`, `1h30m`, `45s`, `500ms`, or a
 * plain number of seconds.
 */
import { UserInputError } from '../topology/problems';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a duration text; throws UserInputError naming `source` when it is not one. */
export function parseDuration(text: string, source: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== t) {
    throw new UserInputError(`${source} ${JSON.stringify(text)}: expected a duration like 3h, 90m, 1h30m or 45s`);
  }
  const ms = parts.reduce((n, p) => n + Number(p[1]) * UNIT_MS[p[2]], 0);
  if (ms <= 0) throw new UserInputError(`${source} ${JSON.stringify(text)}: must be longer than 0`);
  return Math.round(ms);
}

/** `3h`, `1h 30m`, `45s`, `250ms`: for messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', sec ? `${sec}s` : ''].filter(Boolean).join(' ') || '0s';
}

/**
 * Longest a single deploy step may run: `--step-timeout`, else `$STATELINE_STEP_TIMEOUT`, else 3 h
 * (an Azure VPN gateway alone takes 30-60+ minutes, and phase 1 creates one).
 */
export const DEFAULT_STEP_TIMEOUT_MS = 3 * 3_600_000;
/** After the timeout, how long the tool gets to stop on SIGTERM before SIGKILL. */
export const DEFAULT_KILL_GRACE_MS = 60_000;

export function stepTimeoutMs(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (flag !== undefined) return parseDuration(flag, '--step-timeout');
  if (env.STATELINE_STEP_TIMEOUT) return parseDuration(env.STATELINE_STEP_TIMEOUT, 'STATELINE_STEP_TIMEOUT');
  return DEFAULT_STEP_TIMEOUT_MS;
}

export function killGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  return env.STATELINE_KILL_GRACE ? parseDuration(env.STATELINE_KILL_GRACE, 'STATELINE_KILL_GRACE') : DEFAULT_KILL_GRACE_MS;
}
