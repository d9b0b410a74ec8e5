/**
 * The date-dependent and environment-dependent gates of the CLI: the model lifecycle check of
 * `validate` and `synth`, and the deploy preflight. Glue only; the checks live in
 * lib/topology/model-lifecycle.ts and lib/deploy/preflight.ts.
 */
import { Option } from 'commander';
import { formatPreflight, preflight, type EnvironmentProbe, type NetworkProbe } from '../deploy/preflight';
import { CliNetworkProbe, ProcessEnvironment } from '../deploy/probes';
import { parseAsOf, systemClock, type Clock } from '../topology/clock';
import type { Derived } from '../topology/derive';
import { modelLifecycleFindings } from '../topology/model-lifecycle';
import { formatProblems, UserInputError } from '../topology/problems';

/** What the CLI takes from the outside world; tests replace each part. */
export interface CliDeps {
  /** "Today" when no --as-of is given. @default the system clock */
  readonly clock?: Clock;
  /** PATH and environment variables. @default the process's */
  readonly env?: EnvironmentProbe;
  /** Read-only cloud calls of the preflight. @default the AWS and Azure CLIs */
  readonly network?: NetworkProbe;
}

export const asOfOption = () => new Option('--as-of <date>', 'check model retirements (and suppression expiry) as of this day, YYYY-MM-DD (default: today)');

/** The day checks run against: --as-of, else the clock. */
export function asOfDay(value: string | undefined, deps: CliDeps): Date {
  return value === undefined ? (deps.clock ?? systemClock)() : parseAsOf(value);
}

/**
 * Model lifecycle on `asOf`: warnings go to stderr, retired models stop the command with
 * exit 2 (a UserInputError listing each, by field path).
 */
export function modelLifecycleGate(t: Derived & { readonly source: string }, asOf: Date, err: (s: string) => void): void {
  const { errors, warnings } = modelLifecycleFindings(t.topology, asOf);
  for (const w of warnings) err(`stateline: warning: ${w.path}: ${w.message}\n`);
  if (errors.length > 0) {
    const n = errors.length;
    throw new UserInputError(`${t.source}: ${n} retired model version${n === 1 ? '' : 's'}:\n${formatProblems(errors)}`, errors);
  }
}

export interface PreflightGateOptions {
  readonly asOf: Date;
  readonly dryRun: boolean;
  readonly allowCrossAccountImages: boolean;
  readonly cwd: string;
}

/** Runs the deploy preflight and prints it; false when it found errors (the deploy must stop). */
export async function preflightGate(t: Derived, opts: PreflightGateOptions, deps: CliDeps, out: (s: string) => void): Promise<{ ok: boolean; errors: number }> {
  const report = await preflight(t, {
    asOf: opts.asOf,
    env: deps.env ?? new ProcessEnvironment(opts.cwd),
    network: opts.dryRun ? undefined : deps.network ?? new CliNetworkProbe(),
    allowCrossAccountImages: opts.allowCrossAccountImages,
  });
  out(formatPreflight(report));
  return { ok: report.errors.length === 0, errors: report.errors.length };
}
