/**
 * The committed schema data (`lib/schema/data/`, written by `npm run schema:providers`), read
 * lazily: nothing is read until a schema rule meets a resource of that cloud or provider, and then
 * only the parts of the file holding the types met are inflated and parsed (see packed.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResourceSpec, CfnSchema, TfBlock, TfProviderMeta, tfKey } from './format';
import { PackedTable } from './packed';

/**
 * `lib/schema/data` of the package: beside this module when it runs from the sources, and the
 * same folder (not copied into `dist/`) when it runs compiled from `dist/lib/schema`.
 */
export const DATA_DIR = fs.existsSync(path.join(__dirname, '..', '..', 'package.json'))
  ? path.join(__dirname, 'data')
  : path.join(__dirname, '..', '..', '..', 'lib', 'schema', 'data');

function readTable(file: string): PackedTable {
  return new PackedTable(fs.readFileSync(file), path.relative(process.cwd(), file) || file);
}

/** One provider's committed data, its types inflated and decoded on first use. */
export class TfProviderData {
  /** Decoded types by kind (no key strings built per lookup: a run looks up every record's type). */
  private readonly decoded = { resources: new Map<string, TfBlock | null>(), dataSources: new Map<string, TfBlock | null>() };
  readonly meta: TfProviderMeta;
  constructor(private readonly table: PackedTable) {
    const { provider, source, version, binding, enumerations, generated } = JSON.parse(table.header) as TfProviderMeta;
    this.meta = { provider, source, version, binding, enumerations, generated };
  }

  /** Type names of resources or data sources (reads the whole file: for messages). */
  types(kind: 'resources' | 'dataSources'): string[] {
    const prefix = tfKey(kind, '');
    return this.table.keys().filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }

  /** The schema of one resource or data source type, or undefined when the provider has no such type. */
  block(kind: 'resources' | 'dataSources', type: string): TfBlock | undefined {
    const decoded = this.decoded[kind];
    let b = decoded.get(type);
    if (b === undefined) {
      const json = this.table.get(tfKey(kind, type));
      b = json === undefined ? null : (JSON.parse(json) as TfBlock);
      decoded.set(type, b);
    }
    return b ?? undefined;
  }
}

const terraform = new Map<string, TfProviderData | null>();

/** Providers with committed data (`azurerm`, ...). */
export function terraformProviders(): string[] {
  const dir = path.join(DATA_DIR, 'terraform');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json.gz')).map((f) => f.replace(/\.json\.gz$/, '')).sort() : [];
}

/** A Terraform provider's schema, or undefined when no data is committed for it. */
export function terraformSchema(provider: string): TfProviderData | undefined {
  let s = terraform.get(provider);
  if (s === undefined) {
    const file = path.join(DATA_DIR, 'terraform', `${provider}.json.gz`);
    s = /^[a-z0-9-]+$/.test(provider) && fs.existsSync(file) ? new TfProviderData(readTable(file)) : null;
    terraform.set(provider, s);
  }
  return s ?? undefined;
}

/** The CloudFormation data file (a packed table, see `encodeCfn`). */
export const CFN_FILE = 'cloudformation.tsv.gz';

let cfnTable: PackedTable | undefined;
const cfnTypes = new Map<string, CfnResourceSpec | null>();

const cfn = (): PackedTable => (cfnTable ??= readTable(path.join(DATA_DIR, CFN_FILE)));

/**
 * Where the CloudFormation data came from (`source`: `@aws-cdk/aws-service-spec@0.1.216`; the
 * string constraints, `constraints`: the registry schemas' package) and when.
 */
export function cloudFormationSource(): { readonly source: string; readonly constraints?: string; readonly generated: string } {
  const { source, constraints, generated } = JSON.parse(cfn().header) as { source: string; constraints?: string; generated: string };
  return { source, ...(constraints ? { constraints } : {}), generated };
}

/** Every CloudFormation resource type of the data (reads the whole file: for messages). */
export function cloudFormationTypes(): string[] {
  return cfn().keys();
}

/** The reduced CloudFormation schema, whole (every type still JSON-encoded; for tools and tests). */
export function cloudFormationSchema(): CfnSchema {
  return { ...cloudFormationSource(), resources: Object.fromEntries(cfn().entries()) };
}

/** One CloudFormation resource type's spec, or undefined when the schema does not know the type. */
export function cloudFormationSpec(type: string): CfnResourceSpec | undefined {
  let s = cfnTypes.get(type);
  if (s === undefined) {
    const json = cfn().get(type);
    s = json === undefined ? null : (JSON.parse(json) as CfnResourceSpec);
    cfnTypes.set(type, s);
  }
  return s ?? undefined;
}

/** Forgets everything loaded, so the next use reads the data again (benchmarks time a cold start). */
export function resetSchemaData(): void {
  terraform.clear();
  cfnTable = undefined;
  cfnTypes.clear();
}
