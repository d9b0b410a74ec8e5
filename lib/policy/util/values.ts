/**
 * Small, allocation-light helpers to read synthesized property values the same way for
 * CloudFormation (PascalCase, intrinsics) and Terraform (snake_case, `${...}` strings,
 * nested blocks as an object or a list of objects).
 */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A CloudFormation intrinsic (`{ Ref }`, `{ "Fn::X" }`, `{ Condition }`): a reference, not a value. */
export function isIntrinsic(v: unknown): boolean {
  if (!isObj(v)) return false;
  let only: string | undefined;
  for (const k in v) {
    if (only !== undefined) return false;
    only = k;
  }
  return only !== undefined && (only === 'Ref' || only === 'Condition' || only.startsWith('Fn::'));
}

/** A value that is resolved at deploy time: an intrinsic, a `${...}` interpolation or a dynamic reference. */
export function isToken(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('${') || v.includes('{{resolve:');
  return isIntrinsic(v);
}

/** The value as a literal string, or undefined when it is not a plain string (or is a token). */
export function literal(v: unknown): string | undefined {
  return typeof v === 'string' && !isToken(v) ? v : undefined;
}

/** `NetworkConfiguration` -> `network_configuration`. */
export function snake(name: string): string {
  return spellings(name)[0];
}

const spellingCache = new Map<string, readonly [snake: string, camel: string]>();
/** snake_case and camelCase spellings of a CloudFormation name (memoized: rules ask for the same few names). */
function spellings(name: string): readonly [string, string] {
  let s = spellingCache.get(name);
  if (s === undefined) {
    s = [
      name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase(),
      name.charAt(0).toLowerCase() + name.slice(1),
    ];
    spellingCache.set(name, s);
  }
  return s;
}

/** Reads a property by its CloudFormation name, falling back to snake_case (Terraform, awscc) and camelCase. */
export function prop(o: unknown, name: string): unknown {
  if (!isObj(o)) return undefined;
  const v = o[name];
  if (v !== undefined) return v;
  const [s, camel] = spellings(name);
  const w = o[s];
  return w !== undefined ? w : o[camel];
}

/** Nested Terraform blocks and CloudFormation lists alike: an object is one block, a list its objects. */
export function blocks(v: unknown): Obj[] {
  if (Array.isArray(v)) return v.filter(isObj);
  return isObj(v) ? [v] : [];
}

/** First block of a nested block (HCL gives a list even for a single block). */
export const block = (v: unknown): Obj | undefined => blocks(v)[0];

/** Reads a dotted path through nested blocks, taking the first block at each step. */
export function path(o: unknown, ...names: string[]): unknown {
  let cur: unknown = o;
  for (const n of names) {
    const next = prop(Array.isArray(cur) ? block(cur) : cur, n);
    if (next === undefined) return undefined;
    cur = next;
  }
  return cur;
}

/** Literal strings of a value that may be a string or a list (CloudFormation `Action`, Terraform `actions`). */
export function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Every string inside a value, walking objects and arrays (bounded depth), e.g. both branches of `Fn::If`. */
export function allStrings(v: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 32) return out;
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) allStrings(x, out, depth + 1);
  else if (isObj(v)) for (const k in v) allStrings(v[k], out, depth + 1);
  return out;
}

/**
 * The value as searchable text: strings as they are, anything else as JSON. Only for the few
 * resource types whose rules search a whole value (state machine definitions, integration URIs).
 */
export function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A literal boolean (Terraform may give `"true"` strings from HCL variables defaults); undefined if a token or absent. */
export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** A literal number (numbers and numeric strings); undefined for tokens or absent values. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

/**
 * The Terraform address a `${type.name.attr}` interpolation points at, e.g.
 * `${azurerm_public_ip.gw1.id}` -> `azurerm_public_ip.gw1`. CloudFormation `{ Ref }` / `Fn::GetAtt`
 * give the logical id.
 */
export function referencedId(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const m = /^\$\{((?:data\.)?[a-z][a-z0-9_-]*\.[A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.[A-Za-z0-9_.[\]"]+\}$/.exec(v);
    return m ? m[1] : undefined;
  }
  if (isObj(v)) {
    if (typeof v.Ref === 'string') return v.Ref;
    const ga = v['Fn::GetAtt'];
    if (Array.isArray(ga) && typeof ga[0] === 'string') return ga[0];
    if (typeof ga === 'string') return ga.split('.')[0];
  }
  return undefined;
}

/** Resource tags as a flat map: CloudFormation `[{ Key, Value }]` or a Terraform / CloudFormation map. */
export function tagsOf(properties: Obj): Record<string, string> {
  const raw = properties.Tags ?? properties.tags;
  if (raw === undefined) return NO_TAGS;
  const out: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const t of raw) {
      if (isObj(t) && typeof t.Key === 'string' && typeof t.Value === 'string') out[t.Key] = t.Value;
    }
  } else if (isObj(raw)) {
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

const NO_TAGS: Record<string, string> = Object.freeze({}) as Record<string, string>;
