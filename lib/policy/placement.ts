/**
 * The placement policy as a library call, for any repository's CDK or CDKTF app: synthesized
 * outputs, plain CloudFormation / Terraform files, or templates already in memory go in; the
 * JSON report contract (`stateline check --format json`) comes out.
 *
 * @example
 * const report = await checkPlacement(['cdk.out', 'cdktf.out']);
 * if (report.summary.errors > 0) process.exitCode = 1;
 */
import * as fs from 'fs';
import * as path from 'path';
import { classify, type ResourceClass } from './classify';
import { evaluate } from './engine';
import { PolicyInputError } from './errors';
import { toJsonReport, type JsonReport } from './formats/json';
import type { Inventory } from './inventory';
import { documentInventory, loadInventory, type InMemoryDocument, type LoadOptions } from './loaders';
import { isCdktfOut } from './loaders/cdktf-out';
import { hasTerraformFiles, TF_FILE_RE } from './loaders/terraform-modules';
import type { Suppression } from './suppressions';

/** A CloudFormation template already in memory (e.g. `Template.fromStack(stack).toJSON()`). */
export interface CloudFormationDocument {
  /** The template object, or its JSON text. */
  readonly cloudFormation: object | string;
  /** Stack name carried by findings. @default 'template' */
  readonly name?: string;
}

/** A Terraform JSON document already in memory (e.g. cdktf's `Testing.synth(stack)`). */
export interface TerraformDocument {
  /** The Terraform JSON object, or its text. */
  readonly terraformJson: object | string;
  /** Stack name carried by findings. @default 'terraform' */
  readonly name?: string;
}

/** An input held in memory: a CloudFormation template or a Terraform JSON document. */
export type InMemoryPlacementInput = CloudFormationDocument | TerraformDocument;

/**
 * One input of {@link checkPlacement}: a path (a cloud assembly or cdktf output directory, a
 * template, a `.tf`/`.tf.json` file or a directory of them: recognized by their content), a path
 * with its kind named, or a document in memory.
 */
export type PlacementInput =
  | string
  | { readonly cdkOut: string }
  | { readonly cdktfOut: string }
  | { readonly template: string }
  | { readonly terraform: string }
  | InMemoryPlacementInput;

/** Options of {@link checkPlacement}. */
export interface PlacementOptions {
  /** Base of relative paths, and what report sources are relative to. @default process.cwd() */
  readonly cwd?: string;
  /** Suppressions, each with a reason (and optionally an expiry), as in a topology's `policy.suppressions`. */
  readonly suppressions?: readonly Suppression[];
  /** "Today" for suppression expiry. @default the current date */
  readonly now?: Date;
  /**
   * Validate resources against the provider schemas: by default only cloud assemblies and
   * cdktf output directories are; `true` validates every input, `false` none.
   */
  readonly schema?: boolean;
}

const isInMemory = (i: PlacementInput): i is InMemoryPlacementInput => typeof i === 'object' && i !== null && ('cloudFormation' in i || 'terraformJson' in i);

function toDocument(i: InMemoryPlacementInput): InMemoryDocument {
  return 'cloudFormation' in i
    ? { kind: 'cloudformation', name: i.name ?? 'template', content: i.cloudFormation }
    : { kind: 'terraform', name: i.name ?? 'terraform', content: i.terraformJson };
}

type PathLists = { cdkOut: string[]; cdktfOut: string[]; templates: string[]; terraform: string[] };

/** Files and directories by kind; a path's kind is recognized from what it holds. */
function classifyPath(p: string, cwd: string, into: PathLists): void {
  const abs = path.resolve(cwd, p);
  if (!fs.existsSync(abs)) throw new PolicyInputError(p, 'not found: expected a cloud assembly or cdktf output directory, a template, or Terraform files');
  if (fs.statSync(abs).isDirectory()) {
    if (isCdktfOut(abs)) into.cdktfOut.push(p);
    else if (fs.existsSync(path.join(abs, 'manifest.json'))) into.cdkOut.push(p);
    else if (hasTerraformFiles(abs)) into.terraform.push(p);
    else throw new PolicyInputError(p, 'is neither a cloud assembly (manifest.json), a cdktf output directory nor a directory of .tf/.tf.json files');
    return;
  }
  if (TF_FILE_RE.test(abs)) into.terraform.push(p);
  else into.templates.push(p);
}

function loadOptions(inputs: readonly PlacementInput[], options: PlacementOptions): LoadOptions {
  const cwd = options.cwd ?? process.cwd();
  const lists: PathLists = { cdkOut: [], cdktfOut: [], templates: [], terraform: [] };
  const documents: InMemoryDocument[] = [];
  for (const i of inputs) {
    if (typeof i === 'string') classifyPath(i, cwd, lists);
    else if (isInMemory(i)) documents.push(toDocument(i));
    else if ('cdkOut' in i) lists.cdkOut.push(i.cdkOut);
    else if ('cdktfOut' in i) lists.cdktfOut.push(i.cdktfOut);
    else if ('template' in i) lists.templates.push(i.template);
    else lists.terraform.push(i.terraform);
  }
  return { cwd, ...lists, documents, schema: options.schema };
}

const list = <T>(x: T | readonly T[]): readonly T[] => (Array.isArray(x) ? x : [x as T]);

function report(inventory: Inventory, options: PlacementOptions): JsonReport {
  return toJsonReport(evaluate(inventory, { suppressions: options.suppressions, now: options.now }));
}

/**
 * Runs the placement policy (every rule of docs/RULES.md) over the inputs and returns the JSON
 * report. Fails the way `stateline check` exits 1 when `summary.errors > 0`. Throws
 * `PolicyInputError` naming the input when one is missing, unreadable or malformed.
 */
export async function checkPlacement(inputs: PlacementInput | readonly PlacementInput[], options: PlacementOptions = {}): Promise<JsonReport> {
  const all = list(inputs);
  if (all.length === 0) throw new PolicyInputError('(no inputs)', 'nothing to check: pass a cloud assembly, a cdktf output directory, template or Terraform files, or documents');
  return report(await loadInventory(loadOptions(all, options)), options);
}

/**
 * {@link checkPlacement} for documents already in memory, synchronously (what the jest matchers
 * use). Schema rules run only with `schema: true`.
 */
export function checkPlacementSync(inputs: InMemoryPlacementInput | readonly InMemoryPlacementInput[], options: PlacementOptions = {}): JsonReport {
  return report(documentInventory(list(inputs).map(toDocument), { cwd: options.cwd, schema: options.schema }), options);
}

/**
 * The placement classification of in-memory documents: one line per cloud, class and resource
 * type with its count (`aws stateful-runtime    AWS::BedrockAgentCore::Runtime x1`), sorted.
 * A snapshot of it shows any change of where stateless serving and agent state live.
 */
export function placementClassification(inputs: InMemoryPlacementInput | readonly InMemoryPlacementInput[], options: Pick<PlacementOptions, 'cwd'> = {}): string[] {
  const inventory = documentInventory(list(inputs).map(toDocument), { cwd: options.cwd, schema: false });
  const counts = new Map<string, number>();
  for (const r of inventory.resources.filter((x) => x.mode === 'managed')) {
    const key = `${r.cloud} ${classify(r).padEnd(17)} ${r.type}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} x${n}`);
}

export type { JsonFinding, JsonReport } from './formats/json';
export type { ResourceClass };
