/**
 * The compact schema data format, shared by the generator (`scripts/gen-provider-schemas.ts`)
 * and the validators. The data is committed gzipped under `lib/schema/data/` and read only when
 * a schema rule runs.
 *
 * Types are short strings so the data stays small:
 * - scalars: `s` string, `n` number, `i` integer, `b` boolean, `j` any JSON (not checked),
 *   `t` date-time (a string), `g` a CloudFormation tag (`{ Key, Value }`);
 * - collections: `[X` a list (or set) of X, `{X` a map of X;
 * - CloudFormation only: `@Name` a property type of the resource, `X|Y` a union.
 * An attribute is the type string, a trailing `!` when required, or `[type, enumeration]` when the
 * schema (or the provider's documentation) lists the allowed values.
 */

/** A type string, `!`-suffixed when required, or `[type, allowed values]`. */
export type AttrSpec = string | [string, Array<string | number>];

/** A Terraform block: its attributes, nested blocks and computed-only attribute names. */
export interface TfBlock {
  /** Arguments: name -> spec. */
  readonly a?: Record<string, AttrSpec>;
  /** Nested blocks: name -> [block, min items, max items (0 = unbounded)]. */
  readonly b?: Record<string, [TfBlock, number, number]>;
  /** Computed-only attributes (read-only: setting one is an error). */
  readonly c?: string[];
}

/** What a Terraform provider's data records about itself. */
export interface TfProviderMeta {
  /** Provider local name (`azurerm`). */
  readonly provider: string;
  /** Registry source (`registry.terraform.io/hashicorp/azurerm`). */
  readonly source: string;
  /** The provider version the binding was generated from (and pins). */
  readonly version: string;
  /** The npm package and version the data was generated from (`@cdktf/provider-azurerm@14.23.1`). */
  readonly binding: string;
  /** Where the enumerations came from (binding docs, provider documentation at a tag). */
  readonly enumerations: string;
  /** Date (UTC) the data was generated. */
  readonly generated: string;
}

/** One Terraform provider's schema, as the prebuilt cdktf binding describes it (the generator's view). */
export interface TfProviderSchema extends TfProviderMeta {
  readonly resources: Record<string, TfBlock>;
  readonly dataSources: Record<string, TfBlock>;
}

/** The committed file: each type JSON-encoded, so a run parses only the types it meets. */
export interface TfProviderFile extends TfProviderMeta {
  readonly resources: Record<string, string>;
  readonly dataSources: Record<string, string>;
}

const mapValues = <A, B>(o: Record<string, A>, f: (a: A) => B): Record<string, B> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

export const encodeProvider = (s: TfProviderSchema): TfProviderFile => ({ ...s, resources: mapValues(s.resources, (b) => JSON.stringify(b)), dataSources: mapValues(s.dataSources, (b) => JSON.stringify(b)) });
const decodeBlock = (b: string | TfBlock): TfBlock => (typeof b === 'string' ? (JSON.parse(b) as TfBlock) : b);
export const decodeProvider = (f: TfProviderFile): TfProviderSchema => ({ ...f, resources: mapValues(f.resources, decodeBlock), dataSources: mapValues(f.dataSources, decodeBlock) });

/** One CloudFormation resource type: properties, property types and required names. */
export interface CfnResourceSpec {
  /** Properties: name -> spec. */
  readonly p: Record<string, AttrSpec>;
  /** Property types (`@Name` in specs): name -> properties. */
  readonly d?: Record<string, Record<string, AttrSpec>>;
}

/** The CloudFormation registry schemas, reduced. */
export interface CfnSchema {
  /** The npm package and version the data was generated from (`@aws-cdk/aws-service-spec@0.1.216`). */
  readonly source: string;
  readonly generated: string;
  /** Resource type -> spec, each JSON-encoded so a run parses only the types it meets. */
  readonly resources: Record<string, string>;
}

/**
 * The committed CloudFormation file is text: a JSON header line (`source`, `generated`), then one
 * line per type, `<type>\t<spec JSON>`. Reading it splits lines; only the specs of the types a
 * run meets are parsed (JSON-parsing every spec, or one big string table, costs tens of ms).
 */
export function encodeCfn(s: CfnSchema): string {
  return [JSON.stringify({ source: s.source, generated: s.generated }), ...Object.keys(s.resources).map((t) => `${t}\t${s.resources[t]}`)].join('\n') + '\n';
}
export function decodeCfn(text: string): CfnSchema {
  const lines = text.split('\n');
  const header = JSON.parse(lines[0]) as { source: string; generated: string };
  const resources: Record<string, string> = Object.create(null);
  for (let i = 1; i < lines.length; i++) {
    const tab = lines[i].indexOf('\t');
    if (tab > 0) resources[lines[i].slice(0, tab)] = lines[i].slice(tab + 1);
  }
  return { ...header, resources };
}

/** Splits an attribute spec into its type, required flag and enumeration. */
export function readSpec(spec: AttrSpec): { type: string; required: boolean; allowed?: ReadonlyArray<string | number> } {
  const raw = typeof spec === 'string' ? spec : spec[0];
  const required = raw.endsWith('!');
  return { type: required ? raw.slice(0, -1) : raw, required, allowed: typeof spec === 'string' ? undefined : spec[1] };
}
