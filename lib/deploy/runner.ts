/**
 * Executes a deploy plan phase by phase, handing outputs across clouds.
 *
 * The tools run behind the `ToolRunner` interface, so tests replay recorded outputs
 * without clouds. Outputs files persist in the state directory: re-running a phase (or
 * `--phase N`) picks up what earlier phases produced. Pre-shared keys are read from
 * Secrets Manager at run time and passed only through the child's environment; agent client
 * secrets go from a Terraform output to Secrets Manager through pipes. No secret value is
 * ever logged, printed or written to a file by stateline.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Derived } from '../topology/derive';
import { UserInputError } from '../topology/problems';
import { TEMP_PREFIX, tempPathFor } from '../io/atomic';
import { faultPoint } from '../io/fault';
import { deferInterrupts, interruption, signalExitCode, StopSignal } from '../io/interrupt';
import { acquireLock, Lock } from '../io/lock';
import { jsonNestingBeyond, MiB, readTextFile } from '../io/text';
import { formatDuration, killGraceMs, stepTimeoutMs } from './duration';
import { Action, Handover, isPending, planDeploy, planDestroy, PlanOptions, renderCommand, SecretTransfer, Step } from './plan';
import { runChild, StepTimeoutError } from './process';
import { tunnelPskFromSecret } from './vpn-psk';

export interface ToolRunner {
  /** Runs argv (output streamed to the user); resolves to the exit code. */
  exec(argv: readonly string[], env: Readonly<Record<string, string>>): Promise<number>;
  /** Reads a secret value (e.g. Secrets Manager) at run time; never persisted. */
  readSecret(arn: string): Promise<string>;
  /** Reads one (sensitive) output of a deployed Terraform stack; never persisted. */
  readTerraformOutput(stackDir: string, output: string): Promise<string>;
  /**
   * Stores a value as the current version of a Secrets Manager secret (passed on stdin, never in
   * argv); `requestToken` makes a repeated write of the same credential a no-op.
   */
  writeSecret(secretId: string, value: string, requestToken?: string): Promise<void>;
  /** Whether a Secrets Manager secret exists (name or ARN). */
  secretExists(secretId: string): Promise<boolean>;
}

export interface DeployOptions extends PlanOptions {
  readonly action: Action;
  readonly phase?: 1 | 2 | 3;
  readonly dryRun?: boolean;
  readonly cwd: string;
  readonly log: (line: string) => void;
  /** Milliseconds since some origin (injectable for tests). */
  readonly now?: () => number;
  /** Longest one tool command may run (`--step-timeout`); the CLI passes it to `ProcessRunner`. */
  readonly stepTimeoutMs?: number;
  /**
   * Asked before each cdk or cdktf step runs (never in dry runs), with the environment it will run
   * with: `true` runs it; `false` or a reason stops the run before it (exit 2), with nothing of
   * that step done. A secret hand-over belongs to the step before it. See `confirm.ts`.
   */
  readonly confirm?: (step: Step, env: Readonly<Record<string, string>>) => Promise<boolean | string>;
}

export interface DeployResult {
  /** 0 done, 1 a step failed or timed out, 2 a step was not confirmed, 128 + n stopped by signal n (130 SIGINT, 143 SIGTERM). */
  readonly code: number;
  readonly completed: readonly string[];
  readonly handover: Handover;
  readonly message: string;
}

/** Outputs files are a few KB; past this one is not ours. */
const MAX_OUTPUTS_BYTES = 16 * MiB;

/** Which phase writes an outputs file (`phase-2-aws.outputs.json` -> 2), for the fix in messages. */
function phaseOf(file: string): string {
  return /^phase-(\d)/.exec(path.basename(file))?.[1] ?? 'N';
}

/** A hand-over file that cannot be used: names the file, the reason and the fix. */
export class HandoverFileError extends UserInputError {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}: ${reason}. It holds outputs of an earlier phase: delete it and re-run that phase (stateline deploy --phase ${phaseOf(file)})`);
    this.name = 'HandoverFileError';
  }
}

/** Reads the outputs files earlier runs left in the state directory (temporary files of interrupted runs are skipped). */
export function loadHandover(stateDir: string): Handover {
  const azure: Record<string, Record<string, string>> = {};
  const aws: Record<string, Record<string, string>> = {};
  if (!fs.existsSync(stateDir)) return { azure, aws };
  for (const f of fs.readdirSync(stateDir).sort()) {
    if (!f.endsWith('.outputs.json') || f.startsWith('.')) continue;
    const data = readOutputs(`${stateDir}/${f}`);
    Object.assign(f.startsWith('phase-2') ? aws : azure, data);
  }
  return { azure, aws };
}

/**
 * cdk and cdktf both write `{ "<stack>": { "<output>": value } }`. Anything else (truncated, binary,
 * another shape) is refused naming the file: a hand-over is never guessed.
 */
export function readOutputs(file: string): Record<string, Record<string, string>> {
  if (!fs.existsSync(file)) return {};
  const shown = path.relative(process.cwd(), file) || file;
  const read = readTextFile(file, MAX_OUTPUTS_BYTES, 'a stack outputs file');
  if ('problem' in read) throw new HandoverFileError(shown, read.problem);
  if (jsonNestingBeyond(read.text, 8) >= 0) throw new HandoverFileError(shown, 'nested deeper than a stack outputs file can be');
  let raw: unknown;
  try {
    raw = JSON.parse(read.text);
  } catch {
    throw new HandoverFileError(shown, read.text.trim() === '' ? 'the file is empty' : 'not valid JSON (truncated?)');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new HandoverFileError(shown, 'expected an object of stacks and their outputs');
  const out: Record<string, Record<string, string>> = {};
  for (const [stack, outputs] of Object.entries(raw)) {
    if (outputs === null || outputs === undefined) continue;
    if (typeof outputs !== 'object' || Array.isArray(outputs)) throw new HandoverFileError(shown, `stack "${stack.slice(0, 80)}" holds no outputs object`);
    out[stack] = Object.fromEntries(Object.entries(outputs as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  }
  return out;
}

/** The step's command with its outputs file replaced by a temporary one beside it (renamed in when complete). */
function stagedCommand(step: Step): { argv: readonly string[]; staged?: string } {
  const i = step.command.indexOf('--outputs-file');
  if (!step.outputsFile || i < 0) return { argv: step.command };
  const staged = tempPathFor(step.outputsFile);
  const argv = [...step.command];
  argv[i + 1] = staged;
  return { argv, staged };
}

/** Removes temporary outputs files of runs that were killed (the state directory is locked). */
function cleanStaleTemps(stateDir: string): void {
  for (const f of fs.readdirSync(stateDir)) if (f.startsWith(TEMP_PREFIX)) fs.rmSync(path.join(stateDir, f), { force: true });
}

/** Replaces every secret value read during this run in `text` (messages, logs). */
class Redactor {
  private readonly values = new Set<string>();
  add(value: string): string {
    if (value.length >= 4) this.values.add(value);
    return value;
  }
  redact = (text: string): string => {
    let t = text;
    for (const v of this.values) if (t.includes(v)) t = t.split(v).join('********');
    return t;
  };
}

function merge(h: Handover, step: Step, outputs: Record<string, Record<string, string>>): Handover {
  return step.tool === 'cdk' ? { azure: h.azure, aws: { ...h.aws, ...outputs } } : { azure: { ...h.azure, ...outputs }, aws: h.aws };
}

function missingInputs(step: Step, secretRefs: Readonly<Record<string, string>>): string[] {
  const fromEnv = Object.entries(step.env).filter(([k, v]) => !step.secretEnv.includes(k) && isPending(v)).map(([, v]) => v);
  const fromParams = Object.values(step.inputs).filter((v) => isPending(v));
  const fromSecrets = step.secretEnv.map((k) => secretRefs[k]).filter((v): v is string => v !== undefined && isPending(v));
  const fromTransfers = (step.transfers ?? []).map((t) => t.toSecretArn).filter(isPending);
  return [...new Set([...fromEnv, ...fromParams, ...fromSecrets, ...fromTransfers])];
}

/** Copies each secret through memory; errors name the secret, never its value. */
async function runTransfers(runner: ToolRunner, transfers: readonly SecretTransfer[], log: (line: string) => void, secrets: Redactor): Promise<void> {
  for (const t of transfers) {
    if (t.skipIfMissing && !(await runner.secretExists(t.toSecretArn))) {
      log(`    skipped ${t.what}: ${t.toSecretArn} does not exist yet (first deploy: phase 2 creates it and copies the secret)`);
      continue;
    }
    let value: string;
    try {
      value = secrets.add(await runner.readTerraformOutput(t.fromStackDir, t.fromOutput));
    } catch (e) {
      if (e instanceof StepTimeoutError) throw e;
      throw new Error(`cannot read ${t.fromStack} output ${t.fromOutput} (${t.what}): ${(e as Error).message}`);
    }
    if (value.length === 0) throw new Error(`${t.fromStack} output ${t.fromOutput} (${t.what}) is empty`);
    try {
      await runner.writeSecret(t.toSecretArn, JSON.stringify({ [t.jsonKey]: value }), requestToken(t.credentialId));
    } catch (e) {
      if (e instanceof StepTimeoutError) throw e;
      throw new Error(`cannot store the ${t.what} in ${t.toSecretArn}: ${(e as Error).message}`);
    }
    log(`    copied ${t.what}${t.credentialId ? ` (credential ${t.credentialId})` : ''} to ${t.toSecretArn}`);
  }
}

/**
 * Local Terraform state (the default backend) holds every credential Terraform manages (the
 * agents' client secrets, the tunnels' pre-shared keys): owner-only, whatever the umask.
 * The Azure Storage backend (`azure.state`) keeps it off the machine altogether.
 */
export function restrictLocalState(outDir: string): void {
  if (!fs.existsSync(outDir)) return;
  for (const f of fs.readdirSync(outDir)) {
    if (!/^terraform\..+\.tfstate(\.backup)?$/.test(f)) continue;
    try {
      fs.chmodSync(`${outDir}/${f}`, 0o600);
    } catch {
      // Not ours to fix (another owner): the dry run and README warn about local state.
    }
  }
}

/** Secrets Manager request tokens are 32-64 characters: an Entra key id (a GUID) fits. */
function requestToken(credentialId: string | undefined): string | undefined {
  return credentialId && /^[A-Za-z0-9-]{32,64}$/.test(credentialId) ? credentialId : undefined;
}

/** Locks the state directory for one deploy or destroy at a time (no waiting: a deploy takes an hour). */
function lockStateDir(stateDir: string, action: Action): Lock {
  fs.mkdirSync(stateDir, { recursive: true });
  return acquireLock(path.join(stateDir, '.lock'), { what: `the deploy state ${path.relative(process.cwd(), stateDir) || stateDir} (another ${action} or destroy is running)` });
}

/** Runs (or, with dryRun, prints) the phased deploy or destroy. */
export async function runPhases(d: Derived, runner: ToolRunner, opts: DeployOptions): Promise<DeployResult> {
  if (opts.dryRun) return runSteps(d, runner, opts, new Redactor());
  const lock = lockStateDir(opts.stateDir, opts.action);
  try {
    cleanStaleTemps(opts.stateDir);
    return await deferInterrupts(() => runSteps(d, runner, opts, new Redactor()));
  } finally {
    lock.release();
  }
}

async function runSteps(d: Derived, runner: ToolRunner, opts: DeployOptions, secrets: Redactor): Promise<DeployResult> {
  const now = opts.now ?? (() => Date.now());
  const start = now();
  const elapsed = () => `${((now() - start) / 1000).toFixed(1)}s`;
  const log = (line: string) => opts.log(secrets.redact(line));
  let handover = loadHandover(opts.stateDir);
  const initial = opts.action === 'deploy' ? planDeploy(d, handover, opts, opts.phase) : planDestroy(d, opts, opts.phase);
  const completed: string[] = [];
  const fail = (code: number, msg: string): DeployResult => {
    const message = secrets.redact(msg);
    log(`  FAILED ${message}`);
    return { code, completed, handover, message };
  };
  const interrupted = (signal: StopSignal, step: Step, when: string): DeployResult => fail(
    signalExitCode(signal),
    `${signal} received ${when} phase ${step.phase} (${step.stacks.join(', ')}); stopped. Completed steps are kept: re-run stateline ${opts.action} --phase ${step.phase} to resume`,
  );

  for (let i = 0; i < initial.steps.length; i++) {
    // Re-plan with the latest hand-over: a step's inputs are the previous steps' outputs.
    const plan = opts.action === 'deploy' ? planDeploy(d, handover, opts, opts.phase) : planDestroy(d, opts, opts.phase);
    const step = plan.steps[i];
    const label = step.tool === 'secrets'
      ? `[phase ${step.phase}/3 ${step.phaseName}] hand over secrets ${step.stacks.join(' -> ')}`
      : `[phase ${step.phase}/3 ${step.phaseName}] ${step.tool} ${opts.action} ${step.stacks.join(' ')}`;
    log(`${label}`);
    for (const [k, v] of Object.entries(step.inputs)) log(`    ${k} = ${v}`);
    log(`    $ ${renderCommand(step, opts.cwd)}`);
    if (opts.dryRun) continue;
    const signal = interruption();
    if (signal) return interrupted(signal, step, 'before');
    faultPoint(`deploy:before:${i}`);

    const missing = opts.action === 'deploy' ? missingInputs(step, plan.secretRefs) : [];
    if (missing.length > 0) {
      return fail(1, `phase ${step.phase} cannot start: missing ${missing.join(', ')}. Run the earlier phase first: stateline ${opts.action} --phase ${step.phase - 1}`);
    }
    const env: Record<string, string> = { ...step.env };
    try {
      const read = new Map<string, string>(); // a connection's two tunnels share its secret
      for (const key of step.secretEnv) {
        const ref = plan.secretRefs[key];
        if (!ref) continue;
        if (!read.has(ref)) read.set(ref, secrets.add(await runner.readSecret(ref)));
        const field = plan.secretFields?.[key];
        env[key] = secrets.add(field ? tunnelPskFromSecret(read.get(ref)!, field, ref) : read.get(ref)!);
      }
    } catch (e) {
      if (e instanceof StepTimeoutError) return fail(1, timeoutMessage(e, step, opts.action));
      return fail(1, `phase ${step.phase}: ${(e as Error).message}. Check AWS credentials for ${d.aws.region}, then re-run: stateline ${opts.action} --phase ${step.phase}`);
    }
    if (opts.confirm && step.tool !== 'secrets') {
      const answer = await opts.confirm(step, env);
      if (answer !== true) {
        const msg = `${typeof answer === 'string' ? answer : `phase ${step.phase} (${step.stacks.join(', ')}) was not confirmed`}: nothing of it ran${completed.length > 0 ? ` (done before: ${completed.join('; ')})` : ''}. Re-run when ready: stateline ${opts.action} --phase ${step.phase}`;
        log(`  STOPPED ${msg}`);
        return { code: 2, completed, handover, message: secrets.redact(msg) };
      }
    }
    if (step.tool === 'secrets') {
      try {
        await runTransfers(runner, step.transfers ?? [], log, secrets);
      } catch (e) {
        if (e instanceof StepTimeoutError) return fail(1, timeoutMessage(e, step, opts.action));
        return fail(1, `phase ${step.phase} secret hand-over failed: ${(e as Error).message}. Fix the cause, then re-run: stateline ${opts.action} --phase ${step.phase}`);
      }
      completed.push(step.stacks.join(' -> '));
      log(`  done (${elapsed()} elapsed)`);
      continue;
    }
    const { argv, staged } = stagedCommand(step);
    let code: number;
    try {
      code = await runner.exec(argv, env);
    } catch (e) {
      if (staged) fs.rmSync(staged, { force: true });
      if (e instanceof StepTimeoutError) return fail(1, timeoutMessage(e, step, opts.action));
      throw e;
    } finally {
      if (step.tool === 'cdktf') restrictLocalState(opts.outDir);
    }
    const stopped = interruption();
    if (stopped) {
      if (staged) fs.rmSync(staged, { force: true });
      return interrupted(stopped, step, 'during');
    }
    if (code !== 0) {
      if (staged) fs.rmSync(staged, { force: true });
      return fail(1, `phase ${step.phase} (${step.stacks.join(', ')}) failed with exit code ${code} after ${elapsed()}. Fix the cause, then re-run: stateline ${opts.action} --phase ${step.phase} (deploys are idempotent; completed phases are kept)`);
    }
    if (step.outputsFile && staged) {
      let outputs: Record<string, Record<string, string>>;
      try {
        // Checked before it replaces the previous hand-over: a half-written file never becomes the current one.
        outputs = readOutputs(staged);
      } catch (e) {
        fs.rmSync(staged, { force: true });
        return fail(1, `phase ${step.phase} (${step.stacks.join(', ')}): ${step.tool} wrote outputs stateline cannot read (${e instanceof HandoverFileError ? e.reason : (e as Error).message}). Re-run: stateline ${opts.action} --phase ${step.phase}`);
      }
      if (fs.existsSync(staged)) fs.renameSync(staged, step.outputsFile);
      faultPoint(`deploy:outputs-saved:${i}`);
      handover = merge(handover, step, outputs);
    }
    completed.push(step.stacks.join(' '));
    log(`  done (${elapsed()} elapsed)`);
  }
  const message = opts.dryRun ? 'dry run: nothing was executed' : `${opts.action} complete in ${elapsed()}`;
  log(message);
  return { code: 0, completed, handover, message };
}

function timeoutMessage(e: StepTimeoutError, step: Step, action: Action): string {
  return `phase ${step.phase} (${step.stacks.join(', ')}): ${e.what} did not finish within ${formatDuration(e.timeoutMs)} (--step-timeout, STATELINE_STEP_TIMEOUT); stateline stopped it and every process it started. Find out why (the cloud console shows the operation), then re-run: stateline ${action} --phase ${step.phase}`;
}

export interface ProcessRunnerOptions {
  /** Longest one command may run. @default `$STATELINE_STEP_TIMEOUT`, else 3 h */
  readonly stepTimeoutMs?: number;
  /** After the timeout, time to stop on SIGTERM before SIGKILL. @default `$STATELINE_KILL_GRACE`, else 60 s */
  readonly killGraceMs?: number;
}

/** Runs the real CLIs (`npx cdktf`, `npx cdk`) and the AWS CLI for secrets, each bounded by the step timeout. */
export class ProcessRunner implements ToolRunner {
  private readonly timeoutMs: number;
  private readonly graceMs: number;
  /** Values this runner read or wrote: never shown, even in a failing tool's error output. */
  private readonly secrets = new Redactor();

  constructor(private readonly cwd: string, private readonly awsRegion: string, options: ProcessRunnerOptions = {}) {
    this.timeoutMs = options.stepTimeoutMs ?? stepTimeoutMs(undefined);
    this.graceMs = options.killGraceMs ?? killGraceMs();
  }

  async exec(argv: readonly string[], env: Readonly<Record<string, string>>): Promise<number> {
    // Phase 3 runs with the pre-shared keys in its environment: its output is filtered for them.
    const secretValues = Object.entries(env).filter(([k]) => /_psk/i.test(k)).map(([, v]) => v);
    for (const v of secretValues) this.secrets.add(v);
    const r = await runChild(argv[0], argv.slice(1), {
      cwd: this.cwd,
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CHECKPOINT_DISABLE: '1', ...env },
      timeoutMs: this.timeoutMs,
      graceMs: this.graceMs,
      redact: secretValues.length > 0 ? this.secrets.redact : undefined,
      what: `\`${argv.slice(0, argv[0] === 'npx' ? 3 : 2).join(' ')}\``,
    });
    return r.code;
  }

  async readSecret(arn: string): Promise<string> {
    try {
      return this.secrets.add(await this.capture('aws', ['secretsmanager', 'get-secret-value', '--secret-id', arn, '--query', 'SecretString', '--output', 'text', '--region', this.awsRegion]));
    } catch (e) {
      if (e instanceof StepTimeoutError) throw e;
      throw new Error(`cannot read secret ${arn}: ${(e as Error).message}`);
    }
  }

  async readTerraformOutput(stackDir: string, output: string): Promise<string> {
    // The working directory of a stack cdktf deployed; init is idempotent (and needed after a re-synth).
    const init = await this.exec(['terraform', `-chdir=${stackDir}`, 'init', '-input=false', '-no-color'], {});
    if (init !== 0) throw new Error(`terraform init in ${stackDir} exited ${init}`);
    return this.secrets.add(await this.capture('terraform', [`-chdir=${stackDir}`, 'output', '-raw', '-no-color', output]));
  }

  async writeSecret(secretId: string, value: string, token?: string): Promise<void> {
    this.secrets.add(value);
    const args = ['secretsmanager', 'put-secret-value', '--secret-id', secretId, '--secret-string', 'file:///dev/stdin', '--region', this.awsRegion, '--query', 'VersionId', '--output', 'text'];
    if (token) args.push('--client-request-token', token);
    await this.capture('aws', args, value);
  }

  secretExists(secretId: string): Promise<boolean> {
    return this.capture('aws', ['secretsmanager', 'describe-secret', '--secret-id', secretId, '--region', this.awsRegion, '--query', 'ARN', '--output', 'text'])
      .then(() => true, (e) => { if (e instanceof StepTimeoutError) throw e; return false; });
  }

  /**
   * Runs a command and resolves to its stdout (trimmed); `input` goes to its stdin. Its stdout is
   * never echoed (it may be a secret); its stderr is shown with every known secret masked.
   */
  private async capture(cmd: string, args: readonly string[], input?: string): Promise<string> {
    const r = await runChild(cmd, args, {
      cwd: this.cwd,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', AWS_PAGER: '' },
      timeoutMs: this.timeoutMs,
      graceMs: this.graceMs,
      input,
      captureStdout: true,
      redact: this.secrets.redact,
      what: `\`${[cmd, ...args.filter((a) => !a.startsWith('-')).slice(0, 2)].join(' ')}\``,
    });
    if (r.startError) throw new Error(`${cmd}: ${r.startError}`);
    if (r.code !== 0) throw new Error(`${cmd} ${args[0]} exited ${r.code}`);
    return r.stdout.trim();
  }
}
