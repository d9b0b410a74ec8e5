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

/** One Terraform provider's schema, as the prebuilt cdktf binding describes it. */
export interface TfProviderSchema {
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
  readonly resources: Record<string, TfBlock>;
  readonly dataSources: Record<string, TfBlock>;
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
  readonly generated: string;
  /** Resource type -> spec, each JSON-encoded so a run parses only the types it meets. */
  readonly resources: Record<string, string>;
}

/** Splits an attribute spec into its type, required flag and enumeration. */
export function readSpec(spec: AttrSpec): { type: string; required: boolean; allowed?: ReadonlyArray<string | number> } {
  const raw = typeof spec === 'string' ? spec : spec[0];
  const required = raw.endsWith('!');
  return { type: required ? raw.slice(0, -1) : raw, required, allowed: typeof spec === 'string' ? undefined : spec[1] };
}
