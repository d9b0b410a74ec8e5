/**
 * Nothing changes a cloud without a yes. Before each cdk or cdktf step of a deploy or destroy
 * (the runner's `confirm` hook), a read-only preview shows what the step will change, then the
 * person at the terminal is asked:
 * - Terraform stacks: `terraform init` + `terraform plan -json` (`-destroy` for a destroy) in
 *   the stack's synthesized directory, summarized from the plan's machine-readable messages
 *   (addresses and actions only: no values are read, and secrets are masked in any error);
 * - the AWS stack: `cdk diff` (change set) with the step's own parameters on a deploy, and the
 *   CloudFormation stack's resources (`aws cloudformation list-stack-resources`) on a destroy.
 * A deploy asks `[y/N]`; a destroy names every resource it deletes and wants `yes` typed out.
 * A deploy step whose preview shows no change runs without asking. `--yes` (CI) skips the
 * questions, and a deploy's previews too (the tools print their own plans as they apply); a
 * destroy still names every resource before each step. Without a terminal and without
 * `--yes` the CLI refuses before anything starts (see `lib/cli/gates.ts`); this module never
 * waits for input that cannot come.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import type { Action, Step } from './plan';
import { TOOL_ENV } from './tools';

/** A question to the person at the terminal; resolves to the answer, `''` at the end of input. */
export interface Prompt {
  ask(question: string): Promise<string>;
}

/** Asks on the terminal (question on stderr, so stdout can be logged). */
export class TerminalPrompt implements Prompt {
  ask(question: string): Promise<string> {
    return new Promise((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
      let answered = false;
      rl.question(question, (answer) => {
        answered = true;
        rl.close();
        resolve(answer);
      });
      rl.on('close', () => { if (!answered) resolve(''); });
    });
  }
}

/** Whether someone can answer: stdin and stderr are terminals. */
export function hasTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

export interface PreviewOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a read-only preview command and captures its output (nothing is echoed). */
export interface PreviewRunner {
  run(argv: readonly string[], env: Readonly<Record<string, string>>): Promise<PreviewOutput>;
}

/**
 * The provider plugin cache cdktf sets up for its own Terraform runs (cdktf-cli 0.21: $TF_PLUGIN_CACHE_DIR,
 * else ~/.terraform.d/plugin-cache, unless $CDKTF_DISABLE_PLUGIN_CACHE_ENV), so the preview's
 * `terraform init` downloads each provider once, into the cache the deploy then reuses.
 */
export function pluginCacheEnv(vars: NodeJS.ProcessEnv = process.env, home = os.homedir()): Record<string, string> {
  if (vars.TF_PLUGIN_CACHE_DIR) return {};
  if (vars.CDKTF_DISABLE_PLUGIN_CACHE_ENV === 'true' || vars.CDKTF_DISABLE_PLUGIN_CACHE_ENV === '1') return {};
  const dir = path.join(home, '.terraform.d', 'plugin-cache');
  fs.mkdirSync(dir, { recursive: true });
  return { TF_PLUGIN_CACHE_DIR: dir };
}

/** Previews through real processes in the project directory, bounded by a timeout. */
export class ProcessPreviewRunner implements PreviewRunner {
  constructor(private readonly cwd: string, private readonly timeoutMs = 30 * 60_000) {}

  run(argv: readonly string[], env: Readonly<Record<string, string>>): Promise<PreviewOutput> {
    return new Promise((resolve) => {
      const child = spawn(argv[0], argv.slice(1), {
        cwd: this.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...TOOL_ENV, ...(argv[0] === 'terraform' ? pluginCacheEnv() : {}), NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => { child.kill(); stderr += `\n${argv[0]} ${argv[1] ?? ''} timed out after ${this.timeoutMs / 60_000} min`; }, this.timeoutMs);
      child.stdout.on('data', (b: Buffer) => { stdout += b.toString('utf8'); });
      child.stderr.on('data', (b: Buffer) => { stderr += b.toString('utf8'); });
      child.on('error', (e) => { clearTimeout(timer); resolve({ code: 127, stdout, stderr: `${argv[0]}: ${e.message}` }); });
      child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? 1, stdout, stderr }); });
    });
  }
}

/** One read-only command that shows what a step will do to one stack. */
export interface PreviewCommand {
  readonly stack: string;
  readonly kind: 'terraform-plan' | 'cdk-diff' | 'cloudformation-resources';
  /** Runs first (terraform init); its output is shown only when it fails. */
  readonly setup?: readonly string[];
  readonly argv: readonly string[];
}

export interface PreviewContext {
  /** The directory holding cdk.out and cdktf.out. */
  readonly outDir: string;
  /** The AWS region of the agent stack. */
  readonly region: string;
}

/** `--app` and every `--parameters` of a cdk deploy command, for the `cdk diff` that previews it. */
function cdkArguments(command: readonly string[]): string[] {
  const out: string[] = [];
  command.forEach((arg, i) => {
    if ((arg === '--app' || arg === '--parameters') && i + 1 < command.length) out.push(arg, command[i + 1]);
  });
  return out;
}

/** The preview commands of a step (none for the secret hand-over, which belongs to the step before it). */
export function previewCommands(step: Step, action: Action, ctx: PreviewContext): PreviewCommand[] {
  if (step.tool === 'cdktf') {
    return step.stacks.map((stack) => {
      const chdir = `-chdir=${path.join(ctx.outDir, 'cdktf.out', 'stacks', stack)}`;
      return {
        stack,
        kind: 'terraform-plan',
        setup: ['terraform', chdir, 'init', '-input=false', '-no-color'],
        argv: ['terraform', chdir, 'plan', '-input=false', '-no-color', '-json', '-lock-timeout=120s', ...(action === 'destroy' ? ['-destroy'] : [])],
      };
    });
  }
  if (step.tool === 'cdk' && action === 'deploy') {
    return [{ stack: step.stacks.join(' '), kind: 'cdk-diff', argv: ['npx', 'cdk', 'diff', ...step.stacks, ...cdkArguments(step.command), '--no-color'] }];
  }
  if (step.tool === 'cdk') {
    return step.stacks.map((stack) => ({ stack, kind: 'cloudformation-resources', argv: ['aws', 'cloudformation', 'list-stack-resources', '--stack-name', stack, '--region', ctx.region, '--output', 'json'] }));
  }
  return [];
}

/** What a preview says a step will do to one stack. */
export interface PreviewSummary {
  readonly stack: string;
  /** How it was previewed (`terraform plan`, `cdk diff`, `CloudFormation`). */
  readonly source: string;
  readonly add: number;
  readonly change: number;
  readonly replace: number;
  readonly remove: number;
  /** What is deleted (Terraform addresses, CloudFormation `LogicalId (Type)`). */
  readonly removed: readonly string[];
  /** What is replaced (deleted and created again). */
  readonly replaced: readonly string[];
  readonly notes: readonly string[];
  /** Why the preview failed; the step must not run. */
  readonly error?: string;
}

const total = (s: PreviewSummary) => s.add + s.change + s.replace + s.remove;

/** Last lines of a tool's output. */
function tail(text: string, lines = 3): string {
  return text.trim().split('\n').filter((l) => l.trim() !== '').slice(-lines).join(' / ');
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

interface TerraformMessage {
  readonly type?: string;
  readonly change?: { readonly action?: string; readonly resource?: { readonly addr?: string } };
  readonly diagnostic?: { readonly severity?: string; readonly summary?: string; readonly detail?: string };
}

/** Summarizes `terraform plan -json` (one JSON message per line: planned_change, change_summary, diagnostic). */
export function summarizeTerraformPlan(stack: string, out: PreviewOutput, action: Action): PreviewSummary {
  const s = { stack, source: action === 'destroy' ? 'terraform plan -destroy' : 'terraform plan', add: 0, change: 0, replace: 0, remove: 0, removed: [] as string[], replaced: [] as string[], notes: [] as string[] };
  const errors: string[] = [];
  for (const line of out.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let m: TerraformMessage;
    try {
      m = JSON.parse(line) as TerraformMessage;
    } catch {
      continue;
    }
    if (m.type === 'diagnostic' && m.diagnostic?.severity === 'error') errors.push([m.diagnostic.summary, m.diagnostic.detail?.split('\n')[0]].filter(Boolean).join(': '));
    if (m.type !== 'planned_change') continue;
    const addr = m.change?.resource?.addr ?? '(unknown address)';
    switch (m.change?.action) {
      case 'create': s.add++; break;
      case 'update': s.change++; break;
      case 'replace': s.replace++; s.replaced.push(addr); break;
      case 'delete': s.remove++; s.removed.push(addr); break;
      case 'remove': s.notes.push(`${addr} leaves the state (the resource itself stays)`); break;
      default: break;
    }
  }
  if (out.code !== 0 || errors.length > 0) return { ...s, error: errors.length > 0 ? errors.join('; ') : `terraform plan exited ${out.code}: ${tail(out.stderr || out.stdout)}` };
  return s;
}

/** Summarizes `cdk diff` text: the `[+]`, `[-]` and `[~]` resource lines, replacements, IAM and security group tables. */
export function summarizeCdkDiff(stack: string, out: PreviewOutput): PreviewSummary {
  const s = { stack, source: 'cdk diff', add: 0, change: 0, replace: 0, remove: 0, removed: [] as string[], replaced: [] as string[], notes: [] as string[] };
  const text = `${out.stdout}\n${out.stderr}`.replace(ANSI, '');
  if (out.code !== 0) return { ...s, error: `cdk diff exited ${out.code}: ${tail(out.stderr || out.stdout)}` };
  for (const line of text.split('\n')) {
    const m = /^\[([+~-])\] ([A-Za-z0-9]+::[A-Za-z0-9:]+) (.*)$/.exec(line.trimEnd());
    if (!m) continue;
    const [, sign, type, rest] = m;
    const replaced = / (replace|may be replaced)$/.test(rest) || /requires replacement/.test(rest);
    const id = rest.replace(/ (may be replaced|replace|destroy|orphan|retain)$/, '').split(' ').pop();
    const name = `${id} (${type})`;
    if (sign === '+') s.add++;
    else if (sign === '-') { s.remove++; s.removed.push(name); }
    else if (replaced) { s.replace++; s.replaced.push(name); }
    else s.change++;
  }
  if (/^IAM Statement Changes/m.test(text)) s.notes.push('IAM statement changes: `cdk diff` lists them');
  if (/^Security Group Changes/m.test(text)) s.notes.push('security group changes: `cdk diff` lists them');
  return s;
}

/** Summarizes `aws cloudformation list-stack-resources`: everything in the stack is deleted. */
export function summarizeStackResources(stack: string, out: PreviewOutput): PreviewSummary {
  const s = { stack, source: 'CloudFormation', add: 0, change: 0, replace: 0, remove: 0, removed: [] as string[], replaced: [] as string[], notes: [] as string[] };
  if (out.code !== 0) {
    if (/does not exist/.test(out.stderr)) return { ...s, notes: [`${stack} does not exist: nothing to delete`] };
    return { ...s, error: `aws cloudformation list-stack-resources exited ${out.code}: ${tail(out.stderr || out.stdout)}` };
  }
  let data: { StackResourceSummaries?: Array<{ LogicalResourceId?: string; ResourceType?: string }> };
  try {
    data = JSON.parse(out.stdout) as typeof data;
  } catch {
    return { ...s, error: 'aws cloudformation list-stack-resources did not print JSON' };
  }
  const removed = (data.StackResourceSummaries ?? []).map((r) => `${r.LogicalResourceId} (${r.ResourceType})`);
  return { ...s, remove: removed.length, removed };
}

function summarize(c: PreviewCommand, out: PreviewOutput, action: Action): PreviewSummary {
  if (c.kind === 'terraform-plan') return summarizeTerraformPlan(c.stack, out, action);
  if (c.kind === 'cdk-diff') return summarizeCdkDiff(c.stack, out);
  return summarizeStackResources(c.stack, out);
}

/** The summary as log lines: counts, then every deletion and replacement by name. */
export function renderSummary(s: PreviewSummary, action: Action): string[] {
  const lines = action === 'destroy'
    ? [`    will destroy ${s.stack} (${s.source}): ${s.remove} resource${s.remove === 1 ? '' : 's'}`]
    : [`    preview ${s.stack} (${s.source}): ${total(s) === 0 ? 'no changes' : `${s.add} to add, ${s.change} to change, ${s.replace} to replace, ${s.remove} to destroy`}`];
  for (const r of s.replaced) lines.push(`      replaces ${r}`);
  for (const r of s.removed) lines.push(`      destroys ${r}`);
  for (const n of s.notes) lines.push(`      ${n}`);
  if (s.error) lines.push(`      preview failed: ${s.error}`);
  return lines;
}

export interface ConfirmOptions extends PreviewContext {
  readonly action: Action;
  /** Where each cloud's stacks go, as named in the questions (`AWS account 210987654321, eu-central-1`). */
  readonly target: { readonly aws: string; readonly azure: string };
  /** `--yes`: run every step without preview or question. */
  readonly yes: boolean;
  /** Who answers; without one (and without `yes`) every step is refused. */
  readonly prompt?: Prompt;
  readonly preview: PreviewRunner;
  readonly log: (line: string) => void;
}

/** Replaces the step's secret values (the tunnels' pre-shared keys) in a line. */
function masker(step: Step, env: Readonly<Record<string, string>>): (line: string) => string {
  const secrets = step.secretEnv.map((k) => env[k]).filter((v): v is string => typeof v === 'string' && v.length >= 4);
  return (line) => secrets.reduce((l, v) => l.split(v).join('********'), line);
}

/** The runner's `confirm` hook: preview, summary, question. */
export function stepConfirmer(o: ConfirmOptions): (step: Step, env: Readonly<Record<string, string>>) => Promise<boolean | string> {
  return async (step, env) => {
    if (o.yes && o.action === 'deploy') {
      o.log('    confirmed by --yes');
      return true;
    }
    if (!o.yes && !o.prompt) return 'not confirmed: there is no terminal to ask on (pass --yes to run without asking)';
    const mask = masker(step, env);
    const summaries: PreviewSummary[] = [];
    for (const c of previewCommands(step, o.action, o)) {
      if (c.setup) {
        const init = await o.preview.run(c.setup, env);
        if (init.code !== 0) return mask(`the preview of ${c.stack} failed: ${c.setup.slice(0, 3).join(' ')} exited ${init.code}: ${tail(init.stderr || init.stdout)}`);
      }
      const s = summarize(c, await o.preview.run(c.argv, env), o.action);
      for (const line of renderSummary(s, o.action)) o.log(mask(line));
      if (s.error) return mask(`the preview of ${c.stack} failed (${s.error})`);
      summaries.push(s);
    }
    if (o.yes) {
      o.log('    confirmed by --yes');
      return true;
    }
    if (o.action === 'deploy' && summaries.length > 0 && summaries.every((s) => total(s) === 0)) {
      o.log('    no changes: runs without asking');
      return true;
    }
    const where = step.tool === 'cdk' ? o.target.aws : o.target.azure;
    const stacks = step.stacks.join(', ');
    const removed = summaries.reduce((n, s) => n + s.remove, 0);
    const question = o.action === 'destroy'
      ? `Destroy ${stacks} (${removed} resource${removed === 1 ? '' : 's'}) in ${where}? Type yes to destroy: `
      : `Deploy ${stacks} to ${where}? [y/N] `;
    const answer = (await o.prompt!.ask(question)).trim().toLowerCase();
    const ok = o.action === 'destroy' ? answer === 'yes' : answer === 'y' || answer === 'yes';
    o.log(ok ? '    confirmed' : '    not confirmed');
    return ok;
  };
}
