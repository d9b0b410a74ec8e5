/**
 * Terraform HCL (`*.tf`, `*.tfvars`) through stateline's own linear-time HCL parser (./hcl), which
 * yields the parse tree `@cdktf/hcl2json` yields: every block as a list
 * (`resource.aws_x.name = [ { ..., nested: [ {...} ] } ]`), which is also valid Terraform JSON
 * syntax, so the same normalizer reads both; expressions that are not literals stay `${...}`
 * strings and rules treat them as references.
 *
 * Size: parsing runs at tens of MB/s in linear time (a 16 MB file, the cap, in well under a
 * second), and nesting is capped at 256 levels with a clear error.
 */
import * as path from 'path';
import { cleanMessage, MAX_ECHOED_MESSAGE, PolicyInputError } from '../errors';
import type { InventoryResource } from '../types';
import { HclConverter, HclShapeError, sortedKeys } from './hcl/convert';
import { HclSyntaxError } from './hcl/lexer';
import { lineCol, parseHclBody } from './hcl/parser';
import { display, LoadContext, MAX_HCL_BYTES, readText } from './read';
import { terraformResources, TerraformScope } from './terraform-json';

/** `f.tf:line,col: Summary; Detail`, capped. */
export function hclErrorMessage(e: HclSyntaxError, text: string, fileName: string): string {
  const where = `${fileName}:${lineCol(text, e.offset)}`;
  return `${where}: ${cleanMessage(`${e.summary}; ${e.detail}`, Math.max(40, MAX_ECHOED_MESSAGE - where.length - 2))}`;
}

/** Parses HCL text into the Terraform JSON shape; errors name the file and the first problem's position. */
export async function parseHcl(ctx: LoadContext, file: string, text: string): Promise<Record<string, unknown>> {
  const name = display(ctx, file);
  try {
    return sortedKeys(new HclConverter(text).body(parseHclBody(text))) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof HclSyntaxError) throw new PolicyInputError(name, `invalid HCL: ${hclErrorMessage(e, text, path.basename(file))}`);
    if (e instanceof HclShapeError) throw new PolicyInputError(name, `invalid HCL: ${cleanMessage(e.message)}`);
    throw e;
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
