/**
 * Terraform JSON (`*.tf.json`, cdktf `cdk.tf.json`) to inventory records: `resource` blocks as
 * managed resources, `data` blocks as data records (rules that read policy documents look at
 * them), `module` blocks as module records (not inspected, but reported).
 * @see https://developer.hashicorp.com/terraform/language/syntax/json
 */
import { PolicyInputError } from '../errors';
import type { Cloud, InventoryResource, ResourceMode } from '../types';
import { parseJsonencode } from '../util/hcl-expr';
import { bool, isObj, Obj, tagsOf } from '../util/values';
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

/**
 * Literal values of one Terraform module (the files loaded together): variable defaults (or
 * `*.tfvars` values) and locals, by name. Only values with no expression inside are kept.
 */
export interface TerraformScope {
  readonly vars: ReadonlyMap<string, unknown>;
  readonly locals: ReadonlyMap<string, unknown>;
}

const EMPTY_SCOPE: TerraformScope = { vars: new Map(), locals: new Map() };
const isEmptyScope = (s: TerraformScope) => s.vars.size === 0 && s.locals.size === 0;

/** A value with no expression anywhere inside (no `${...}` interpolation or `%{...}` directive, no null). */
export function isLiteralValue(v: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof v === 'string') return !v.includes('${') && !v.includes('%{');
  if (typeof v === 'number' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every((x) => isLiteralValue(x, depth + 1));
  if (isObj(v)) return Object.values(v).every((x) => isLiteralValue(x, depth + 1));
  return false;
}

const REF_RE = /^\$\{\s*(var|local)\.([A-Za-z_][\w-]*)\s*\}$/;

/**
 * Replaces every string that is exactly `${var.x}` / `${local.x}` (an attribute, a list item or a
 * map value, at any block depth) by the literal value of the scope, and string/number ones inside
 * templates (`"${var.prefix}-bucket"`) and `jsonencode(...)` documents. Anything computed
 * (`var.list[0]`, function calls) stays as it is. Unchanged values keep their identity, so bodies
 * without references are never copied.
 */
export function substituteReferences(v: unknown, scope: TerraformScope, depth = 0): unknown {
  if (typeof v === 'string') {
    if (!v.includes('${')) return v;
    const m = REF_RE.exec(v);
    if (!m) return v.startsWith('${jsonencode(') ? substituteInJsonencode(v, scope, depth) : substituteInTemplate(v, scope);
    const table = m[1] === 'var' ? scope.vars : scope.locals;
    return table.has(m[2]) ? table.get(m[2]) : v;
  }
  if (depth > 64 || typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = substituteReferences(v[i], scope, depth + 1);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return out ?? v;
  }
  let out: Obj | undefined;
  const o = v as Obj;
  for (const k in o) {
    const x = substituteReferences(o[k], scope, depth + 1);
    if (x !== o[k]) (out ??= markDynamic({ ...o }, o))[k] = x;
  }
  return out ?? o;
}

const INTERPOLATION_RE = /\$\{\s*(var|local)\.([A-Za-z_][\w-]*)\s*\}/g;

/** `"https://${local.service}.${var.region}.amazonaws.com"`: literal string/number variables and locals substituted inside a template. */
function substituteInTemplate(v: string, scope: TerraformScope): string {
  let changed = false;
  const out = v.replace(INTERPOLATION_RE, (whole, kind: string, name: string) => {
    const x = (kind === 'var' ? scope.vars : scope.locals).get(name);
    if (typeof x !== 'string' && typeof x !== 'number') return whole;
    changed = true;
    return String(x);
  });
  return changed ? out : v;
}

/**
 * `${jsonencode({ image = var.image })}` with literal variables / locals inside: the document as JSON
 * text with them substituted (rules decode JSON and jsonencode text alike). Unchanged otherwise.
 */
function substituteInJsonencode(v: string, scope: TerraformScope, depth: number): string {
  if (!/\b(?:var|local)\./.test(v)) return v;
  const doc = parseJsonencode(v);
  if (doc === undefined) return v;
  const out = substituteReferences(doc, scope, depth + 1);
  return out === doc ? v : JSON.stringify(out);
}

/**
 * The literal variables and locals of documents loaded together (one module directory, or one
 * file). `tfvars` (terraform.tfvars, *.auto.tfvars) override defaults of declared variables.
 * Sensitive variables are left unresolved (their value is meant to come from outside). Locals
 * that are exactly a reference to another literal variable or local are resolved too.
 */
export function terraformScope(docs: readonly unknown[], tfvars: readonly unknown[] = []): TerraformScope {
  const vars = new Map<string, unknown>();
  const declared = new Set<string>();
  const rawLocals = new Map<string, unknown>();
  for (const doc of docs) {
    if (!isObj(doc)) continue;
    for (const section of sections(doc.variable)) {
      for (const [name, raw] of Object.entries(section)) {
        const b = body(raw) ?? {};
        if (bool(b.sensitive) === true) continue;
        declared.add(name);
        if (isLiteralValue(b.default)) vars.set(name, b.default);
      }
    }
    for (const section of sections(doc.locals)) {
      for (const [name, value] of Object.entries(section)) if (name !== TF_METADATA_KEY) rawLocals.set(name, value);
    }
  }
  for (const file of tfvars) {
    if (!isObj(file)) continue;
    for (const [name, value] of Object.entries(file)) {
      if (!declared.has(name)) continue;
      if (isLiteralValue(value)) vars.set(name, value);
      else vars.delete(name);
    }
  }
  const locals = new Map<string, unknown>();
  if (rawLocals.size === 0) return vars.size === 0 ? EMPTY_SCOPE : { vars, locals };
  // Locals may reference variables and each other: resolve in a few passes (no evaluation).
  let pending = [...rawLocals];
  for (let pass = 0; pass < 8 && pending.length > 0; pass++) {
    const next: Array<[string, unknown]> = [];
    for (const [name, value] of pending) {
      const resolved = substituteReferences(value, { vars, locals });
      if (isLiteralValue(resolved)) locals.set(name, resolved);
      else next.push([name, value]);
    }
    if (next.length === pending.length) break;
    pending = next;
  }
  return { vars, locals };
}

/** `for_each` values that produce no block: `[]`, `{}`, `toset([])`. */
const EMPTY_FOR_EACH_RE = /^\$\{\s*(?:\[\s*\]|\{\s*\}|toset\(\s*\[\s*\]\s*\))\s*\}$/;
function producesNoBlock(forEach: unknown): boolean {
  if (Array.isArray(forEach)) return forEach.length === 0;
  if (isObj(forEach)) return Object.keys(forEach).length === 0;
  return typeof forEach === 'string' && EMPTY_FOR_EACH_RE.test(forEach);
}

/**
 * `dynamic "<name>" { for_each = ...; content { ... } }` blocks become `<name>` blocks (one per
 * `content`, appended after the static blocks of that name), at any depth: rules read the
 * blocks a dynamic block generates like the ones written by hand. References to the iterator
 * (`statement.value`) stay `${...}` tokens. Returns the body itself when it has no dynamic block.
 */
export function expandDynamicBlocks(b: Obj, depth = 0): Obj {
  if (depth > 32) return b;
  let out: Obj | undefined;
  for (const k in b) {
    if (k === 'dynamic') continue;
    const v = b[k];
    let nv: unknown = v;
    if (isObj(v)) nv = expandDynamicBlocks(v, depth + 1);
    else if (Array.isArray(v)) {
      let list: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        const y = isObj(x) ? expandDynamicBlocks(x, depth + 1) : x;
        if (y !== x) (list ??= v.slice())[i] = y;
      }
      if (list) nv = list;
    }
    if (nv !== v) (out ??= { ...b })[k] = nv;
  }
  const dyn = b.dynamic;
  if (dyn === undefined) return out ?? b;
  const specsByName = sections(dyn);
  if (specsByName.length === 0) return out ?? b;
  out ??= { ...b };
  delete out.dynamic;
  for (const section of specsByName) {
    for (const [name, specs] of Object.entries(section)) {
      for (const spec of blocksOf(specs)) {
        if (producesNoBlock(spec.for_each)) continue;
        for (const content of blocksOf(spec.content)) {
          const existing = out[name];
          const list = Array.isArray(existing) ? existing.slice() : isObj(existing) ? [existing] : [];
          list.push(markDynamic({ ...expandDynamicBlocks(content, depth + 1) }));
          out[name] = list;
        }
      }
    }
  }
  return out;
}

/**
 * Marks a block generated from a `dynamic` block (a symbol key: invisible to JSON and to
 * `Object.keys`): how many such blocks exist is unknown until plan, so schema validation checks
 * their contents but not their count.
 */
export const DYNAMIC_BLOCK = Symbol.for('stateline.terraform.dynamic-block');

/** Sets the (non-enumerable) dynamic marker on a block body, or carries it from `from` to a copy. */
function markDynamic(body: Obj, from?: Obj): Obj {
  if (!from || (from as Record<symbol, unknown>)[DYNAMIC_BLOCK]) Object.defineProperty(body, DYNAMIC_BLOCK, { value: true, enumerable: false });
  return body;
}

const blocksOf = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : isObj(v) ? [v] : []);

export interface TerraformOptions {
  /** Literal variables and locals to substitute; default: those declared in `doc` itself. */
  readonly scope?: TerraformScope;
  /**
   * Whether bodies may contain `dynamic` blocks (default true). Loaders pass false for JSON text
   * without a `"dynamic"` key, so large cdktf outputs are not walked for nothing.
   */
  readonly dynamicBlocks?: boolean;
}

/** Normalizes a parsed Terraform JSON document (or an hcl2json parse tree, which has the same shape). */
export function terraformResources(ctx: LoadContext, file: string, doc: unknown, stack: string, options: TerraformOptions = {}): InventoryResource[] {
  if (!isObj(doc) || !Object.keys(doc).some((k) => KNOWN_TOP_LEVEL.includes(k))) {
    throw new PolicyInputError(display(ctx, file), 'not Terraform JSON: expected an object with "resource", "data", "module" or other Terraform blocks');
  }
  const source = display(ctx, file);
  const scope = options.scope ?? terraformScope([doc]);
  const substitute = !isEmptyScope(scope);
  const dynamic = options.dynamicBlocks !== false;
  const prepare = (b: Obj): Obj => {
    let x = dynamic ? expandDynamicBlocks(b) : b;
    if (substitute) x = substituteReferences(x, scope) as Obj;
    return x;
  };
  const out: InventoryResource[] = [];
  for (const [mode, key] of [['managed', 'resource'], ['data', 'data']] as const) {
    for (const section of sections(doc[key])) {
      for (const [type, byName] of Object.entries(section)) {
        if (!isObj(byName)) {
          throw new PolicyInputError(display(ctx, file), `${key} "${type}" must map names to bodies`);
        }
        for (const [name, raw] of Object.entries(byName)) {
          const b = body(raw);
          if (b) out.push(record(source, stack, mode, type, name, prepare(b)));
        }
      }
    }
  }
  for (const section of sections(doc.module)) {
    for (const [name, raw] of Object.entries(section)) {
      const b = body(raw);
      if (b) out.push(record(source, stack, 'module', 'module', name, prepare(b)));
    }
  }
  return out;
}
