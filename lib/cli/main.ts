/**
 * The `stateline` CLI: argument parsing and printing only; logic lives in functions
 * that tests call directly. Exit codes: 0 ok, 1 policy errors, 2 usage/invalid input.
 */
import { Command, CommanderError, Option } from 'commander';
import * as path from 'path';
import { LoadedTopology, loadTopology } from '../topology/load';
import { DeployOptions, ProcessRunner, runPhases } from '../deploy/runner';
import { formatProblems, UserInputError } from '../topology/problems';
import { EXIT_USAGE } from './errors';
import { synthesize, SynthSummary } from './synth';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatSynthSummary(source: string, s: SynthSummary): string {
  const rel = path.relative(process.cwd(), s.outDir) || '.';
  return [
    `stateline synth: ${source} -> ${rel}/`,
    `  aws    ${plural(s.aws.stacks.length, 'stack')}, ${plural(s.aws.resources, 'resource')} (cdk.out: ${s.aws.stacks.join(', ')})`,
    `  azure  ${plural(s.azure.stacks.length, 'stack')}, ${plural(s.azure.resources, 'resource')} (cdktf.out: ${s.azure.stacks.join(', ')})`,
    `  synthesized in ${(s.millis / 1000).toFixed(2)} s`,
    '',
  ].join('\n');
}

function buildProgram(io: Io, setCode: (c: number) => void): Command {
  const program = new Command('stateline')
    .description('One typed topology: stateless inference on Azure, stateful agents on AWS, a private link, and a placement policy.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showSuggestionAfterError(true);

  const configOpt = () => new Option('-c, --config <file>', 'topology file (.ts, .json, .yaml); default: $STATELINE_CONFIG, ./stateline.config.*, else the embedded default');

  program.command('validate')
    .description('validate the topology; exit 0 if valid, 2 with every problem if not')
    .addOption(configOpt())
    .action((opts: { config?: string }) => {
      const t = loadTopology(opts.config);
      io.out(`stateline validate: ${t.source} is valid (${plural(t.serving.length, 'serving region')}, ${plural(t.aws.agents.length, 'agent')}, ${plural(t.phases.reduce((n, p) => n + p.stacks.length, 0), 'stack')})\n`);
      setCode(0);
    });

  program.command('synth')
    .description('validate, then synthesize both clouds into DIR/cdk.out and DIR/cdktf.out (atomically)')
    .addOption(configOpt())
    .option('-o, --out <dir>', 'output directory', '.')
    .action((opts: { config?: string; out: string }) => {
      const t = loadTopology(opts.config);
      const summary = synthesize(t, path.resolve(opts.out));
      io.out(formatSynthSummary(t.source, summary));
      setCode(0);
    });

  for (const action of ['deploy', 'destroy'] as const) {
    program.command(action)
      .description(action === 'deploy'
        ? 'phased cross-cloud deploy: (1) Azure hub + serving, (2) AWS with phase 1 outputs, (3) Azure link with phase 2 outputs'
        : 'destroy in reverse phase order: Azure link, AWS, Azure serving + hub')
      .addOption(configOpt())
      .option('-o, --out <dir>', 'directory for cdk.out, cdktf.out and .stateline/deploy (outputs between phases)', '.')
      .option('--dry-run', 'print the command sequence and the values handed over (secrets masked); run nothing')
      .addOption(new Option('--phase <n>', 'run only this phase').choices(['1', '2', '3']))
      .action(async (opts: { config?: string; out: string; dryRun?: boolean; phase?: string }) => {
        const t = loadTopology(opts.config);
        const outDir = path.resolve(opts.out);
        if (opts.dryRun) io.out(`would synthesize ${t.source} into ${path.relative(process.cwd(), outDir) || '.'}/ and check policy first\n`);
        else if (action === 'deploy') io.out(formatSynthSummary(t.source, synthesize(t, outDir)));
        const result = await runDeploy(t, {
          action, outDir, stateDir: path.join(outDir, '.stateline', 'deploy'), cwd: process.cwd(),
          dryRun: opts.dryRun, phase: opts.phase ? (Number(opts.phase) as 1 | 2 | 3) : undefined,
          log: (line) => io.out(`${line}\n`),
        });
        if (result.code !== 0) io.err(`stateline: ${result.message}\n`);
        setCode(result.code);
      });
  }

  return program;
}

/** Deploy seam: the real runner, replaceable in tests. */
export let runDeploy = (t: LoadedTopology, opts: DeployOptions) => runPhases(t, new ProcessRunner(opts.cwd, t.aws.region), opts);
export function setDeployRunner(fn: typeof runDeploy): void {
  runDeploy = fn;
}

/** Runs the CLI; resolves to the exit code (never throws for user errors). */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => { code = c; });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version are not errors.
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (e instanceof UserInputError) {
      io.err(`stateline: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

export { formatProblems };
