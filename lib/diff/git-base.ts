/**
 * `stateline diff --base GITREF`: synthesizes the topology as it was at GITREF, in a temporary
 * git worktree, so the diff shows what the change does.
 *
 * Two layouts:
 * - a team repository that depends on stateline and keeps its `stateline.config.*` (the usual
 *   case): the base's topology is synthesized in this process with the installed stateline, so
 *   no install runs and no lockfile is needed. A change of the stateline version itself is then
 *   not part of the diff (said in the log);
 * - stateline's own source tree: the base is synthesized with the base's own code (its CLI), on
 *   the shared node_modules when the lockfile is unchanged, else after `npm ci` in the worktree.
 * Every failure here (no git, not a repository, unknown ref, no config at the ref, an install
 * that fails) is a user error (exit 2), never a crash or exit 1, which means "the diff fails
 * the policy".
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONFIG_CANDIDATES, CONFIG_ENV } from '../topology/config-path';
import { UserInputError } from '../topology/problems';

/** Last lines of a tool's output, for an error message. */
function tail(text: string, lines = 5): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.error) throw new UserInputError(`stateline diff --base needs git: ${(r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed or not on PATH' : r.error.message}`);
  if (r.status !== 0) throw new UserInputError(`git ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  return r.stdout.trim();
}

/** Synthesizes a topology file into an output directory (the CLI passes its in-process synth). */
export type SynthesizeConfig = (configFile: string, outDir: string) => void;

export interface BaseSynthOptions {
  /** `--config` as given (relative to `cwd`); else $STATELINE_CONFIG, else `stateline.config.*` in cwd. */
  readonly config?: string;
  readonly log?: (line: string) => void;
  /** Synthesizes the base's topology with the installed stateline. */
  readonly synthesize: SynthesizeConfig;
}

export interface BaseSynth {
  /** Directory holding the base's cdk.out and cdktf.out. */
  readonly outDir: string;
  /**
   * The base's config file inside its worktree (when it has one), for a base whose stateline
   * does not record `stateline.topology.json` yet. Valid until `cleanup()`.
   */
  readonly configInBase?: string;
  /** How the base was synthesized: `installed` stateline (a team repo) or the base's `own` code. */
  readonly mode: 'installed' | 'own';
  readonly cleanup: () => void;
}

/** Whether a tree is stateline's own source (its CLI at bin/stateline.js, package name stateline). */
function isStatelineSource(tree: string): boolean {
  const pkg = path.join(tree, 'package.json');
  if (!fs.existsSync(path.join(tree, 'bin', 'stateline.js')) || !fs.existsSync(pkg)) return false;
  try {
    return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'stateline';
  } catch {
    return false;
  }
}

/** The config the working tree uses, as a path relative to the repository root (undefined: none). */
function configRelativeToRoot(root: string, cwd: string, config?: string): string | undefined {
  const given = config ?? (process.env[CONFIG_ENV] || undefined);
  if (given) {
    const rel = path.relative(root, path.resolve(cwd, given));
    return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel;
  }
  const relCwd = path.relative(root, cwd);
  const found = CONFIG_CANDIDATES.find((c) => fs.existsSync(path.join(cwd, c)));
  return found ? path.join(relCwd, found) : undefined;
}

/**
 * The config to synthesize at the base: the same path in the base's tree; candidates when none
 * was found; a config outside the repository is not versioned, so both sides read that file.
 */
function configInTree(tree: string, root: string, cwd: string, config?: string): string | undefined {
  const given = config ?? (process.env[CONFIG_ENV] || undefined);
  const rel = configRelativeToRoot(root, cwd, config);
  if (given && rel === undefined) return path.resolve(cwd, given);
  if (rel !== undefined) return fs.existsSync(path.join(tree, rel)) ? path.join(tree, rel) : undefined;
  const relCwd = path.relative(root, cwd);
  return CONFIG_CANDIDATES.map((c) => path.join(tree, relCwd, c)).find((c) => fs.existsSync(c));
}

/**
 * A message about files of the base's temporary worktree, with their paths written the way git
 * names a file at a revision (`HEAD~1:topo/stateline.config.yaml`): never the temporary directory.
 */
export function inRef(text: string, tree: string, ref: string, cwd = process.cwd()): string {
  const forms = new Set<string>();
  for (const p of [tree, fs.existsSync(tree) ? fs.realpathSync(tree) : tree, path.relative(cwd, tree)]) {
    if (p === '') continue; // cwd is the tree: paths are already relative to it
    forms.add(`${p}${path.sep}`);
    forms.add(`${p.split(path.sep).join('/')}/`);
  }
  // Longest first, so no form is replaced inside a longer one.
  return [...forms].sort((a, b) => b.length - a.length).reduce((t, p) => t.split(p).join(`${ref}:`), text);
}

/** A user error from synthesizing the base, its paths named by `inRef`. */
function baseError(e: UserInputError, prefix: string, tree: string, ref: string): UserInputError {
  return new UserInputError(`${prefix}${inRef(e.message, tree, ref)}`, e.problems.map((p) => ({ ...p, message: inRef(p.message, tree, ref) })));
}

/** Makes the base's code see the working tree's dependencies (TS configs import packages). */
function shareNodeModules(root: string, tree: string): void {
  const from = path.join(root, 'node_modules');
  const to = path.join(tree, 'node_modules');
  if (fs.existsSync(from) && !fs.existsSync(to)) fs.symlinkSync(from, to, 'dir');
}

/** A team repository: the base's topology, synthesized with the installed stateline. */
function synthesizeWithInstalled(ref: string, root: string, tree: string, cwd: string, outDir: string, opts: BaseSynthOptions): string {
  const configFile = configInTree(tree, root, cwd, opts.config);
  if (!configFile) {
    const wanted = configRelativeToRoot(root, cwd, opts.config) ?? CONFIG_CANDIDATES.map((c) => path.join(path.relative(root, cwd), c)).join(', ');
    throw new UserInputError(`${ref} has no topology to compare with (looked for ${wanted}): use a ref where the config exists, or compare outputs with --before DIR --after DIR`);
  }
  shareNodeModules(root, tree);
  const depsChanged = ['package.json', 'package-lock.json'].some((f) => spawnSync('git', ['diff', '--quiet', ref, '--', f], { cwd: root }).status !== 0);
  if (depsChanged) opts.log?.(`dependencies differ at ${ref}: both sides are synthesized with the installed stateline, so the diff shows the topology change only`);
  try {
    opts.synthesize(configFile, outDir);
  } catch (e) {
    if (e instanceof UserInputError) throw baseError(e, `the topology at ${ref} (${path.relative(tree, configFile)}) cannot be synthesized: `, tree, ref);
    throw e;
  }
  return configFile;
}

/** Installs the base's own dependencies (stateline's own repository, lockfile changed). */
function installBase(ref: string, tree: string, log?: (line: string) => void): void {
  if (!fs.existsSync(path.join(tree, 'package-lock.json'))) {
    throw new UserInputError(`${ref} changes stateline's dependencies but has no package-lock.json to install them from: compare outputs with --before DIR --after DIR instead`);
  }
  log?.(`package-lock.json differs at ${ref}: installing the base's dependencies (npm ci)`);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: tree, encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.error) throw new UserInputError(`cannot install the dependencies of ${ref}: npm ${(r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is not on PATH' : r.error.message}`);
  if (r.status !== 0) throw new UserInputError(`npm ci for ${ref} failed (exit ${r.status}):\n${tail(r.stderr || r.stdout)}`);
}

/** stateline's own repository: the base synthesized with the base's own CLI. */
function synthesizeWithOwnCode(ref: string, root: string, tree: string, cwd: string, outDir: string, opts: BaseSynthOptions): string | undefined {
  const lockUnchanged = fs.existsSync(path.join(root, 'package-lock.json')) && spawnSync('git', ['diff', '--quiet', ref, '--', 'package-lock.json'], { cwd: root }).status === 0;
  if (lockUnchanged && fs.existsSync(path.join(root, 'node_modules'))) shareNodeModules(root, tree);
  else installBase(ref, tree, opts.log);
  const args = [path.join(tree, 'bin', 'stateline.js'), 'synth', '--out', outDir];
  let configInBase: string | undefined;
  if (opts.config) {
    const rel = path.relative(root, path.resolve(cwd, opts.config));
    const inBase = path.join(tree, rel);
    configInBase = !rel.startsWith('..') && fs.existsSync(inBase) ? inBase : path.resolve(cwd, opts.config);
    args.push('--config', configInBase);
  } else {
    // The base's CLI finds its own stateline.config.* in its worktree (or uses its embedded default).
    configInBase = CONFIG_CANDIDATES.map((c) => path.join(tree, c)).find((c) => fs.existsSync(c));
  }
  const r = spawnSync(process.execPath, args, { cwd: tree, encoding: 'utf8', env: { ...process.env, [CONFIG_ENV]: '' } });
  // Exit 1 means policy findings: the outputs are written and still worth comparing.
  const wrote = fs.existsSync(path.join(outDir, 'cdk.out')) || fs.existsSync(path.join(outDir, 'cdktf.out'));
  if (r.status !== 0 && !(r.status === 1 && wrote)) throw new UserInputError(`synthesizing ${ref} failed (exit ${r.status}):\n${inRef(tail(r.stderr || r.stdout, 20), tree, ref, tree)}`);
  return configInBase;
}

/** Synthesizes the topology at `ref` into a temporary directory (removed by `cleanup()`). */
export function synthesizeBase(ref: string, cwd: string, opts: BaseSynthOptions): BaseSynth {
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  if (top.status !== 0 && !top.error) throw new UserInputError(`--base ${ref} compares with a git revision, but ${cwd} is not inside a git repository: run it in your topology's repository, or compare outputs with --before DIR --after DIR`);
  const root = git(['rev-parse', '--show-toplevel'], cwd);
  const known = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' });
  if (known.status !== 0) throw new UserInputError(`--base ${ref} is not a commit in ${root}: use a branch, tag or commit (e.g. origin/main, HEAD~1)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-base-'));
  const tree = path.join(tmp, 'tree');
  const outDir = path.join(tmp, 'out');
  const cleanup = () => {
    spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: root });
    fs.rmSync(tmp, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: root });
  };
  try {
    git(['worktree', 'add', '--detach', '--quiet', tree, ref], root);
    const own = isStatelineSource(tree);
    const configInBase = own ? synthesizeWithOwnCode(ref, root, tree, cwd, outDir, opts) : synthesizeWithInstalled(ref, root, tree, cwd, outDir, opts);
    return { outDir, configInBase, mode: own ? 'own' : 'installed', cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
