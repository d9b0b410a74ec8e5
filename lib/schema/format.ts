/**
 * The compact schema data format, shared by the generator (`scripts/gen-provider-schemas.ts`)
 * and the validators. The data is committed under `lib/schema/data/` as packed tables
 * (`packed.ts`: gzip files read piece by piece) and read only when a schema rule runs.
 *
 * Types are short strings so the data stays small:
 * - scalars: `s` string, `n` number, `i` integer, `b` boolean, `j` any JSON (not checked),
 *   `t` date-time (a string), `g` a CloudFormation tag (`{ Key, Value }`);
 * - collections: `[X` a list (or set) of X, `{X` a map of X;
 * - CloudFormation only: `@Name` a property type of the resource, `X|Y` a union.
 * An attribute is the type string, a trailing `!` when required, or `[type, enumeration]` when the
 * schema (or the provider's documentation) lists the allowed values, or `[type, enumeration | null,
 * text]` when the CloudFormation registry schema also constrains its strings (`TextSpec`: pattern,
 * minimum and maximum length).
 */
import { PackedTable, packTable } from './packed';

/** A type string, `!`-suffixed when required, or `[type, allowed values]`, or `[type, allowed values | null, text constraints]`. */
export type AttrSpec = string | [string, Array<string | number>] | [string, Array<string | number> | null, TextSpec];

/**
 * What the CloudFormation registry schema allows for the strings of a property (its `pattern`,
 * `minLength` and `maxLength`), checked on literal strings only; lengths count Unicode code points,
 * as JSON Schema does.
 */
export interface TextSpec {
  /** JavaScript RegExp source of the registry's `pattern` (translated: see scripts/provider-schemas/registry-patterns.ts). */
  readonly p?: string;
  /** RegExp flags for `p`; absent means `u`. */
  readonly f?: string;
  /** The pattern as the registry schema writes it, when that differs from `p` (messages show this). */
  readonly o?: string;
  /** Minimum length. */
  readonly n?: number;
  /** Maximum length. */
  readonly x?: number;
}

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

/** Keys of a provider's types in its packed table (`r\tazurerm_subnet`, `d\tazurerm_client_config`). */
export const tfKey = (kind: 'resources' | 'dataSources', type: string): string => `${kind === 'resources' ? 'r' : 'd'}\t${type}`;

/**
 * The committed Terraform file (`lib/schema/data/terraform/<provider>.json.gz`): a packed table
 * (lib/schema/packed.ts) whose header line is the provider's metadata (JSON) and whose entries
 * are its types, each block JSON-encoded so a run parses only the types it meets.
 */
export function encodeProvider(s: TfProviderSchema): Buffer {
  const { provider, source, version, binding, enumerations, generated } = s;
  const entries = (kind: 'resources' | 'dataSources') => Object.keys(s[kind]).map((t) => [tfKey(kind, t), JSON.stringify(s[kind][t])] as const);
  return packTable(JSON.stringify({ provider, source, version, binding, enumerations, generated }), [...entries('resources'), ...entries('dataSources')]);
}

/** The whole provider schema of a committed file (for the generator and tests; runs read types one by one). */
export function decodeProvider(bytes: Buffer, name = 'provider data'): TfProviderSchema {
  const table = new PackedTable(bytes, name);
  const resources: Record<string, TfBlock> = {};
  const dataSources: Record<string, TfBlock> = {};
  for (const [key, json] of table.entries()) (key[0] === 'r' ? resources : dataSources)[key.slice(2)] = JSON.parse(json) as TfBlock;
  return { ...(JSON.parse(table.header) as TfProviderMeta), resources, dataSources };
}

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
  /** The npm package and version the string constraints come from (registry schemas; see scripts/provider-schemas/registry-constraints.ts). */
  readonly constraints?: string;
  readonly generated: string;
  /** Resource type -> spec, each JSON-encoded so a run parses only the types it meets. */
  readonly resources: Record<string, string>;
}

/**
 * The committed CloudFormation file is a packed table (lib/schema/packed.ts): gunzipped whole it
 * is text, a JSON header line (`source`, `constraints`, `generated`), then one line per type, `<type>\t<spec
 * JSON>`; a run inflates only the members holding the types it meets.
 */
export function encodeCfn(s: CfnSchema): Buffer {
  return packTable(JSON.stringify({ source: s.source, ...(s.constraints ? { constraints: s.constraints } : {}), generated: s.generated }), Object.entries(s.resources));
}
export function decodeCfn(bytes: Buffer, name = 'CloudFormation data'): CfnSchema {
  const table = new PackedTable(bytes, name);
  const header = JSON.parse(table.header) as Omit<CfnSchema, 'resources'>;
  const resources: Record<string, string> = Object.create(null);
  for (const [type, json] of table.entries()) resources[type] = json;
  return { ...header, resources };
}

/** Splits an attribute spec into its type, required flag, enumeration and text constraints. */
export function readSpec(spec: AttrSpec): { type: string; required: boolean; allowed?: ReadonlyArray<string | number>; text?: TextSpec } {
  const raw = typeof spec === 'string' ? spec : spec[0];
  const required = raw.endsWith('!');
  const type = required ? raw.slice(0, -1) : raw;
  if (typeof spec === 'string') return { type, required };
  return { type, required, ...(spec[1] ? { allowed: spec[1] } : {}), ...(spec.length === 3 ? { text: spec[2] } : {}) };
}
