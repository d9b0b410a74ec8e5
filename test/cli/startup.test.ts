/**
 * Start-up (issue #16): bin/stateline.js runs the compiled build only when it is at least as new
 * as the sources (else the sources through tsx, saying so), and each command loads only what it
 * needs: `check`, `validate`, `graph`, `cost` and a `diff` of two output directories load no CDK,
 * CDKTF or provider binding; `synth` loads the diagram renderer only when it draws.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scenarioDir } from '../scenarios';

const ROOT = path.join(__dirname, '..', '..');

describe('bin/launch.js: compiled build or sources', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-launch-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A package tree: bin/launch.js, optionally sources and a build, with mtimes in seconds. */
  function tree(name: string, files: Record<string, number>) {
    const root = path.join(tmp, name);
    fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'bin', 'launch.js'), path.join(root, 'bin', 'launch.js'));
    for (const [f, mtime] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), '');
      fs.utimesSync(path.join(root, f), mtime, mtime);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(root, 'bin', 'launch.js')).compiledEntry('lib/cli/main') as { fresh: boolean; reason?: string };
  }

  test('an installed package (no sources) always runs its build', () => {
    expect(tree('installed', { 'dist/lib/cli/main.js': 1000 })).toMatchObject({ fresh: true });
  });
  test('a checkout with a build newer than every source runs the build', () => {
    expect(tree('fresh', { 'lib/cli/main.ts': 1000, 'lib/policy/rules/x.ts': 1500, 'dist/lib/cli/main.js': 2000, 'dist/.tsbuildinfo': 2000 })).toMatchObject({ fresh: true });
  });
  test('a source edited after the build, or no build, means the sources', () => {
    expect(tree('stale', { 'lib/cli/main.ts': 1000, 'stacks/azure-app.ts': 3000, 'dist/lib/cli/main.js': 2000, 'dist/.tsbuildinfo': 2000 })).toEqual(expect.objectContaining({ fresh: false, reason: 'the build in dist/ is older than the sources' }));
    expect(tree('stale-json', { 'lib/cli/main.ts': 1000, 'lib/policy/detect/table.json': 3000, 'dist/lib/cli/main.js': 2000, 'dist/.tsbuildinfo': 2000 })).toMatchObject({ fresh: false });
    expect(tree('unbuilt', { 'lib/cli/main.ts': 1000 })).toEqual(expect.objectContaining({ fresh: false, reason: 'no build in dist/' }));
  });
});

describe('modules each command loads (compiled CLI)', () => {
  const dir = scenarioDir('default');
  const HEAVY = /node_modules\/(aws-cdk-lib|cdktf|cdk-nag|constructs|@cdktf\/provider-[a-z]+)\//;

  beforeAll(() => {
    // The build these run (incremental; `npm test` has just built it).
    const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  });

  /** Runs the compiled CLI in a child process; the packages it loaded and its own modules (relative to dist/). */
  function loaded(args: string[]): { code: number; packages: string[]; modules: string[] } {
    const dist = path.join(ROOT, 'dist') + path.sep;
    const script = `
      require(${JSON.stringify(path.join(ROOT, 'dist', 'lib', 'cli', 'main.js'))}).main(['node', 'stateline', ...JSON.parse(process.argv[1])], { out: () => {}, err: () => {} }).then((code) => {
        const pkgs = new Set(Object.keys(require.cache).map((f) => (/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f) || [])[1]).filter(Boolean));
        const modules = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(dist)})).map((f) => f.slice(${dist.length}));
        process.stdout.write(JSON.stringify({ code, packages: [...pkgs].sort(), modules }));
      });`;
    const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(args)], { cwd: dir, encoding: 'utf8', env: { ...process.env, STATELINE_CONFIG: '' } });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout);
  }
  const heavy = (packages: string[]) => packages.filter((p) => HEAVY.test(`node_modules/${p}/`));

  test('check, validate, graph, cost and diff of two output directories load no CDK, CDKTF or provider binding', () => {
    for (const args of [['check'], ['validate'], ['graph', '--format', 'mermaid'], ['cost'], ['diff', '--before', '.', '--after', '.', '--no-attribution']]) {
      const r = loaded(args);
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect({ args, heavy: heavy(r.packages) }).toEqual({ args, heavy: [] });
    }
    expect(loaded(['check']).packages).not.toContain('zod');
    // zod validates a --prices file only.
    expect(loaded(['cost']).packages).not.toContain('zod');
  });

  test('deploy and destroy modules load only for deploy and destroy', () => {
    for (const args of [['check'], ['validate'], ['cost']]) {
      const { modules } = loaded(args);
      expect(modules).toContain('lib/cli/gates.js');
      expect({ args, deploy: modules.filter((m) => m.startsWith('lib/deploy/')) }).toEqual({ args, deploy: [] });
    }
  });

  test('synth loads the diagram renderer only when it draws', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-startup-'));
    try {
      const without = loaded(['synth', '--out', out, '--no-graph', '--as-of', '2026-12-01']);
      expect(without.code).toBe(0);
      expect(heavy(without.packages)).toEqual(expect.arrayContaining(['aws-cdk-lib', 'cdktf']));
      expect(without.packages).not.toContain('@viz-js/viz');
      // Drawing is what loads it (graph of the outputs just written).
      expect(loaded(['graph', '--cdk-out', path.join(out, 'cdk.out'), '--cdktf-out', path.join(out, 'cdktf.out'), '--format', 'svg']).packages).toContain('@viz-js/viz');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
