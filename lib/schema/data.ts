/**
 * The committed schema data (`lib/schema/data/`, written by `npm run schema:providers`), read
 * lazily: nothing is loaded until a schema rule meets a resource of that cloud or provider, and
 * CloudFormation types are parsed one by one as they are met.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { CfnResourceSpec, CfnSchema, decodeCfn, TfBlock, TfProviderFile, TfProviderMeta } from './format';

/**
 * `lib/schema/data` of the package: beside this module when it runs from the sources, and the
 * same folder (not copied into `dist/`) when it runs compiled from `dist/lib/schema`.
 */
export const DATA_DIR = fs.existsSync(path.join(__dirname, '..', '..', 'package.json'))
  ? path.join(__dirname, 'data')
  : path.join(__dirname, '..', '..', '..', 'lib', 'schema', 'data');

function readGz<T>(file: string): T {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as T;
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** One provider's committed data, its types decoded on first use. */
export class TfProviderData {
  private readonly decoded = new Map<string, TfBlock>();
  constructor(private readonly file: TfProviderFile) {}

  get meta(): TfProviderMeta {
    const { provider, source, version, binding, enumerations, generated } = this.file;
    return { provider, source, version, binding, enumerations, generated };
  }

  /** Type names of resources or data sources. */
  types(kind: 'resources' | 'dataSources'): string[] {
    return Object.keys(this.file[kind]);
  }

  /** The schema of one resource or data source type, or undefined when the provider has no such type. */
  block(kind: 'resources' | 'dataSources', type: string): TfBlock | undefined {
    const key = `${kind}:${type}`;
    let b = this.decoded.get(key);
    if (!b && own(this.file[kind], type)) {
      b = JSON.parse(this.file[kind][type]) as TfBlock;
      this.decoded.set(key, b);
    }
    return b;
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
    s = /^[a-z0-9-]+$/.test(provider) && fs.existsSync(file) ? new TfProviderData(readGz<TfProviderFile>(file)) : null;
    terraform.set(provider, s);
  }
  return s ?? undefined;
}

/** The CloudFormation data file (text, see `encodeCfn`). */
export const CFN_FILE = 'cloudformation.tsv.gz';

let cfn: CfnSchema | undefined;
const cfnTypes = new Map<string, CfnResourceSpec | null>();

/** The reduced CloudFormation schema (every type still JSON-encoded). */
export function cloudFormationSchema(): CfnSchema {
  cfn ??= decodeCfn(zlib.gunzipSync(fs.readFileSync(path.join(DATA_DIR, CFN_FILE))).toString('utf8'));
  return cfn;
}

/** One CloudFormation resource type's spec, or undefined when the schema does not know the type. */
export function cloudFormationSpec(type: string): CfnResourceSpec | undefined {
  let s = cfnTypes.get(type);
  if (s === undefined) {
    const { resources } = cloudFormationSchema();
    s = own(resources, type) ? (JSON.parse(resources[type]) as CfnResourceSpec) : null;
    cfnTypes.set(type, s);
  }
  return s ?? undefined;
}

/** Forgets everything loaded, so the next use reads the data again (benchmarks time a cold start). */
export function resetSchemaData(): void {
  terraform.clear();
  cfn = undefined;
  cfnTypes.clear();
}
