/**
 * Terraform JSON (`*.tf.json`, cdktf `cdk.tf.json`) to inventory records: `resource` blocks as
 * managed resources, `data` blocks as data records (rules that read policy documents look at
 * them), `module` blocks as module records (not inspected, but reported).
 * @see https://developer.hashicorp.com/terraform/language/syntax/json
 */
import { PolicyInputError } from '../errors';
import type { Cloud, InventoryResource, ResourceMode } from '../types';
import { isObj, Obj, tagsOf } from '../util/values';
import { display, LoadContext } from './read';

/** The key cdktf uses for metadata on a resource body; stateline suppressions live in it too. */
export const TF_METADATA_KEY = '//';

const KNOWN_TOP_LEVEL = ['resource', 'data', 'module', 'provider', 'terraform', 'variable', 'output', 'locals', 'moved', 'import', 'check', 'removed', '//'];

/** Cloud of a Terraform resource type: `azurerm_*`/`azapi_*` azure, `aws_*`/`awscc_*` aws, `google_*` gcp, else the provider prefix. */
export function cloudOf(type: string): Cloud {
  const provider = providerOf(type);
  switch (provider) {
    case 'azurerm':
    case 'azapi':
    case 'azuread':
      return 'azure';
    case 'aws':
    case 'awscc':
      return 'aws';
    case 'google':
    case 'google-beta':
      return 'gcp';
    default:
      return provider;
  }
}

/** Provider name of a Terraform type: the prefix before the first `_`. */
export const providerOf = (type: string): string => {
  const i = type.indexOf('_');
  return i < 0 ? type : type.slice(0, i);
};

/** JSON syntax allows a block body as an object or a list of objects; merge a list into one body. */
function body(v: unknown): Obj | undefined {
  if (isObj(v)) return v;
  if (Array.isArray(v)) {
    const parts = v.filter(isObj);
    return parts.length ? Object.assign({}, ...parts) : undefined;
  }
  return undefined;
}

/** A top-level section (`resource`, `data`) may itself be a list of objects in JSON syntax. */
function sections(v: unknown): Obj[] {
  if (isObj(v)) return [v];
  return Array.isArray(v) ? v.filter(isObj) : [];
}

const EMPTY: Obj = Object.freeze({}) as Obj;

function record(source: string, stack: string, mode: ResourceMode, type: string, name: string, raw: Obj): InventoryResource {
  // Copy the body only when it carries cdktf metadata to strip (most bodies do not).
  let properties = raw;
  let metadata = EMPTY;
  if (TF_METADATA_KEY in raw) {
    const { [TF_METADATA_KEY]: meta, ...rest } = raw;
    properties = rest;
    if (isObj(meta)) metadata = meta;
  }
  const cdktfPath = isObj(metadata.metadata) ? metadata.metadata.path : undefined;
  const id = mode === 'data' ? `data.${type}.${name}` : mode === 'module' ? `module.${name}` : `${type}.${name}`;
  return {
    cloud: mode === 'module' ? 'unknown' : cloudOf(type),
    provider: mode === 'module' ? 'module' : providerOf(type),
    format: 'terraform',
    mode,
    type,
    id,
    stack,
    source,
    properties,
    tags: tagsOf(properties),
    metadata,
    path: typeof cdktfPath === 'string' ? cdktfPath : undefined,
  };
}

/** Normalizes a parsed Terraform JSON document. */
export function terraformResources(ctx: LoadContext, file: string, doc: unknown, stack: string): InventoryResource[] {
  if (!isObj(doc) || !Object.keys(doc).some((k) => KNOWN_TOP_LEVEL.includes(k))) {
    throw new PolicyInputError(display(ctx, file), 'not Terraform JSON: expected an object with "resource", "data", "module" or other Terraform blocks');
  }
  const source = display(ctx, file);
  const out: InventoryResource[] = [];
  for (const [mode, key] of [['managed', 'resource'], ['data', 'data']] as const) {
    for (const section of sections(doc[key])) {
      for (const [type, byName] of Object.entries(section)) {
        if (!isObj(byName)) {
          throw new PolicyInputError(display(ctx, file), `${key} "${type}" must map names to bodies`);
        }
        for (const [name, raw] of Object.entries(byName)) {
          const b = body(raw);
          if (b) out.push(record(source, stack, mode, type, name, b));
        }
      }
    }
  }
  for (const section of sections(doc.module)) {
    for (const [name, raw] of Object.entries(section)) {
      const b = body(raw);
      if (b) out.push(record(source, stack, 'module', 'module', name, b));
    }
  }
  return out;
}
