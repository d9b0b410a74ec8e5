/**
 * `stateline diff --base GITREF`: synthesizes the base revision in a temporary git
 * worktree with the base's own code, so the comparison is what the change really does.
 * node_modules is shared (symlinked) when the lockfile is unchanged; otherwise `npm ci`
 * runs in the worktree.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONFIG_CANDIDATES } from '../topology/config-path';
import { UserInputError } from '../topology/problems';

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new UserInputError(`git ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  return r.stdout.trim();
}

export interface BaseSynth {
  /** Directory holding the base's cdk.out and cdktf.out. */
  readonly outDir: string;
  /**
   * The base's config file inside its worktree (when it has one), for a base whose stateline
   * does not record `stateline.topology.json` yet. Valid until `cleanup()`.
   */
  readonly configInBase?: string;
  readonly cleanup: () => void;
}

/** Synthesizes `ref` into a temp dir; `config` is resolved inside the base worktree when it exists there. */
export function synthesizeBase(ref: string, cwd: string, config?: string, log: (s: string) => void = () => undefined): BaseSynth {
  const root = git(['rev-parse', '--show-toplevel'], cwd);
  git(['rev-parse', '--verify', `${ref}^{commit}`], root);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-base-'));
  const tree = path.join(tmp, 'tree');
  const outDir = path.join(tmp, 'out');
  const cleanup = () => {
    spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: root });
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    git(['worktree', 'add', '--detach', tree, ref], root);
    const lockUnchanged = spawnSync('git', ['diff', '--quiet', ref, '--', 'package-lock.json'], { cwd: root }).status === 0;
    if (lockUnchanged && fs.existsSync(path.join(root, 'node_modules'))) {
      fs.symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
    } else {
      log(`package-lock.json differs at ${ref}: installing the base's dependencies (npm ci)`);
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: tree, stdio: 'inherit' });
    }
    const cli = path.join(tree, 'bin', 'stateline.js');
    if (!fs.existsSync(cli)) throw new UserInputError(`${ref} has no stateline CLI (bin/stateline.js): cannot synthesize the base`);
    const args = [cli, 'synth', '--out', outDir];
    let configInBase: string | undefined;
    if (config) {
      const rel = path.relative(root, path.resolve(cwd, config));
      const inBase = path.join(tree, rel);
      configInBase = !rel.startsWith('..') && fs.existsSync(inBase) ? inBase : path.resolve(cwd, config);
      args.push('--config', configInBase);
    } else {
      // The base's CLI finds its own stateline.config.* in its worktree (or uses its embedded default).
      configInBase = CONFIG_CANDIDATES.map((c) => path.join(tree, c)).find((c) => fs.existsSync(c));
    }
    const r = spawnSync(process.execPath, args, { cwd: tree, encoding: 'utf8', env: { ...process.env, STATELINE_CONFIG: '' } });
    // Exit 1 means policy findings: the outputs are written and still worth comparing.
    const wrote = fs.existsSync(path.join(outDir, 'cdk.out')) || fs.existsSync(path.join(outDir, 'cdktf.out'));
    if (r.status !== 0 && !(r.status === 1 && wrote)) throw new UserInputError(`synthesizing ${ref} failed (exit ${r.status}):\n${(r.stderr || r.stdout).trim()}`);
    return { outDir, configInBase, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
