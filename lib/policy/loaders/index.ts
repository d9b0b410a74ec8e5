/**
 * One entry point for every input kind: CDK cloud assemblies, cdktf output directories,
 * CloudFormation templates and Terraform files or directories, into one inventory.
 * With no input at all, `./cdk.out` and `./cdktf.out` (whichever exist) are checked.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PolicyInputError } from '../errors';
import { interruptedSwap } from '../../io/output-swap';
import { Inventory } from '../inventory';
import type { InventoryResource } from '../types';
import { loadCdkAssembly } from './cdk-assembly';
import { isCdktfOut, loadCdktfOut } from './cdktf-out';
import { loadTemplateFile } from './cloudformation';
import { documentResources, type InMemoryDocument } from './documents';
import { append, display, isDir, LoadContext } from './read';
import { terraformScope } from './terraform-json';
import { followModules, hasTerraformFiles, loadModuleDir, readTerraformFile, terraformFileResources, TF_FILE_RE } from './terraform-modules';

export interface LoadOptions {
  /** CDK cloud assembly directories (`cdk.out`). */
  readonly cdkOut?: readonly string[];
  /** CDKTF output directories (`cdktf.out`). */
  readonly cdktfOut?: readonly string[];
  /** CloudFormation templates, JSON or YAML (a cloud assembly directory is accepted too). */
  readonly templates?: readonly string[];
  /** Terraform `.tf.json` / `.tf` files, or directories of them (a cdktf output directory is accepted too). */
  readonly terraform?: readonly string[];
  /** Templates and Terraform JSON documents already in memory (not followed into other files). */
  readonly documents?: readonly InMemoryDocument[];
  /** Base for relative inputs and for source paths in reports; default `process.cwd()`. */
  readonly cwd?: string;
  /**
   * Which records the `schema/*` rules validate: by default (undefined) those of synthesized
   * outputs, i.e. cloud assemblies and cdktf output directories however they are passed; `true`
   * every input (plain templates, Terraform files and in-memory documents too); `false` none.
   */
  readonly schema?: boolean;
}

/**
 * Marks records for schema validation. The loaders return records made for this load and shared
 * with nothing yet, so they are marked in place (a copy per record would cost a 64-region output
 * ~3,600 allocations for one flag).
 */
function markSchema(records: InventoryResource[], on: boolean): InventoryResource[] {
  if (on) for (const r of records) (r as { validateSchema?: boolean }).validateSchema = true;
  return records;
}

const hasInputs = (o: LoadOptions) => [o.cdkOut, o.cdktfOut, o.templates, o.terraform, o.documents].some((l) => l && l.length > 0);

/** Stack name of a lone file: its name without the template / Terraform extensions. */
const stackOfFile = (file: string) => path.basename(file).replace(/(\.template)?\.(json|ya?ml)$|\.tf(\.json)?$/i, '');

function loadTemplateInput(ctx: LoadContext, p: string, schema: boolean | undefined): InventoryResource[] {
  if (isDir(p)) {
    if (fs.existsSync(path.join(p, 'manifest.json'))) return markSchema(loadCdkAssembly(ctx, p), schema !== false);
    throw new PolicyInputError(display(ctx, p), 'is a directory without manifest.json: pass template files, or a cloud assembly directory');
  }
  return markSchema(loadTemplateFile(ctx, p, { stack: stackOfFile(p), assetDir: path.dirname(p), strictNested: false }), schema === true);
}

async function loadTerraformInput(ctx: LoadContext, p: string, schema: boolean | undefined): Promise<InventoryResource[]> {
  if (isDir(p) && isCdktfOut(p)) return markSchema(await loadCdktfOut(ctx, p), schema !== false);
  return markSchema(await loadTerraformFiles(ctx, p), schema === true);
}

async function loadTerraformFiles(ctx: LoadContext, p: string): Promise<InventoryResource[]> {
  if (!isDir(p)) {
    if (!fs.existsSync(p)) throw new PolicyInputError(display(ctx, p), 'file not found');
    if (!TF_FILE_RE.test(p)) throw new PolicyInputError(display(ctx, p), 'not a Terraform file: expected .tf or .tf.json');
    // A lone file is its own module: its variables and locals are resolved; local modules it calls are followed.
    const f = await readTerraformFile(ctx, p);
    return followModules(ctx, terraformFileResources(ctx, f, stackOfFile(p), terraformScope([f.doc])), path.dirname(p));
  }
  // A Terraform root module: every .tf and .tf.json file directly in the directory, like terraform itself.
  if (!hasTerraformFiles(p)) throw new PolicyInputError(display(ctx, p), 'no .tf or .tf.json files in this directory');
  return followModules(ctx, await loadModuleDir(ctx, p, path.basename(path.resolve(p))), p);
}

/** Loads every input into one inventory; throws `PolicyInputError` (exit 2) on unreadable input. */
export async function loadInventory(options: LoadOptions = {}): Promise<Inventory> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const ctx: LoadContext = { cwd, diagnostics: [] };
  const abs = (p: string) => path.resolve(cwd, p);
  let opts = options;
  if (!hasInputs(options)) {
    const cdkOut = abs('cdk.out');
    const cdktfOut = abs('cdktf.out');
    opts = { cdkOut: isDir(cdkOut) ? [cdkOut] : [], cdktfOut: isDir(cdktfOut) ? [cdktfOut] : [] };
    if (!hasInputs(opts)) {
      throw new PolicyInputError('.', 'nothing to check: no ./cdk.out or ./cdktf.out here; synthesize first or pass inputs (--cdk-out, --cdktf-out, --template, --terraform)');
    }
  }
  // A synth killed between its renames may have left cdk.out and cdktf.out of different runs.
  for (const d of [...(opts.cdkOut ?? []), ...(opts.cdktfOut ?? [])]) {
    const reason = interruptedSwap(path.dirname(abs(d)));
    if (reason) throw new PolicyInputError(display(ctx, abs(d)), reason);
  }
  const resources: InventoryResource[] = [];
  const synthesized = options.schema !== false;
  for (const d of opts.cdkOut ?? []) append(resources, markSchema(loadCdkAssembly(ctx, abs(d)), synthesized));
  for (const d of opts.cdktfOut ?? []) append(resources, markSchema(await loadCdktfOut(ctx, abs(d)), synthesized));
  for (const t of opts.templates ?? []) append(resources, loadTemplateInput(ctx, abs(t), options.schema));
  for (const t of opts.terraform ?? []) append(resources, await loadTerraformInput(ctx, abs(t), options.schema));
  append(resources, markSchema(documentResources(ctx, opts.documents ?? []), options.schema === true));
  return new Inventory(resources, ctx.diagnostics);
}

/**
 * The inventory of in-memory documents only, synchronously (for jest matchers). Schema rules
 * validate them only with `schema: true`, as for plain template and Terraform files.
 */
export function documentInventory(documents: readonly InMemoryDocument[], options: Pick<LoadOptions, 'cwd' | 'schema'> = {}): Inventory {
  const ctx: LoadContext = { cwd: path.resolve(options.cwd ?? process.cwd()), diagnostics: [] };
  return new Inventory(markSchema(documentResources(ctx, documents), options.schema === true), ctx.diagnostics);
}

export type { InMemoryDocument } from './documents';
