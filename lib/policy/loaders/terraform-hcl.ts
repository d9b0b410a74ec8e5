/**
 * Terraform HCL (`*.tf`, `*.tfvars`) through `@cdktf/hcl2json`, offline. Its parse tree keeps every
 * block as a list (`resource.aws_x.name = [ { ..., nested: [ {...} ] } ]`), which is also valid
 * Terraform JSON syntax, so the same normalizer reads both; expressions that are not literals
 * stay `${...}` strings and rules treat them as references.
 */
import * as path from 'path';
import { cleanMessage, MAX_ECHOED_MESSAGE, PolicyInputError } from '../errors';
import type { InventoryResource } from '../types';
import { isObj } from '../util/values';
import { display, LoadContext, MAX_HCL_BYTES, readText } from './read';
import { terraformResources, TerraformScope } from './terraform-json';

type Hcl2Json = { parse(filename: string, contents: string): Promise<Record<string, unknown>> };
let hcl: Hcl2Json | undefined;

/** Loaded on first use: the WASM parser costs ~150 ms to start and JSON-only runs never need it. */
function parser(): Hcl2Json {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  hcl ??= require('@cdktf/hcl2json') as Hcl2Json;
  return hcl;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * hcl2json joins every diagnostic into one line (`parse config: [f.tf:1,5-6: Summary; Detail. f.tf:1,6-7: ...]`):
 * a garbage file yields thousands. Keep the first as `f.tf:line,col: message` (capped) and count the rest.
 */
export function hclErrorMessage(raw: string, fileName: string): string {
  const body = raw.replace(/^(?:Error:\s*)?parse config:\s*/, '').replace(/^\[/, '').replace(/\]\s*$/, '');
  const starts = [...body.matchAll(new RegExp(`(?:^|\\s)${escapeRe(fileName)}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?:\\s*`, 'g'))];
  if (starts.length === 0) return cleanMessage(body.split('\n')[0]);
  const first = starts[0];
  const textStart = (first.index ?? 0) + first[0].length;
  const textEnd = starts.length > 1 ? (starts[1].index ?? body.length) : body.length;
  const where = `${fileName}:${first[1]},${first[2]}`;
  const message = cleanMessage(body.slice(textStart, textEnd), Math.max(40, MAX_ECHOED_MESSAGE - where.length - 2));
  const more = starts.length > 1 ? ` (and ${starts.length - 1} more diagnostic${starts.length > 2 ? 's' : ''})` : '';
  return `${where}: ${message}${more}`;
}

/** Parses HCL text into the Terraform JSON shape; errors name the file and the first diagnostic's position. */
export async function parseHcl(ctx: LoadContext, file: string, text: string): Promise<Record<string, unknown>> {
  const name = display(ctx, file);
  try {
    const doc = await parser().parse(path.basename(file), text);
    if (!isObj(doc)) throw new PolicyInputError(name, 'HCL parser returned no document');
    return doc;
  } catch (e) {
    if (e instanceof PolicyInputError) throw e;
    const raw = e instanceof Error ? e.message : String(e);
    throw new PolicyInputError(name, `invalid HCL: ${hclErrorMessage(raw, path.basename(file))}`);
  }
}

/** Reads and parses one `.tf` / `.tfvars` file. */
export async function readHcl(ctx: LoadContext, file: string): Promise<Record<string, unknown>> {
  return parseHcl(ctx, file, readText(ctx, file, MAX_HCL_BYTES));
}

/** Records of one parsed `.tf` file (none for a file of only variables, locals or comments). */
export function hclResources(ctx: LoadContext, file: string, doc: Record<string, unknown>, stack: string, scope?: TerraformScope): InventoryResource[] {
  // A file of only comments is valid Terraform with nothing to inspect.
  if (Object.keys(doc).length === 0) return [];
  return terraformResources(ctx, file, doc, stack, { scope, dynamicBlocks: true });
}

/** Loads one `.tf` file as records of `stack` (its own variables and locals resolved). */
export async function loadHclFile(ctx: LoadContext, file: string, stack: string): Promise<InventoryResource[]> {
  return hclResources(ctx, file, await readHcl(ctx, file), stack);
}
