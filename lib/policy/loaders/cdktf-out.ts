/**
 * A CDKTF output directory (`cdktf.out`): `manifest.json` lists each stack's
 * `synthesizedStackPath` (`stacks/<name>/cdk.tf.json`); without a manifest, every
 * `stacks/<name>/cdk.tf.json` is read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PolicyInputError } from '../errors';
import type { InventoryResource } from '../types';
import { isObj } from '../util/values';
import { append, display, isDir, LoadContext, MAX_JSON_BYTES, parseJson, readJson, readText } from './read';
import { followModules } from './terraform-modules';
import { terraformResources } from './terraform-json';

/** Whether a directory looks like cdktf output (a manifest with `stacks`, or `stacks/*\/cdk.tf.json`). */
export function isCdktfOut(dir: string): boolean {
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) {
    try {
      const m: unknown = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      return isObj(m) && isObj(m.stacks);
    } catch {
      return false;
    }
  }
  return isDir(path.join(dir, 'stacks'));
}

function stackFiles(ctx: LoadContext, dir: string): Array<{ stack: string; file: string }> {
  const manifestFile = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const manifest = readJson(ctx, manifestFile);
    if (!isObj(manifest) || !isObj(manifest.stacks)) {
      throw new PolicyInputError(display(ctx, manifestFile), 'not a cdktf manifest: expected an object with a "stacks" map');
    }
    return Object.entries(manifest.stacks).map(([name, s]) => {
      const rel = isObj(s) ? s.synthesizedStackPath : undefined;
      if (typeof rel !== 'string') {
        throw new PolicyInputError(display(ctx, manifestFile), `stack "${name}" has no synthesizedStackPath`);
      }
      return { stack: isObj(s) && typeof s.name === 'string' ? s.name : name, file: path.join(dir, rel) };
    });
  }
  const stacksDir = path.join(dir, 'stacks');
  if (!isDir(stacksDir)) {
    throw new PolicyInputError(display(ctx, dir), 'not a cdktf output directory: no manifest.json and no stacks/ folder');
  }
  return fs
    .readdirSync(stacksDir)
    .sort()
    .map((name) => ({ stack: name, file: path.join(stacksDir, name, 'cdk.tf.json') }))
    .filter((s) => fs.existsSync(s.file));
}

/** Loads every stack of a cdktf output directory (module calls followed like in any Terraform module). */
export async function loadCdktfOut(ctx: LoadContext, dir: string): Promise<InventoryResource[]> {
  const abs = path.resolve(dir);
  if (!isDir(abs)) throw new PolicyInputError(display(ctx, abs), 'not a directory: expected a cdktf output directory (cdktf.out)');
  const out: InventoryResource[] = [];
  for (const { stack, file } of stackFiles(ctx, abs)) {
    const text = readText(ctx, file, MAX_JSON_BYTES);
    // Each stack is one module: its own variables and locals are resolved; cdktf writes dynamic blocks as "dynamic".
    // cdktf writes cdk.tf.json from objects: no key can repeat, so no duplicate scan.
    const records = terraformResources(ctx, file, parseJson(ctx, file, text), stack, { dynamicBlocks: text.includes('"dynamic"') });
    append(out, records.some((r) => r.mode === 'module') ? await followModules(ctx, records, path.dirname(file)) : records);
  }
  return out;
}
