/**
 * Terraform module directories and module calls.
 *
 * A directory is one module: every `.tf` / `.tf.json` file in it, variables (defaults, then
 * `terraform.tfvars` / `*.auto.tfvars`, or a caller's arguments) and locals shared by all of them.
 * Module calls are then looked into as far as possible:
 * - a local module (`source = "./..."` or `"../..."`) whose directory is readable is followed: its
 *   variables are bound to the call's literal arguments (other arguments stay references), and its
 *   resources join the inventory as `module.<name>.<address>` (nested local modules likewise);
 * - a well-known registry module (detect/known-modules.ts) contributes the resources its inputs map to;
 * - anything else stays a module record whose arguments only can be scanned.
 * Each module record says which of the three it got (`InventoryResource.module`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { knownModule } from '../detect/known-modules';
import { PolicyInputError } from '../errors';
import type { InventoryResource } from '../types';
import { literal, Obj, tagsOf } from '../util/values';
import { parseTerraformJson } from './duplicates';
import { append, display, isDir, LoadContext, MAX_JSON_BYTES, readText } from './read';
import { hclResources, readHcl } from './terraform-hcl';
import { cloudOf, providerOf, terraformResources, terraformScope, TerraformScope } from './terraform-json';

/** One parsed Terraform file: HCL parse tree or JSON document (same shape). */
export interface TerraformFile {
  readonly file: string;
  readonly doc: unknown;
  readonly hcl: boolean;
  /** JSON text mentions `"dynamic"` (HCL is always walked for dynamic blocks). */
  readonly dynamicBlocks: boolean;
}

export const TF_FILE_RE = /\.tf(\.json)?$/i;
/** Variable value files Terraform loads automatically from a root module directory. */
const TFVARS_RE = /^(?:terraform\.tfvars|.+\.auto\.tfvars)(?:\.json)?$/i;
/** Module block arguments that are not module inputs. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on', '//']);
/** Local modules nest at most this deep (a cycle or a mistake beyond). */
const MAX_MODULE_DEPTH = 8;

export async function readTerraformFile(ctx: LoadContext, file: string): Promise<TerraformFile> {
  if (/\.json$/i.test(file)) {
    const text = readText(ctx, file, MAX_JSON_BYTES);
    return { file, doc: parseTerraformJson(ctx, file, text), hcl: false, dynamicBlocks: text.includes('"dynamic"') };
  }
  return { file, doc: await readHcl(ctx, file), hcl: true, dynamicBlocks: true };
}

export function terraformFileResources(ctx: LoadContext, f: TerraformFile, stack: string, scope: TerraformScope): InventoryResource[] {
  if (f.hcl) return hclResources(ctx, f.file, f.doc as Record<string, unknown>, stack, scope);
  return terraformResources(ctx, f.file, f.doc, stack, { scope, dynamicBlocks: f.dynamicBlocks });
}

/** Whether a directory holds Terraform files (a module Terraform would read). */
export function hasTerraformFiles(dir: string): boolean {
  return isDir(dir) && fs.readdirSync(dir).some((f) => TF_FILE_RE.test(f));
}

/**
 * Loads a module directory. `inputs` (a caller's arguments) bind its variables like tfvars do; a root
 * module reads its own tfvars files instead.
 */
export async function loadModuleDir(ctx: LoadContext, dir: string, stack: string, inputs?: Obj): Promise<InventoryResource[]> {
  const names = fs.readdirSync(dir).sort();
  const files = names.filter((f) => TF_FILE_RE.test(f));
  if (files.length === 0) throw new PolicyInputError(display(ctx, dir), 'no .tf or .tf.json files in this directory');
  const parsed: TerraformFile[] = [];
  for (const f of files) parsed.push(await readTerraformFile(ctx, path.join(dir, f)));
  const tfvars: unknown[] = [];
  if (inputs) {
    tfvars.push(inputs);
  } else {
    // terraform.tfvars first, then *.auto.tfvars in lexical order (later files win), as Terraform loads them.
    const tfvarsNames = names
      .filter((f) => TFVARS_RE.test(f))
      .sort((a, b) => Number(!/^terraform\.tfvars/i.test(a)) - Number(!/^terraform\.tfvars/i.test(b)) || (a < b ? -1 : a > b ? 1 : 0));
    for (const f of tfvarsNames) tfvars.push((await readTerraformFile(ctx, path.join(dir, f))).doc);
  }
  const scope = terraformScope(parsed.map((f) => f.doc), tfvars);
  const out: InventoryResource[] = [];
  for (const f of parsed) append(out, terraformFileResources(ctx, f, stack, scope));
  return out;
}

/** The call's module inputs: every argument but the meta-arguments. */
function moduleInputs(call: InventoryResource): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(call.properties)) if (!META_ARGUMENTS.has(k)) out[k] = v;
  return out;
}

const isLocalSource = (s: string) => s.startsWith('./') || s.startsWith('../') || s === '.' || s === '..';

/** A record at `prefix` + its address, in the caller's stack. */
const prefixed = (r: InventoryResource, prefix: string): InventoryResource => ({ ...r, id: `${prefix}${r.id}` });

/** Records a well-known module's inputs map to, as `module.<name>.<address>`. */
function knownModuleRecords(call: InventoryResource, prefix: string): InventoryResource[] | undefined {
  const source = literal(call.properties.source);
  const known = source ? knownModule(source) : undefined;
  if (!known) return undefined;
  return known.resources(moduleInputs(call)).map((m) => ({
    cloud: cloudOf(m.type),
    provider: providerOf(m.type),
    format: 'terraform',
    mode: 'managed',
    type: m.type,
    id: `${prefix}${call.id}.${m.address}`,
    stack: call.stack,
    source: call.source,
    properties: m.properties,
    tags: tagsOf(m.properties),
    metadata: {},
  }));
}

/**
 * Follows the module calls among `records` (loaded from `dir`): local modules are read, well-known
 * ones mapped, the rest marked opaque. Returns the records with module calls annotated and the
 * modules' resources appended.
 */
export async function followModules(
  ctx: LoadContext,
  records: readonly InventoryResource[],
  dir: string,
  prefix = '',
  depth = 0,
  seen: ReadonlySet<string> = new Set(),
): Promise<InventoryResource[]> {
  const out: InventoryResource[] = [];
  const added: InventoryResource[] = [];
  for (const r of records) {
    if (r.mode !== 'module') {
      out.push(prefix ? prefixed(r, prefix) : r);
      continue;
    }
    const call = prefix ? prefixed(r, prefix) : r;
    const source = literal(r.properties.source) ?? '';
    if (isLocalSource(source)) {
      const moduleDir = path.resolve(dir, source);
      if (!hasTerraformFiles(moduleDir)) {
        out.push({ ...call, module: { inspection: 'none', note: `its directory ${display(ctx, moduleDir)} has no Terraform files here` } });
        continue;
      }
      if (seen.has(moduleDir) || depth >= MAX_MODULE_DEPTH) {
        out.push({ ...call, module: { inspection: 'none', note: 'local modules call each other in a cycle or nest deeper than 8 levels' } });
        continue;
      }
      const inner = await loadModuleDir(ctx, moduleDir, r.stack, moduleInputs(r));
      const innerPrefix = `${call.id}.`;
      const followed = await followModules(ctx, inner, moduleDir, innerPrefix, depth + 1, new Set([...seen, moduleDir]));
      append(added, followed);
      out.push({ ...call, module: { inspection: 'followed', note: `local module ${display(ctx, moduleDir)} read (${inner.filter((x) => x.mode === 'managed').length} resources)` } });
      continue;
    }
    const mapped = knownModuleRecords(r, prefix);
    if (mapped) {
      append(added, mapped);
      const what = mapped.map((m) => m.id.slice(call.id.length + 1)).join(', ');
      out.push({ ...call, module: { inspection: 'inputs', note: `well-known module: its inputs were mapped to ${what || 'no resource (none configured)'}; its other resources are not inspected` } });
      continue;
    }
    out.push({ ...call, module: { inspection: 'none', note: source ? 'its source is not local and not a well-known module; only its arguments were scanned' : 'its source is not a literal' } });
  }
  append(out, added);
  return out;
}

