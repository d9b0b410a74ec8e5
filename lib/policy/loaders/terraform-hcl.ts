/**
 * Terraform HCL (`*.tf`) through `@cdktf/hcl2json`, offline. Its parse tree keeps every block as
 * a list (`resource.aws_x.name = [ { ..., nested: [ {...} ] } ]`), which is also valid Terraform
 * JSON syntax, so the same normalizer reads both; expressions that are not literals stay
 * `${...}` strings and rules treat them as references.
 */
import * as path from 'path';
import { PolicyInputError } from '../errors';
import type { InventoryResource } from '../types';
import { isObj } from '../util/values';
import { display, LoadContext, MAX_HCL_BYTES, readText } from './read';
import { terraformResources } from './terraform-json';

type Hcl2Json = { parse(filename: string, contents: string): Promise<Record<string, unknown>> };
let hcl: Hcl2Json | undefined;

/** Loaded on first use: the WASM parser costs ~150 ms to start and JSON-only runs never need it. */
function parser(): Hcl2Json {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  hcl ??= require('@cdktf/hcl2json') as Hcl2Json;
  return hcl;
}

/** Parses HCL text into the Terraform JSON shape; errors name the file and position. */
export async function parseHcl(ctx: LoadContext, file: string, text: string): Promise<Record<string, unknown>> {
  const name = display(ctx, file);
  try {
    const doc = await parser().parse(path.basename(file), text);
    if (!isObj(doc)) throw new PolicyInputError(name, 'HCL parser returned no document');
    return doc;
  } catch (e) {
    if (e instanceof PolicyInputError) throw e;
    const raw = e instanceof Error ? e.message : String(e);
    const msg = raw.replace(/^parse config:\s*/, '').replace(/^\[|\]$/g, '').split('\n')[0];
    throw new PolicyInputError(name, `invalid HCL: ${msg}`);
  }
}

/** Loads one `.tf` file as records of `stack`. */
export async function loadHclFile(ctx: LoadContext, file: string, stack: string): Promise<InventoryResource[]> {
  const doc = await parseHcl(ctx, file, readText(ctx, file, MAX_HCL_BYTES));
  // A file of only variables, locals or comments is valid Terraform with nothing to inspect.
  if (Object.keys(doc).length === 0) return [];
  return terraformResources(ctx, file, doc, stack);
}
