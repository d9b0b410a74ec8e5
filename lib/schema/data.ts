/**
 * The committed schema data (`lib/schema/data/`, written by `npm run schema:providers`), read
 * lazily: nothing is loaded until a schema rule meets a resource of that cloud or provider, and
 * CloudFormation types are parsed one by one as they are met.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { CfnResourceSpec, CfnSchema, TfProviderSchema } from './format';

export const DATA_DIR = path.join(__dirname, 'data');

function readGz<T>(file: string): T {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as T;
}

const terraform = new Map<string, TfProviderSchema | null>();

/** Providers with committed data (`azurerm`, ...). */
export function terraformProviders(): string[] {
  const dir = path.join(DATA_DIR, 'terraform');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json.gz')).map((f) => f.replace(/\.json\.gz$/, '')).sort() : [];
}

/** A Terraform provider's schema, or undefined when no data is committed for it. */
export function terraformSchema(provider: string): TfProviderSchema | undefined {
  let s = terraform.get(provider);
  if (s === undefined) {
    const file = path.join(DATA_DIR, 'terraform', `${provider}.json.gz`);
    s = /^[a-z0-9-]+$/.test(provider) && fs.existsSync(file) ? readGz<TfProviderSchema>(file) : null;
    terraform.set(provider, s);
  }
  return s ?? undefined;
}

let cfn: CfnSchema | undefined;
const cfnTypes = new Map<string, CfnResourceSpec | null>();

/** The reduced CloudFormation schema (every type still JSON-encoded). */
export function cloudFormationSchema(): CfnSchema {
  cfn ??= readGz<CfnSchema>(path.join(DATA_DIR, 'cloudformation.json.gz'));
  return cfn;
}

/** One CloudFormation resource type's spec, or undefined when the schema does not know the type. */
export function cloudFormationSpec(type: string): CfnResourceSpec | undefined {
  let s = cfnTypes.get(type);
  if (s === undefined) {
    const { resources } = cloudFormationSchema();
    s = Object.prototype.hasOwnProperty.call(resources, type) ? (JSON.parse(resources[type]) as CfnResourceSpec) : null;
    cfnTypes.set(type, s);
  }
  return s ?? undefined;
}
