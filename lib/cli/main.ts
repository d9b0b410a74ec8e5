/**
 * The `stateline` CLI: argument parsing and printing only; logic lives in functions
 * that tests call directly. Exit codes: 0 ok, 1 policy errors, 2 usage/invalid input.
 */
import { Command, CommanderError, Option } from 'commander';
import * as path from 'path';
import { loadTopology } from '../topology/load';
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

  return program;
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
