/**
 * The `stateline` CLI: argument parsing and printing only; logic lives in functions
 * that tests call directly. Exit codes: 0 ok, 1 policy errors, 2 usage/invalid input.
 */
import { Command, CommanderError, Option } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
// Only light modules are imported here; each command `require`s what it needs when it runs,
// so `check`, `validate`, `graph`, `cost` and `diff` never load aws-cdk-lib, cdktf or the
// provider bindings, `synth` loads the diagram renderer only when it draws, and only `deploy`
// and `destroy` load the deploy runner, previews and preflight. (`require`, not `import()`:
// under tsx's CommonJS hook a dynamic import would bypass the TypeScript loader.)
import type { FailOn } from '../diff';
import { PolicyInputError } from '../policy/errors';
import { REPORT_FORMATS, type ReportFormat } from '../policy/formats';
import type { Suppression } from '../topology/schema';
import type { GraphFormat } from './graph';
import { resolveConfigPath } from '../topology/config-path';
import type { LoadedTopology } from '../topology/load';
import type { DeployOptions } from '../deploy/runner';
import { UserInputError } from '../topology/problems';
import { EXIT_INTERNAL, EXIT_USAGE } from './errors';
import type { SynthSummary } from './synth';
import { asOfDay, asOfOption, type CliDeps, confirmationGate, embeddedDefaultGate, modelLifecycleGate } from './gates';
import { COST_FORMATS, type CostFormat } from '../cost/render';
import { InterruptedError } from '../io/interrupt';

/** `./synth` once loaded (it loads both CDKs): the command that synthesized releases its output lock at exit. */
let synthModule: typeof import('./synth') | undefined;
const loadSynth = (): typeof import('./synth') => (synthModule ??= require('./synth') as typeof import('./synth'));

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The stacks of one synthesis by role, in deploy-phase order (hub, serving..., aws, link). */
export interface StackRoles {
  readonly hub: string;
  readonly serving: readonly string[];
  /** The agents' Entra identities (phase 1, after the serving stacks). */
  readonly identity?: string;
  readonly aws: readonly string[];
  readonly link: string;
}

export function stackRoles(t: Pick<LoadedTopology, 'hub' | 'serving' | 'identity' | 'aws' | 'link'>): StackRoles {
  return { hub: t.hub.stackName, serving: t.serving.map((s) => s.stackName), identity: t.identity.stackName, aws: [t.aws.stackName], link: t.link.stackName };
}

export interface SynthSummaryOptions {
  readonly stacks: StackRoles;
  /** List every serving stack, one per line. @default false */
  readonly verbose?: boolean;
  /** The diagram written (shown on the first line), relative to the working directory. */
  readonly diagram?: string;
  /** Lines appended to the summary (e.g. path proofs, cost), each one line. */
  readonly extraLines?: readonly string[];
}

/** Serving stacks listed inline up to this many; more are counted (listed with --verbose). */
const INLINE_SERVING = 4;

/**
 * The synth summary: 4 lines whatever the number of serving regions (plus `extraLines`; `synth`
 * adds one line each for the path proofs, the cost and the policy and schema verdict, so 7 in
 * all), stacks in deploy-phase order (hub, serving, aws, link); `verbose` lists every serving stack.
 */
export function formatSynthSummary(source: string, s: SynthSummary, options: SynthSummaryOptions): string {
  const rel = path.relative(process.cwd(), s.outDir) || '.';
  const { hub, serving, identity, aws, link } = options.stacks;
  const prefix = hub.replace(/hub$/, 'serving-');
  const short = serving.every((x) => x.startsWith(prefix)) ? serving.map((x) => x.slice(prefix.length)) : serving;
  const servingText = serving.length === 0 ? 'no serving stacks'
    : options.verbose ? `${plural(serving.length, 'serving stack')}:`
      : serving.length <= INLINE_SERVING ? `${plural(serving.length, 'serving stack')}: ${short.join(', ')}`
        : `${plural(serving.length, 'serving stack')} (${prefix}<region>: ${short.slice(0, 3).join(', ')}, +${serving.length - 3} more; --verbose lists them)`;
  return [
    `stateline synth: ${source} -> ${rel}/ in ${(s.millis / 1000).toFixed(2)} s: aws ${plural(s.aws.stacks.length, 'stack')}, ${plural(s.aws.resources, 'resource')} (cdk.out); azure ${plural(s.azure.stacks.length, 'stack')}, ${plural(s.azure.resources, 'resource')} (cdktf.out)${options.diagram ? `; diagram ${options.diagram}` : ''}`,
    `  phase 1  azure  hub ${hub}, ${servingText}${identity && !options.verbose ? `, identities ${identity}` : ''}`,
    ...(options.verbose ? serving.map((x) => `                   ${x}`) : []),
    ...(options.verbose && identity ? [`                 identities ${identity}`] : []),
    `  phase 2  aws    ${aws.join(', ')}`,
    `  phase 3  azure  link ${link}`,
    ...(options.extraLines ?? []),
    '',
  ].join('\n');
}

function buildProgram(io: Io, setCode: (c: number) => void, deps: CliDeps): Command {
  const program = new Command('stateline')
    .description('One typed topology: stateless inference on Azure, stateful agents on AWS, a private link, and a placement policy.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showSuggestionAfterError(true);

  const configOpt = () => new Option('-c, --config <file>', 'topology file (.ts, .json, .yaml); default: $STATELINE_CONFIG, ./stateline.config.*, else the embedded default');

  program.command('validate')
    .description('validate the topology; exit 0 if valid, 2 with every problem if not')
    .addOption(configOpt())
    .addOption(asOfOption())
    .action((opts: { config?: string; asOf?: string }) => {
      const { loadTopology } = require('../topology/load') as typeof import('../topology/load');
      const t = loadTopology(opts.config);
      modelLifecycleGate(t, asOfDay(opts.asOf, deps), io.err);
      io.out(`stateline validate: ${t.source} is valid (${plural(t.serving.length, 'serving region')}, ${plural(t.aws.agents.length, 'agent')}, ${plural(t.phases.reduce((n, p) => n + p.stacks.length, 0), 'stack')})\n`);
      setCode(0);
    });

  program.command('synth')
    .description('validate, then synthesize both clouds into DIR/cdk.out and DIR/cdktf.out (atomically)')
    .addOption(configOpt())
    .option('-o, --out <dir>', 'output directory', '.')
    .option('--validate', "also run aws-cdk-lib's built-in CloudFormation schema validation (as `cdk synth` does; adds ~3-4 s)")
    .option('--no-check', 'skip the policy check')
    .option('--no-graph', 'skip writing the diagram (stateline.svg, stateline.mmd)')
    .option('-v, --verbose', 'list every serving stack in the summary')
    .addOption(asOfOption())
    .action(async (opts: { config?: string; out: string; check: boolean; graph: boolean; validate?: boolean; verbose?: boolean; asOf?: string }) => {
      const { loadTopology } = require('../topology/load') as typeof import('../topology/load');
      const { synthesizeInterruptible } = loadSynth();
      const t = loadTopology(opts.config);
      const asOf = asOfDay(opts.asOf, deps);
      modelLifecycleGate(t, asOf, io.err);
      const outDir = path.resolve(opts.out);
      // Locked until exit: the check and diagram below read and write the same directory.
      const summary = await synthesizeInterruptible(t, outDir, { validate: opts.validate, holdLock: true });
      const base = { stacks: stackRoles(t), verbose: opts.verbose };
      setCode(0);
      if (!opts.check && !opts.graph) {
        await loadSynth().outputsSettled();
        io.out(formatSynthSummary(t.source, summary, base));
        return;
      }
      // The summary waits for the diagram and the checks (it names the diagram on its first line),
      // but a failure there still shows what was synthesized.
      const { synthReport } = require('./synth-report') as typeof import('./synth-report');
      let extra: Awaited<ReturnType<typeof synthReport>>;
      try {
        extra = await synthReport(outDir, { suppressions: t.topology.policy.suppressions, now: asOf, check: opts.check, graph: opts.graph });
        // The previous outputs' backups were removed meanwhile (a failure there fails the command).
        await loadSynth().outputsSettled();
      } catch (e) {
        io.out(formatSynthSummary(t.source, summary, base));
        throw e;
      }
      io.out(formatSynthSummary(t.source, summary, { ...base, diagram: extra.diagram, extraLines: extra.lines }));
      if (extra.report && extra.report.summary.errors > 0) {
        const { renderCheck } = require('./check') as typeof import('./check');
        io.out(renderCheck({ ...extra.report, findings: extra.report.findings.filter((f) => !f.suppressed && f.severity === 'error') }, 'text'));
        setCode(1);
      }
    });

  program.command('check')
    .description('run the placement policy and schema validation over synthesized outputs (default ./cdk.out and ./cdktf.out) or plain CloudFormation/Terraform files')
    .option('--cdk-out <dir...>', 'CDK cloud assembly directory (repeatable)')
    .option('--cdktf-out <dir...>', 'CDKTF output directory (repeatable)')
    .option('--template <file...>', 'CloudFormation template, JSON or YAML (repeatable)')
    .option('--terraform <path...>', 'Terraform .tf.json or .tf file, or a directory of them (repeatable)')
    .option('-c, --config <file>', 'topology whose policy.suppressions apply')
    .option('--schema', 'validate every input against the provider schemas (default: only cloud assemblies and cdktf output directories)')
    .option('--no-schema', 'skip schema validation')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...REPORT_FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .addOption(asOfOption())
    .action(async (opts: { cdkOut?: string[]; cdktfOut?: string[]; template?: string[]; terraform?: string[]; config?: string; schema?: boolean; format: ReportFormat; output?: string; asOf?: string }) => {
      const { runCheck } = require('../policy') as typeof import('../policy');
      const { checkOptions, renderCheck } = require('./check') as typeof import('./check');
      const suppressions = topologySuppressions(opts.config);
      const { report, exitCode } = await runCheck(checkOptions({ ...opts, suppressions, now: asOfDay(opts.asOf, deps) }));
      const text = renderCheck(report, opts.format);
      if (opts.output) writeOutput(opts.output, text);
      else io.out(text);
      setCode(exitCode);
    });

  program.command('graph')
    .description('cross-cloud diagram of the synthesized outputs, policy violations in red')
    .option('--cdk-out <dir...>', 'CDK cloud assembly directory (default ./cdk.out)')
    .option('--cdktf-out <dir...>', 'CDKTF output directory (default ./cdktf.out)')
    .option('-c, --config <file>', 'topology whose policy.suppressions apply')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['mermaid', 'svg', 'dot']).default('svg'))
    .option('--region <regions...>', 'draw only these serving regions (names, stack names or globs, comma-separated or repeated); hub, link, AWS and the cross-cloud path stay')
    .option('--output <file>', 'write to a file instead of stdout')
    .action(async (opts: { cdkOut?: string[]; cdktfOut?: string[]; config?: string; format: GraphFormat; region?: string[]; output?: string }) => {
      const { graphOfOutputs } = require('./graph') as typeof import('./graph');
      const { regionSelectors } = require('../graph/select') as typeof import('../graph/select');
      const { outputDirInputs } = require('./check') as typeof import('./check');
      const inputs = opts.cdkOut || opts.cdktfOut ? { cwd: process.cwd(), cdkOut: opts.cdkOut, cdktfOut: opts.cdktfOut } : { cwd: process.cwd(), ...outputDirInputs(process.cwd()) };
      const text = await graphOfOutputs(inputs, opts.format, topologySuppressions(opts.config), regionSelectors(opts.region ?? []));
      if (opts.output) writeOutput(opts.output, text);
      else io.out(text);
      setCode(0);
    });

  program.command('diff')
    .description('offline cross-cloud diff of two synthesized outputs (or of GITREF vs the working tree) for PR review')
    .option('--before <dir>', 'directory with cdk.out and cdktf.out before the change')
    .option('--after <dir>', 'directory with cdk.out and cdktf.out after the change')
    .option('--base <gitref>', 'synthesize GITREF in a temporary worktree and compare it with the working tree')
    .addOption(configOpt())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--before-config <file>', 'topology the --before outputs were synthesized from (default: DIR/stateline.topology.json)')
    .option('--after-config <file>', 'topology the --after outputs were synthesized from (default: DIR/stateline.topology.json)')
    .option('--no-attribution', 'do not attribute resource changes to topology fields (attribution re-synthesizes once per changed field)')
    .addOption(new Option('--fail-on <kinds...>', 'exit 1 when the diff contains these').choices(['destructive', 'security', 'policy']))
    .action(async (opts: { before?: string; after?: string; base?: string; config?: string; beforeConfig?: string; afterConfig?: string; attribution: boolean; format: 'text' | 'markdown' | 'json'; output?: string; failOn?: FailOn[] }) => {
      const { shouldFail } = require('../diff') as typeof import('../diff');
      const { renderJson, renderMarkdown, renderText } = require('../diff/render') as typeof import('../diff/render');
      const { runDiff } = require('./diff') as typeof import('./diff');
      const { outputAnalyzer } = require('./cost') as typeof import('./cost');
      const analyze = outputAnalyzer(topologySuppressions(opts.config));
      const report = await runDiff(opts, analyze.findings, (l) => io.err(`${l}\n`), analyze.cost);
      const text = opts.format === 'json' ? renderJson(report) : opts.format === 'markdown' ? renderMarkdown(report) : renderText(report);
      if (opts.output) writeOutput(opts.output, text);
      else io.out(text);
      setCode(shouldFail(report, opts.failOn ?? []) ? 1 : 0);
    });

  program.command('cost')
    .description('monthly cost floor of the synthesized outputs (default ./cdk.out and ./cdktf.out) per cloud, stack and resource; usage-based charges listed with their unit prices')
    .option('--cdk-out <dir...>', 'CDK cloud assembly directory (repeatable; default ./cdk.out)')
    .option('--cdktf-out <dir...>', 'CDKTF output directory (repeatable; default ./cdktf.out)')
    .option('--template <file...>', 'CloudFormation template, JSON or YAML (repeatable; no region is recorded: per-region prices are not priced)')
    .option('--terraform <path...>', 'Terraform .tf.json or .tf file, or a directory of them (repeatable)')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...COST_FORMATS]).default('text'))
    .option('--prices <file>', 'price overrides, JSON or YAML (negotiated rates, other currencies, more regions): see lib/cost/prices.ts')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(async (opts: { cdkOut?: string[]; cdktfOut?: string[]; template?: string[]; terraform?: string[]; format: CostFormat; prices?: string; output?: string }) => {
      const { costOfOutputs, priceTable } = require('./cost') as typeof import('./cost');
      const { renderCost } = require('../cost') as typeof import('../cost');
      const { checkOptions } = require('./check') as typeof import('./check');
      // A bad price file fails before anything is read.
      const prices = priceTable(opts.prices);
      const text = renderCost(await costOfOutputs(checkOptions(opts), prices), opts.format);
      if (opts.output) writeOutput(opts.output, text);
      else io.out(text);
      setCode(0);
    });

  for (const action of ['deploy', 'destroy'] as const) {
    // The preflight's options: deploy only.
    const preflightOptions = (c: Command) => (action === 'deploy'
      ? c.addOption(asOfOption()).option('--allow-cross-account-images', 'agent images may live in another AWS account (its repository policies allow the pull)')
      : c);
    preflightOptions(program.command(action)
      .description(action === 'deploy'
        ? 'phased cross-cloud deploy: (1) Azure hub + serving, (2) AWS with phase 1 outputs, (3) Azure link with phase 2 outputs; shows each step\'s changes and asks first'
        : 'destroy in reverse phase order: Azure link, AWS, Azure identities, serving and hub; names what each step deletes and asks first')
      .addOption(configOpt())
      .option('-o, --out <dir>', 'directory for cdk.out, cdktf.out and .stateline/deploy (outputs between phases)', '.')
      .option('--dry-run', 'print the command sequence and the values handed over (secrets masked); run nothing')
      .addOption(new Option('--phase <n>', 'run only this phase').choices(['1', '2', '3']))
      .addOption(new Option('--step-timeout <duration>', 'stop a tool command that runs longer (e.g. 90m, 3h; default $STATELINE_STEP_TIMEOUT, else 3h)').argParser((v) => (require('../deploy/duration') as typeof import('../deploy/duration')).parseDuration(v, '--step-timeout')))
      .option('-y, --yes', `${action} without previews or questions (CI); without it each step is previewed and asked for, and a run without a terminal is refused`)
      .option('--use-embedded-default', `${action} the embedded demo topology when no topology file is found (refused otherwise)`))
      .action(async (opts: { config?: string; out: string; dryRun?: boolean; phase?: string; asOf?: string; allowCrossAccountImages?: boolean; yes?: boolean; useEmbeddedDefault?: boolean; stepTimeout?: number }) => {
        embeddedDefaultGate(action, opts.config, opts.useEmbeddedDefault ?? false);
        confirmationGate(action, opts, deps);
        const { loadTopology } = require('../topology/load') as typeof import('../topology/load');
        const { preflightGate, targetNames } = require('./gates') as typeof import('./gates');
        const { planDestroy } = require('../deploy/plan') as typeof import('../deploy/plan');
        const { ProcessPreviewRunner, stepConfirmer, TerminalPrompt } = require('../deploy/confirm') as typeof import('../deploy/confirm');
        const t = loadTopology(opts.config);
        const outDir = path.resolve(opts.out);
        const shownOut = path.relative(process.cwd(), outDir) || '.';
        // Before anything is synthesized or run: every problem at once, exit 2.
        const gate = await preflightGate(t, { action, asOf: asOfDay(opts.asOf, deps), dryRun: opts.dryRun ?? false, allowCrossAccountImages: opts.allowCrossAccountImages ?? false, cwd: process.cwd(), outDir: shownOut }, deps, io.out);
        if (!gate.ok) {
          io.err(`stateline: ${action} stopped before any cloud call: the preflight found ${gate.errors} problem${gate.errors === 1 ? '' : 's'} (listed above)\n`);
          setCode(EXIT_USAGE);
          return;
        }
        const phase = opts.phase ? (Number(opts.phase) as 1 | 2 | 3) : undefined;
        const planOpts = { outDir, stateDir: path.join(outDir, '.stateline', 'deploy') };
        if (opts.dryRun) io.out(`would ${action === 'deploy' ? `synthesize ${t.source} into ${shownOut}/ and check policy first` : `destroy what ${shownOut}/ holds`}\n`);
        else if (action === 'deploy') {
          const { synthesize } = loadSynth();
          io.out(formatSynthSummary(t.source, synthesize(t, outDir), { stacks: stackRoles(t) }));
        }
        const target = targetNames(gate.report.target);
        if (action === 'destroy') {
          const stacks = planDestroy(t, planOpts, phase).steps.flatMap((st) => st.stacks);
          io.out(`destroy, in this order: ${stacks.join(', ')}\n  in ${target.aws} and ${target.azure}\n`);
        }
        const log = (line: string) => io.out(`${line}\n`);
        const result = await runDeploy(t, {
          action, ...planOpts, cwd: process.cwd(), dryRun: opts.dryRun, phase, log, stepTimeoutMs: opts.stepTimeout,
          confirm: opts.dryRun ? undefined : stepConfirmer({
            action, outDir, region: t.aws.region, target, yes: opts.yes ?? false, log,
            prompt: deps.prompt ?? new TerminalPrompt(),
            preview: deps.preview ?? new ProcessPreviewRunner(process.cwd()),
          }),
        });
        if (opts.dryRun) io.out(`a real run previews each cdk and cdktf step (terraform plan, cdk diff${action === 'destroy' ? ', the stack\'s resources' : ''}) and asks before running it; --yes runs without asking (CI)\n`);
        if (result.code !== 0) io.err(`stateline: ${result.message}\n`);
        setCode(result.code === 2 ? EXIT_USAGE : result.code);
      });
  }

  return program;
}

/** Writes a report; an unwritable path is a user error (exit 2), not a crash. */
function writeOutput(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UserInputError(`cannot write ${file}: directory ${path.dirname(file)} does not exist`);
  try {
    fs.writeFileSync(file, text);
  } catch (e) {
    throw new UserInputError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Suppressions of the topology named by --config (or found in cwd); none otherwise. */
function topologySuppressions(config?: string): Suppression[] {
  if (!config && !resolveConfigPath()) return [];
  const { loadTopology } = require('../topology/load') as typeof import('../topology/load');
  return [...loadTopology(config).topology.policy.suppressions];
}

/** The real deploy: the project's CLIs (npx never downloads one) and the AWS CLI. */
function runDeploy(t: LoadedTopology, opts: DeployOptions) {
  const { runPhases } = require('../deploy/runner') as typeof import('../deploy/runner');
  const { ProjectToolsRunner } = require('../deploy/tools') as typeof import('../deploy/tools');
  return runPhases(t, new ProjectToolsRunner(opts.cwd, t.aws.region, { stepTimeoutMs: opts.stepTimeoutMs }), opts);
}

/** Runs the CLI; resolves to the exit code (never throws for user errors). */
export async function main(argv: readonly string[], io: Io = defaultIo, deps: CliDeps = {}): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => { code = c; }, deps);
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version are not errors.
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (e instanceof UserInputError || e instanceof PolicyInputError) {
      io.err(`stateline: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof InterruptedError) {
      io.err(`stateline: ${e.message}\n`);
      return e.exitCode;
    }
    // The machine refused (a full disk, a permission): an environment problem, not a policy verdict.
    const sys = e as NodeJS.ErrnoException;
    if (sys && typeof sys.code === 'string' && typeof sys.syscall === 'string') {
      io.err(`stateline: ${[sys.syscall, sys.path].filter(Boolean).join(' ')} failed: ${sys.code} (${sys.message.split('\n')[0]})\n`);
      return EXIT_USAGE;
    }
    // A bug: the trace is for the report; the exit code never reads as a policy failure (1).
    io.err(`stateline: internal error (please report it with this output): ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT_INTERNAL;
  } finally {
    // A command that failed before awaiting the clean-up of its outputs: still wait for it before
    // unlocking (its own error, if any, is left to the next synth, which finishes the clean-up).
    await synthModule?.outputsSettled().catch(() => undefined);
    synthModule?.releaseHeldOutDirs();
  }
}

