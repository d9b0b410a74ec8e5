/**
 * In-memory inputs: a CloudFormation template or a Terraform JSON document that a test (or any
 * caller) already holds, e.g. `Template.fromStack(stack).toJSON()` or `Testing.synth(stack)`.
 * Normalized exactly like the same document read from a file, without touching the file system:
 * nested stacks and local modules, which live in other files, are not followed.
 */
import * as path from 'path';
import { PolicyInputError } from '../errors';
import type { InventoryResource } from '../types';
import { templateResources } from './cloudformation';
import { append, LoadContext } from './read';
import { terraformResources } from './terraform-json';

/** One in-memory document. */
export interface InMemoryDocument {
  /** `cloudformation` for a template object, `terraform` for a Terraform JSON object or its JSON text. */
  readonly kind: 'cloudformation' | 'terraform';
  /** The stack name its findings carry; also its `source` in reports. */
  readonly name: string;
  /** The template or Terraform JSON document (an object, or JSON text). */
  readonly content: unknown;
}

function parsed(doc: InMemoryDocument): unknown {
  if (typeof doc.content !== 'string') return doc.content;
  try {
    return JSON.parse(doc.content);
  } catch (e) {
    throw new PolicyInputError(doc.name, `is not valid JSON: ${(e as Error).message}`);
  }
}

/** Records of in-memory documents (sources are the documents' names). */
export function documentResources(ctx: LoadContext, docs: readonly InMemoryDocument[]): InventoryResource[] {
  const out: InventoryResource[] = [];
  for (const doc of docs) {
    if (!doc.name) throw new PolicyInputError('(in-memory document)', 'has no name: give each document the stack name its findings should carry');
    // A path under cwd displays as the bare name.
    const file = path.join(ctx.cwd, doc.name);
    const content = parsed(doc);
    append(out, doc.kind === 'cloudformation'
      ? templateResources(ctx, file, content, doc.name)
      : terraformResources(ctx, file, content, doc.name));
  }
  return out;
}
