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
import { spawn } from 'child_process';
import type { Derived } from '../topology/derive';
import { Action, Handover, isPending, planDeploy, planDestroy, PlanOptions, renderCommand, SecretTransfer, Step } from './plan';
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
  /**
   * Asked before each cdk or cdktf step runs (never in dry runs), with the environment it will run
   * with: `true` runs it; `false` or a reason stops the run before it (exit 2), with nothing of
   * that step done. A secret hand-over belongs to the step before it. See `confirm.ts`.
   */
  readonly confirm?: (step: Step, env: Readonly<Record<string, string>>) => Promise<boolean | string>;
}

export interface DeployResult {
  /** 0 done, 1 a step failed, 2 a step was not confirmed. */
  readonly code: 0 | 1 | 2;
  readonly completed: readonly string[];
  readonly handover: Handover;
  readonly message: string;
}

/** Reads the outputs files earlier runs left in the state directory. */
export function loadHandover(stateDir: string): Handover {
  const azure: Record<string, Record<string, string>> = {};
  const aws: Record<string, Record<string, string>> = {};
  if (!fs.existsSync(stateDir)) return { azure, aws };
  for (const f of fs.readdirSync(stateDir).sort()) {
    if (!f.endsWith('.outputs.json')) continue;
    const data = readOutputs(`${stateDir}/${f}`);
    Object.assign(f.startsWith('phase-2') ? aws : azure, data);
  }
  return { azure, aws };
}

/** cdk and cdktf both write `{ "<stack>": { "<output>": value } }`. */
function readOutputs(file: string): Record<string, Record<string, string>> {
  if (!fs.existsSync(file)) return {};
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  const out: Record<string, Record<string, string>> = {};
  for (const [stack, outputs] of Object.entries(raw)) {
    out[stack] = Object.fromEntries(Object.entries(outputs ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  }
  return out;
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
async function runTransfers(runner: ToolRunner, transfers: readonly SecretTransfer[], log: (line: string) => void): Promise<void> {
  for (const t of transfers) {
    if (t.skipIfMissing && !(await runner.secretExists(t.toSecretArn))) {
      log(`    skipped ${t.what}: ${t.toSecretArn} does not exist yet (first deploy: phase 2 creates it and copies the secret)`);
      continue;
    }
    let value: string;
    try {
      value = await runner.readTerraformOutput(t.fromStackDir, t.fromOutput);
    } catch (e) {
      throw new Error(`cannot read ${t.fromStack} output ${t.fromOutput} (${t.what}): ${(e as Error).message}`);
    }
    if (value.length === 0) throw new Error(`${t.fromStack} output ${t.fromOutput} (${t.what}) is empty`);
    try {
      await runner.writeSecret(t.toSecretArn, JSON.stringify({ [t.jsonKey]: value }), requestToken(t.credentialId));
    } catch (e) {
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

/** Runs (or, with dryRun, prints) the phased deploy or destroy. */
export async function runPhases(d: Derived, runner: ToolRunner, opts: DeployOptions): Promise<DeployResult> {
  const now = opts.now ?? (() => Date.now());
  const start = now();
  const elapsed = () => `${((now() - start) / 1000).toFixed(1)}s`;
  let handover = loadHandover(opts.stateDir);
  const initial = opts.action === 'deploy' ? planDeploy(d, handover, opts, opts.phase) : planDestroy(d, opts, opts.phase);
  const completed: string[] = [];
  if (!opts.dryRun) fs.mkdirSync(opts.stateDir, { recursive: true });

  for (let i = 0; i < initial.steps.length; i++) {
    // Re-plan with the latest hand-over: a step's inputs are the previous steps' outputs.
    const plan = opts.action === 'deploy' ? planDeploy(d, handover, opts, opts.phase) : planDestroy(d, opts, opts.phase);
    const step = plan.steps[i];
    const label = step.tool === 'secrets'
      ? `[phase ${step.phase}/3 ${step.phaseName}] hand over secrets ${step.stacks.join(' -> ')}`
      : `[phase ${step.phase}/3 ${step.phaseName}] ${step.tool} ${opts.action} ${step.stacks.join(' ')}`;
    opts.log(`${label}`);
    for (const [k, v] of Object.entries(step.inputs)) opts.log(`    ${k} = ${v}`);
    opts.log(`    $ ${renderCommand(step, opts.cwd)}`);
    if (opts.dryRun) continue;

    const missing = opts.action === 'deploy' ? missingInputs(step, plan.secretRefs) : [];
    if (missing.length > 0) {
      const msg = `phase ${step.phase} cannot start: missing ${missing.join(', ')}. Run the earlier phase first: stateline ${opts.action} --phase ${step.phase - 1}`;
      opts.log(`  FAILED ${msg}`);
      return { code: 1, completed, handover, message: msg };
    }
    const env: Record<string, string> = { ...step.env };
    try {
      const read = new Map<string, string>(); // a connection's two tunnels share its secret
      for (const key of step.secretEnv) {
        const ref = plan.secretRefs[key];
        if (!ref) continue;
        if (!read.has(ref)) read.set(ref, await runner.readSecret(ref));
        const field = plan.secretFields?.[key];
        env[key] = field ? tunnelPskFromSecret(read.get(ref)!, field, ref) : read.get(ref)!;
      }
    } catch (e) {
      const msg = `phase ${step.phase}: ${(e as Error).message}. Check AWS credentials for ${d.aws.region}, then re-run: stateline ${opts.action} --phase ${step.phase}`;
      opts.log(`  FAILED ${msg}`);
      return { code: 1, completed, handover, message: msg };
    }
    if (opts.confirm && step.tool !== 'secrets') {
      const answer = await opts.confirm(step, env);
      if (answer !== true) {
        const msg = `${typeof answer === 'string' ? answer : `phase ${step.phase} (${step.stacks.join(', ')}) was not confirmed`}: nothing of it ran${completed.length > 0 ? ` (done before: ${completed.join('; ')})` : ''}. Re-run when ready: stateline ${opts.action} --phase ${step.phase}`;
        opts.log(`  STOPPED ${msg}`);
        return { code: 2, completed, handover, message: msg };
      }
    }
    if (step.tool === 'secrets') {
      try {
        await runTransfers(runner, step.transfers ?? [], opts.log);
      } catch (e) {
        const msg = `phase ${step.phase} secret hand-over failed: ${(e as Error).message}. Fix the cause, then re-run: stateline ${opts.action} --phase ${step.phase}`;
        opts.log(`  FAILED ${msg}`);
        return { code: 1, completed, handover, message: msg };
      }
      completed.push(step.stacks.join(' -> '));
      opts.log(`  done (${elapsed()} elapsed)`);
      continue;
    }
    const code = await runner.exec(step.command, env);
    if (step.tool === 'cdktf') restrictLocalState(opts.outDir);
    if (code !== 0) {
      const msg = `phase ${step.phase} (${step.stacks.join(', ')}) failed with exit code ${code} after ${elapsed()}. Fix the cause, then re-run: stateline ${opts.action} --phase ${step.phase} (deploys are idempotent; completed phases are kept)`;
      opts.log(`  FAILED ${msg}`);
      return { code: 1, completed, handover, message: msg };
    }
    if (step.outputsFile) handover = merge(handover, step, readOutputs(step.outputsFile));
    completed.push(step.stacks.join(' '));
    opts.log(`  done (${elapsed()} elapsed)`);
  }
  const message = opts.dryRun ? 'dry run: nothing was executed' : `${opts.action} complete in ${elapsed()}`;
  opts.log(message);
  return { code: 0, completed, handover, message };
}

/** Runs the real CLIs (`npx cdktf`, `npx cdk`) and the AWS CLI for secrets. */
export class ProcessRunner implements ToolRunner {
  constructor(private readonly cwd: string, private readonly awsRegion: string) {}

  exec(argv: readonly string[], env: Readonly<Record<string, string>>): Promise<number> {
    return new Promise((resolve) => {
      const child = spawn(argv[0], argv.slice(1), {
        cwd: this.cwd,
        stdio: 'inherit',
        env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CHECKPOINT_DISABLE: '1', ...env },
      });
      child.on('error', () => resolve(127));
      child.on('exit', (code) => resolve(code ?? 1));
    });
  }

  readSecret(arn: string): Promise<string> {
    return capture('aws', ['secretsmanager', 'get-secret-value', '--secret-id', arn, '--query', 'SecretString', '--output', 'text', '--region', this.awsRegion], this.cwd)
      .catch((e: Error) => { throw new Error(`cannot read secret ${arn}: ${e.message}`); });
  }

  async readTerraformOutput(stackDir: string, output: string): Promise<string> {
    // The working directory of a stack cdktf deployed; init is idempotent (and needed after a re-synth).
    const init = await this.exec(['terraform', `-chdir=${stackDir}`, 'init', '-input=false', '-no-color'], {});
    if (init !== 0) throw new Error(`terraform init in ${stackDir} exited ${init}`);
    return capture('terraform', [`-chdir=${stackDir}`, 'output', '-raw', '-no-color', output], this.cwd);
  }

  writeSecret(secretId: string, value: string, token?: string): Promise<void> {
    const args = ['secretsmanager', 'put-secret-value', '--secret-id', secretId, '--secret-string', 'file:///dev/stdin', '--region', this.awsRegion, '--query', 'VersionId', '--output', 'text'];
    if (token) args.push('--client-request-token', token);
    return capture('aws', args, this.cwd, value).then(() => undefined);
  }

  secretExists(secretId: string): Promise<boolean> {
    return capture('aws', ['secretsmanager', 'describe-secret', '--secret-id', secretId, '--region', this.awsRegion, '--query', 'ARN', '--output', 'text'], this.cwd)
      .then(() => true, () => false);
  }
}

/**
 * Runs a command and resolves to its stdout (trimmed); `input` goes to its stdin. Its stdout is
 * never echoed (it may be a secret); stderr goes to the user.
 */
function capture(cmd: string, args: readonly string[], cwd: string, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], {
      cwd,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'],
      env: { ...process.env, CHECKPOINT_DISABLE: '1', AWS_PAGER: '' },
    });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => { out += b.toString('utf8'); });
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${cmd} ${args[0]} exited ${code}`))));
    if (input !== undefined) child.stdin!.end(input);
  });
}
