/**
 * `stateline synth` under kills, signals and a second run: outputs are never lost and never
 * mixed from two topologies.
 *
 * - The swap matrix, for the sync commit (`synthesize()`) and the CLI's background clean-up: the
 *   commit of a synth killed (SIGKILL, at a named point through
 *   STATELINE_TEST_FAULT) after every rename; readers refuse the directory until the next run
 *   recovers it to the previous set (before the commit) or the new one (after).
 * - End to end, `node bin/stateline.js synth` as CI runs it: SIGINT mid-synth, SIGKILL mid-synth
 *   and mid-swap followed by the next run, two runs into one --out at once, a busy lock.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { interruptedSwap, recoverOutDir, SWAP_JOURNAL } from '../../lib/io/output-swap';
import { DEFAULT_TOPOLOGY } from '../../lib/topology/default';
import { run } from '../cli/run';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'stateline.js');

/** Every file below `dir` with its content (directories included as entries). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) { out[`${r}/`] = ''; walk(path.join(d, e.name), r); } else out[r] = fs.readFileSync(path.join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

function writeSet(dir: string, tag: string, diagram: boolean): void {
  fs.mkdirSync(path.join(dir, 'cdk.out'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.out', 'manifest.json'), `{"set":"${tag}"}`);
  fs.writeFileSync(path.join(dir, 'cdk.out', `${tag}.template.json`), `{"set":"${tag}"}`);
  fs.mkdirSync(path.join(dir, 'cdktf.out', 'stacks', tag), { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdktf.out', 'manifest.json'), `{"set":"${tag}"}`);
  fs.writeFileSync(path.join(dir, 'cdktf.out', 'stacks', tag, 'cdk.tf.json'), `{"set":"${tag}"}`);
  fs.writeFileSync(path.join(dir, 'stateline.topology.json'), `{"set":"${tag}"}`);
  if (diagram) {
    fs.writeFileSync(path.join(dir, 'stateline.svg'), `<svg>${tag}</svg>`);
    fs.writeFileSync(path.join(dir, 'stateline.mmd'), `%% ${tag}`);
  }
}

/** The swap as `synthesize()` commits it (sync), and as the CLI does (backups removed in the background). */
const SWAP_SCRIPTS = {
  sync: `require('tsx/cjs'); require(${JSON.stringify(path.join(ROOT, 'lib/io/output-swap.ts'))}).commitSwap(process.argv[1], process.argv[2]);`,
  background: `require('tsx/cjs'); require(${JSON.stringify(path.join(ROOT, 'lib/io/output-swap.ts'))}).commitSwapInBackground(process.argv[1], process.argv[2]).catch((e) => { console.error(e); process.exit(3); });`,
} as const;
type SwapVariant = keyof typeof SWAP_SCRIPTS;
const NAMES = ['cdk.out', 'cdktf.out', 'stateline.topology.json', 'stateline.svg', 'stateline.mmd'];
const SWAP_POINTS = ['synth:journal-written', ...NAMES.flatMap((n) => [`synth:swap:${n}:backed-up`, `synth:swap:${n}:renamed`]), 'synth:committed', 'synth:cleaned'];

function runChild(args: string[], env: Record<string, string>, cwd = ROOT): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

let root: string;
beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-synthfaults-')); });
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.each(Object.keys(SWAP_SCRIPTS) as SwapVariant[])('the swap (%s clean-up), killed after every rename', (variant) => {
  const results = new Map<string, { before: Record<string, string>; after: Record<string, string>; dir: string; signal: NodeJS.Signals | null }>();
  let completed: { code: number | null; dir: string } | undefined;
  let previous: Record<string, string>;
  let next: Record<string, string>;

  beforeAll(async () => {
    const a = path.join(root, 'set-a');
    const b = path.join(root, 'set-b');
    writeSet(a, 'A', true);
    writeSet(b, 'B', false);
    previous = tree(a);
    next = tree(b);
    await Promise.all([...SWAP_POINTS, undefined].map(async (point) => {
      const dir = path.join(root, `swap-${variant}-${point?.replace(/[^\w.-]/g, '_') ?? 'complete'}`);
      writeSet(dir, 'A', true);
      const staging = path.join(dir, '.stateline-synth-test');
      writeSet(staging, 'B', false);
      const r = await runChild(['-e', SWAP_SCRIPTS[variant], dir, staging], point ? { STATELINE_TEST_FAULT: `kill@${point}` } : {});
      if (point) results.set(point, { before: tree(dir), after: {}, dir, signal: r.signal });
      else completed = { code: r.code, dir };
    }));
  }, 60_000);

  test('not killed: the new set alone, no backups, no journal', () => {
    expect(completed?.code).toBe(0);
    // The staging directory is left empty (its outputs moved in); synth's caller removes it.
    const { '.stateline-synth-test/': staging, ...rest } = tree(completed!.dir);
    expect(staging).toBe('');
    expect(rest).toEqual(next);
  });

  test.each(SWAP_POINTS)('killed at %s: readers refuse a mixed directory; recovery restores one whole set', (point) => {
    const r = results.get(point)!;
    expect(r.signal).toBe('SIGKILL');
    const committed = point === 'synth:committed' || point === 'synth:cleaned';
    // Right after the kill: a journal marks a directory that may hold two runs' outputs.
    expect(interruptedSwap(r.dir) === undefined).toBe(committed);
    recoverOutDir(r.dir);
    const after = tree(r.dir);
    // One whole set, nothing lost: A (with its diagram) before the commit, B (diagram retired) after it.
    expect(after).toEqual(committed ? next : previous);
    expect(fs.existsSync(path.join(r.dir, SWAP_JOURNAL))).toBe(false);
  });

  test('the matrix covers every rename of every output', () => {
    expect(SWAP_POINTS).toHaveLength(13);
    expect(results.size).toBe(13);
  });
});

/** Each output set's topology name, read from cdk.out, cdktf.out and the topology record: all equal, or throws. */
function outputsName(dir: string): string {
  const record = JSON.parse(fs.readFileSync(path.join(dir, 'stateline.topology.json'), 'utf8')) as { topology: { name: string } };
  const name = record.topology.name;
  const cdk = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; properties?: { stackName?: string } }> };
  const awsStacks = Object.entries(cdk.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack').map(([id, a]) => a.properties?.stackName ?? id);
  const tf = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
  const mixed = [...awsStacks, ...Object.keys(tf.stacks)].filter((s) => !s.startsWith(`${name}-`));
  if (mixed.length > 0 || awsStacks.length === 0) throw new Error(`outputs of ${dir} mix topologies: ${name} vs ${mixed.join(', ')}`);
  return name;
}

const topology = (name: string) => JSON.stringify({ ...JSON.parse(JSON.stringify(DEFAULT_TOPOLOGY)), name });
const synthArgs = (config: string, out: string) => [BIN, 'synth', '-c', config, '--out', out, '--no-check', '--no-graph', '--as-of', '2026-12-01'];

describe('stateline synth end to end: signals, kills, a second run', () => {
  let configA: string;
  let configB: string;
  let baseline: string;
  const outcome: Record<string, Awaited<ReturnType<typeof runChild>> & { dir: string; before?: Record<string, string> }> = {};
  let sleeper: ChildProcess | undefined;

  beforeAll(async () => {
    configA = path.join(root, 'alpha.json');
    configB = path.join(root, 'bravo.json');
    fs.writeFileSync(configA, topology('alpha'));
    fs.writeFileSync(configB, topology('bravo'));
    // The previous outputs: the default topology (`stateline`), synthesized once by global-setup.ts.
    baseline = path.join(root, 'baseline');
    fs.cpSync(path.join(process.env.STATELINE_TEST_OUTPUTS!, 'default'), baseline, { recursive: true });
    const copy = (name: string) => {
      const dir = path.join(root, name);
      fs.cpSync(baseline, dir, { recursive: true });
      return dir;
    };
    const cases: Record<string, { dir: string; env: Record<string, string> }> = {
      sigint: { dir: copy('sigint'), env: { STATELINE_TEST_FAULT: 'sigint@synth:aws-done' } },
      sigterm: { dir: copy('sigterm'), env: { STATELINE_TEST_FAULT: 'sigterm@synth:staged' } },
      killSynth: { dir: copy('kill-synth'), env: { STATELINE_TEST_FAULT: 'kill@synth:aws-done' } },
      killSwap: { dir: copy('kill-swap'), env: { STATELINE_TEST_FAULT: 'kill@synth:swap:cdktf.out:backed-up' } },
    };
    // A live process holds the lock of `busy` (another host's holder cannot be checked: same host here).
    const busy = copy('busy');
    sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    fs.writeFileSync(path.join(busy, '.stateline.lock'), JSON.stringify({ pid: sleeper.pid, host: os.hostname(), since: '2026-12-01T08:00:00.000Z', command: 'stateline synth --out busy', token: 'feedc0de' }));
    const concurrent = path.join(root, 'concurrent');
    await Promise.all([
      ...Object.entries(cases).map(async ([name, c]) => {
        const before = tree(c.dir);
        outcome[name] = { ...(await runChild(synthArgs(configB, c.dir), c.env)), dir: c.dir, before };
      }),
      runChild(synthArgs(configB, busy), { STATELINE_LOCK_WAIT: '0' }).then((r) => { outcome.busy = { ...r, dir: busy }; }),
      // Whichever locks first holds the lock 2 s longer, so the other surely finds it taken.
      runChild(synthArgs(configA, concurrent), { STATELINE_TEST_FAULT: 'sleep:2000@synth:locked' }).then((r) => { outcome.concurrentA = { ...r, dir: concurrent }; }),
      runChild(synthArgs(configB, concurrent), { STATELINE_TEST_FAULT: 'sleep:2000@synth:locked' }).then((r) => { outcome.concurrentB = { ...r, dir: concurrent }; }),
    ]);
  }, 120_000);

  afterAll(() => sleeper?.kill('SIGKILL'));

  test('SIGINT mid-synth: exit 130, the previous outputs untouched, no staging directory, no lock left', () => {
    const r = outcome.sigint;
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/SIGINT received: synth stopped; the previous outputs in .* are unchanged/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(tree(r.dir)).toEqual(r.before);
  });

  test('SIGTERM before synthesizing: exit 143, nothing changed', () => {
    const r = outcome.sigterm;
    expect(r.code).toBe(143);
    expect(tree(r.dir)).toEqual(r.before);
  });

  test('SIGKILL mid-synth: the previous outputs stay, with a staging directory and the lock left behind', () => {
    const r = outcome.killSynth;
    expect(r.signal).toBe('SIGKILL');
    const left = fs.readdirSync(r.dir);
    expect(left.filter((f) => f.startsWith('.stateline-synth-'))).toHaveLength(1);
    expect(left).toContain('.stateline.lock');
    expect(outputsName(r.dir)).toBe('stateline');
  });

  test('SIGKILL between two renames of the swap: check refuses the mixed directory; the next run takes over the lock, cleans up, restores, then replaces the outputs whole', async () => {
    const r = outcome.killSwap;
    expect(r.signal).toBe('SIGKILL');
    expect(fs.readdirSync(r.dir).filter((f) => f.startsWith('.stateline')).sort()).toEqual(['.stateline-swap.json', expect.stringMatching(/^\.stateline-synth-/), '.stateline.lock']);
    const check = await run(['check', '--cdk-out', path.join(r.dir, 'cdk.out'), '--cdktf-out', path.join(r.dir, 'cdktf.out')]);
    expect(check.code).toBe(2);
    expect(check.err).toMatch(/interrupted stateline synth .* run stateline synth again/);
    // Recovery alone gives back the previous set, whole.
    const copy = path.join(root, 'kill-swap-recovered');
    fs.cpSync(r.dir, copy, { recursive: true });
    recoverOutDir(copy);
    expect(outputsName(copy)).toBe('stateline');
    const again = await runChild(synthArgs(configB, r.dir), {});
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/restored the previous cdk\.out/);
    expect(again.err).toMatch(/removed 1 staging directory of interrupted runs/);
    expect(outputsName(r.dir)).toBe('bravo');
    expect(fs.readdirSync(r.dir).filter((f) => f.startsWith('.stateline'))).toEqual([]);
  }, 60_000);

  test('a lock held by a live process: a run that may not wait fails at once naming pid, host and start', () => {
    const r = outcome.busy;
    expect(r.code).toBe(2);
    expect(r.err).toContain(`is locked by pid ${sleeper!.pid} on ${os.hostname()}, started 2026-12-01T08:00:00.000Z (stateline synth --out busy)`);
    expect(outputsName(r.dir)).toBe('stateline');
  });

  test('two runs into one --out at once: the second waits for the first; the result is one whole topology', () => {
    expect([outcome.concurrentA.code, outcome.concurrentB.code]).toEqual([0, 0]);
    expect(`${outcome.concurrentA.err}${outcome.concurrentB.err}`).toMatch(/waiting up to 120 s for .*: locked by pid \d+/);
    expect(['alpha', 'bravo']).toContain(outputsName(outcome.concurrentA.dir));
    expect(fs.readdirSync(outcome.concurrentA.dir).filter((f) => f.startsWith('.stateline'))).toEqual([]);
  });

  test('the journal and lock never outlive a successful run', () => {
    expect(fs.readdirSync(baseline).sort()).toEqual(['cdk.out', 'cdktf.out', 'stateline.topology.json']);
  });
});
