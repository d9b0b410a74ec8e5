/**
 * The date-dependent and environment-dependent gates of the CLI: the model lifecycle and
 * availability checks of `validate` and `synth`, and the gates of `deploy` and `destroy` (no
 * embedded demo topology unless asked, someone to confirm or `--yes`, the preflight). Glue only;
 * the checks live in lib/topology/model-lifecycle.ts, lib/topology/model-availability.ts,
 * lib/deploy/preflight.ts and lib/deploy/confirm.ts.
 */
import { Option } from 'commander';
// The deploy modules are required by the deploy gates when they run: `validate`, `synth` and
// `check` use only the as-of day and the model lifecycle gate.
import type { PreviewRunner, Prompt } from '../deploy/confirm';
import type { DeployTarget, EnvironmentProbe, NetworkProbe, PreflightReport } from '../deploy/preflight';
import { CONFIG_CANDIDATES, CONFIG_ENV, resolveConfigPath } from '../topology/config-path';
import { parseAsOf, systemClock, type Clock } from '../topology/clock';
import type { Derived } from '../topology/derive';
import { modelAvailabilityFindings } from '../topology/model-availability';
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
  /** Whether someone can answer deploy and destroy questions. @default stdin and stderr are terminals */
  readonly interactive?: boolean;
  /** Who answers them. @default the terminal */
  readonly prompt?: Prompt;
  /** Runs the read-only previews shown before each question. @default real processes */
  readonly preview?: PreviewRunner;
}

export const asOfOption = () => new Option('--as-of <date>', 'check model retirements (and suppression expiry) as of this day, YYYY-MM-DD (default: today)');

/** The day checks run against: --as-of, else the clock. */
export function asOfDay(value: string | undefined, deps: CliDeps): Date {
  return value === undefined ? (deps.clock ?? systemClock)() : parseAsOf(value);
}

/**
 * Model lifecycle on `asOf` and availability per deployment type and region: warnings go to
 * stderr, retired models stop the command with exit 2 (a UserInputError listing each, by field path).
 */
export function modelLifecycleGate(t: Derived & { readonly source: string }, asOf: Date, err: (s: string) => void): void {
  const { errors, warnings } = modelLifecycleFindings(t.topology, asOf);
  for (const w of [...warnings, ...modelAvailabilityFindings(t.topology)]) err(`stateline: warning: ${w.path}: ${w.message}\n`);
  if (errors.length > 0) {
    const n = errors.length;
    throw new UserInputError(`${t.source}: ${n} retired model version${n === 1 ? '' : 's'}:\n${formatProblems(errors)}`, errors);
  }
}

export interface PreflightGateOptions {
  readonly action: 'deploy' | 'destroy';
  readonly asOf: Date;
  readonly dryRun: boolean;
  readonly allowCrossAccountImages: boolean;
  readonly cwd: string;
  /** The output directory as the user named it (`--out`). */
  readonly outDir: string;
}

/** Runs the preflight of a deploy or destroy and prints it; `ok` is false when it found errors (nothing may run). */
export async function preflightGate(t: Derived, opts: PreflightGateOptions, deps: CliDeps, out: (s: string) => void): Promise<{ ok: boolean; errors: number; report: PreflightReport }> {
  const { formatPreflight, preflight } = require('../deploy/preflight') as typeof import('../deploy/preflight');
  const { CliNetworkProbe, ProcessEnvironment } = require('../deploy/probes') as typeof import('../deploy/probes');
  const report = await preflight(t, {
    action: opts.action,
    asOf: opts.asOf,
    env: deps.env ?? new ProcessEnvironment(opts.cwd),
    network: opts.dryRun ? undefined : deps.network ?? new CliNetworkProbe(),
    allowCrossAccountImages: opts.allowCrossAccountImages,
    outDir: opts.outDir,
  });
  out(formatPreflight(report));
  return { ok: report.errors.length === 0, errors: report.errors.length, report };
}

/**
 * `deploy` and `destroy` act on a real topology only: without a config file every command
 * would use the embedded demo, which is right for `synth` and wrong for a cloud account.
 */
export function embeddedDefaultGate(action: 'deploy' | 'destroy', config: string | undefined, allowed: boolean): void {
  if (allowed || resolveConfigPath(config)) return;
  throw new UserInputError(`stateline ${action}: no topology file (--config FILE, $${CONFIG_ENV}, or ./${CONFIG_CANDIDATES.join(', ./')}), so this would ${action} the embedded demo topology. Write your own topology first (README: Your first deploy), or pass --use-embedded-default to ${action} the demo anyway`);
}

/**
 * A run that changes a cloud asks first; with no one to ask (no terminal) it needs `--yes`. Refused
 * before anything starts, so it never waits for an answer that cannot come.
 */
export function confirmationGate(action: 'deploy' | 'destroy', opts: { readonly dryRun?: boolean; readonly yes?: boolean }, deps: CliDeps): void {
  if (opts.dryRun || opts.yes) return;
  const { hasTerminal } = require('../deploy/confirm') as typeof import('../deploy/confirm');
  if (deps.interactive ?? hasTerminal()) return;
  throw new UserInputError(`stateline ${action} shows what each step will change and asks before running it, and there is no terminal to ask on. Review the steps with stateline ${action} --dry-run, then run stateline ${action} --yes (CI)`);
}

/** How each cloud's target is named in the questions. */
export function targetNames(t: DeployTarget): { aws: string; azure: string } {
  return {
    aws: `AWS account ${t.awsAccount ?? '(unknown account)'}, ${t.awsRegion}`,
    azure: `Azure subscription ${t.azureSubscription ?? '(not set)'}${t.azureTenant ? ` (tenant ${t.azureTenant})` : ''}`,
  };
}
