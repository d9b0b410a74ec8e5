/**
 * The startup table of `npm run bench` (issue #16): four whole-process comparisons measured in
 * the same run, as users run the commands (stateline as `node bin/stateline.js`, the two CLIs
 * through `npx`). Runs are interleaved (one of each command per round) so that load changing
 * during the run hits every command alike; the table reports medians and the load average
 * before and after, since the machine may be shared.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateTopology } from './topologies';

const ROOT = path.resolve(__dirname, '..');
const ENV = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CHECKPOINT_DISABLE: '1' };

export interface StartupRow {
  readonly label: string;
  readonly subject: string;
  readonly peer: string;
  /** Median wall time of the subject and of the peer (the sum of the peers' medians for two CLIs), ms. */
  readonly subjectMs: number;
  readonly peerMs: number;
  readonly ratio: number;
  /** Largest ratio the issue allows. */
  readonly target: number;
  readonly pass: boolean;
}

export interface StartupResult {
  readonly runs: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly rows: readonly StartupRow[];
}

interface Cmd { readonly argv: readonly string[]; readonly env?: NodeJS.ProcessEnv }

function wall(cmd: Cmd): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd.argv[0], cmd.argv.slice(1), { cwd: ROOT, env: cmd.env ?? ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd.argv.join(' ')} exited ${r.status}:\n${(r.stderr ?? '').slice(-2000)}`);
  // The benchmark is meaningless if the CLI ran its TypeScript sources (stale build).
  if (/running the TypeScript sources through tsx/.test(r.stderr ?? '')) throw new Error('bin/stateline.js did not run the build: run `npm run build` first');
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs every command once per round, `runs` rounds after one warm-up round; medians by name. */
function interleaved(cmds: Record<string, Cmd>, runs: number, progress: (s: string) => void): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cmds).map((k) => [k, []]));
  for (let round = 0; round <= runs; round++) {
    progress(round === 0 ? 'startup: warm-up round' : `startup: round ${round}/${runs}`);
    for (const [name, cmd] of Object.entries(cmds)) {
      const ms = wall(cmd);
      if (round > 0) times[name].push(ms);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

/** Measures the four rows in one interleaved run in `work` (a scratch directory). */
export function measureStartup(work: string, runs: number, progress: (s: string) => void = () => undefined): StartupResult {
  const node = process.execPath;
  const cli = path.join(ROOT, 'bin', 'stateline.js');
  const big = path.join(work, 'startup-64.json');
  fs.writeFileSync(big, JSON.stringify(generateTopology(64, 8)));
  const out = (name: string) => path.join(work, `startup-${name}`);
  // `check` reads the default topology's outputs, written once before timing.
  wall({ argv: [node, cli, 'synth', '--out', out('check-input')] });
  const defaultEnv = { ...ENV, STATELINE_CONFIG: '' };
  const bigEnv = { ...ENV, STATELINE_CONFIG: big };
  const cmds: Record<string, Cmd> = {
    node: { argv: [node, '-e', '0'] },
    check: { argv: [node, cli, 'check', '--cdk-out', path.join(out('check-input'), 'cdk.out'), '--cdktf-out', path.join(out('check-input'), 'cdktf.out')] },
    validate: { argv: [node, cli, 'validate'], env: defaultEnv },
    synth: { argv: [node, cli, 'synth', '--out', out('synth')], env: defaultEnv },
    cdk: { argv: ['npx', 'cdk', 'synth', '-q', '-o', out('cdk.out')], env: defaultEnv },
    cdktf: { argv: ['npx', 'cdktf', 'synth', '--output', out('cdktf.out')], env: defaultEnv },
    synth64: { argv: [node, cli, 'synth', '-c', big, '--out', out('synth-64')] },
    cdk64: { argv: ['npx', 'cdk', 'synth', '-q', '-o', out('cdk-64.out')], env: bigEnv },
    cdktf64: { argv: ['npx', 'cdktf', 'synth', '--output', out('cdktf-64.out')], env: bigEnv },
  };
  const loadBefore = os.loadavg();
  const m = interleaved(cmds, runs, progress);
  const loadAfter = os.loadavg();
  const row = (label: string, subject: string, peer: string, subjectMs: number, peerMs: number, target: number): StartupRow =>
    ({ label, subject, peer, subjectMs, peerMs, ratio: subjectMs / peerMs, target, pass: subjectMs / peerMs <= target });
  return {
    runs, loadBefore, loadAfter,
    rows: [
      row('`stateline check` on the default outputs', 'check', '`node -e 0`', m.check, m.node, 4),
      row('`stateline validate` (default topology)', 'validate', '`node -e 0`', m.validate, m.node, 4),
      row('`stateline synth` (default topology)', 'synth', '`cdk synth` + `cdktf synth`', m.synth, m.cdk + m.cdktf, 0.2),
      row('`stateline synth`, 64 serving regions, 8 agents', 'synth', 'the two CLIs', m.synth64, m.cdk64 + m.cdktf64, 0.25),
    ],
  };
}

const secs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(3)} s`);

/** The startup table in markdown, with the machine and its load. */
export function renderStartup(r: StartupResult): string {
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(1)).join(' / ');
  return [
    `Startup: whole processes, medians of ${r.runs} interleaved rounds after a warm-up; ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average (1/5/15 min) ${load(r.loadBefore)} before, ${load(r.loadAfter)} after.`,
    '',
    '| command | stateline | floor / peer | ratio | target |',
    '|---|---|---|---:|---|',
    ...r.rows.map((x) => `| ${x.label} | ${secs(x.subjectMs)} | ${x.peer} ${secs(x.peerMs)} | ${x.ratio.toFixed(2)}x | <= ${x.target}x ${x.pass ? 'met' : '**not met**'} |`),
  ].join('\n');
}
