/**
 * CloudFormation resource schemas from `@aws-cdk/aws-service-spec` (the database aws-cdk-lib's
 * L1 constructs are generated from, built from the CloudFormation registry schemas): for every
 * resource type its properties, their types, which are required, and the allowed values where the
 * registry schema lists them (`enum`). The database keeps no `pattern` or length constraints;
 * those are added from the registry's generated types (registry-constraints.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { AttrSpec, CfnResourceSpec, CfnSchema, TextSpec } from '../../lib/schema/format';
import * as ts from 'typescript';
import { aliasOf, ConstraintStats, memberText, membersOf, recordValue, RegistryResource, RegistryTypes, unparen } from './registry-constraints';

interface SpecType {
  readonly type: string;
  readonly allowedValues?: ReadonlyArray<string | number>;
  readonly element?: SpecType;
  readonly types?: readonly SpecType[];
  readonly reference?: { readonly $ref: string };
}
interface SpecProperty {
  readonly type: SpecType;
  readonly required?: boolean;
}
interface Entity {
  readonly $id: string;
  readonly name: string;
  readonly cloudFormationType?: string;
  readonly properties: Record<string, SpecProperty>;
}
interface SpecDb {
  readonly schema: {
    readonly resource: { readonly entities: readonly Entity[] };
    readonly typeDefinition: { readonly entities: readonly Entity[] };
  };
}

const SCALAR: Record<string, string> = { string: 's', number: 'n', integer: 'i', boolean: 'b', json: 'j', 'date-time': 't', tag: 'g', null: 'j' };

/** What the generator reports about the CloudFormation data. */
export interface CfnStats extends ConstraintStats {
  /** Properties (of resources and property types) that carry string constraints. */
  constrained: number;
  /** Resource types the registry's generated types describe. */
  withRegistrySchema: number;
}

/**
 * String constraints of one resource's properties, found by walking the service spec's types and
 * the registry's generated types along the same paths: `top` for the resource's own properties,
 * `defs` for its property types (kept only where every path reaching the type agrees).
 */
class ConstraintWalk {
  readonly top = new Map<string, TextSpec>();
  private readonly seen = new Map<string, Map<string, string[]>>();
  /** Type aliases each property type was walked with (a type may contain itself). */
  private readonly visited = new Map<string, Set<ts.TypeNode>>();

  constructor(private readonly registry: RegistryResource, private readonly defs: ReadonlyMap<string, Entity>, private readonly stats: ConstraintStats) {}

  resource(props: Record<string, SpecProperty>): void {
    const members = membersOf(this.registry.properties);
    for (const name of Object.keys(props)) {
      const text = this.leaf(props[name].type, members.get(name));
      if (text) this.top.set(name, text);
    }
  }

  /** Constraints of a property type's properties that every path agreed on. */
  defText(def: string): Map<string, TextSpec> {
    const out = new Map<string, TextSpec>();
    for (const [prop, seen] of this.seen.get(def) ?? []) {
      if (seen.length > 0 && seen[0] !== '' && seen.every((s) => s === seen[0])) out.set(prop, JSON.parse(seen[0]) as TextSpec);
    }
    return out;
  }

  /** The string constraints of a member typed `string`; walks into the property types of the others. */
  private leaf(t: SpecType, member: ts.PropertySignature | undefined): TextSpec | undefined {
    if (!member?.type) return undefined;
    if (t.type === 'string') return memberText(member, this.registry.source, this.stats);
    this.inner(t, member.type);
    return undefined;
  }

  /** Follows lists, maps and references down to property types (their strings' own tags are not written). */
  private inner(t: SpecType, type: ts.TypeNode): void {
    const node = unparen(type);
    if (t.type === 'array' && t.element && ts.isArrayTypeNode(node)) this.inner(t.element, node.elementType);
    else if (t.type === 'map' && t.element) {
      const value = recordValue(node);
      if (value) this.inner(t.element, value);
    } else if (t.type === 'ref') {
      const alias = aliasOf(this.registry, node);
      if (alias) this.def(t.reference?.$ref ?? '', alias);
    }
  }

  private def(id: string, alias: ts.TypeNode): void {
    const def = this.defs.get(id);
    if (!def) return;
    let aliases = this.visited.get(def.name);
    if (!aliases) this.visited.set(def.name, (aliases = new Set()));
    if (aliases.has(alias)) return;
    aliases.add(alias);
    let seen = this.seen.get(def.name);
    if (!seen) this.seen.set(def.name, (seen = new Map()));
    const members = membersOf(alias);
    for (const prop of Object.keys(def.properties)) {
      const text = this.leaf(def.properties[prop].type, members.get(prop));
      const list = seen.get(prop) ?? [];
      list.push(text ? JSON.stringify(text) : '');
      seen.set(prop, list);
    }
  }
}

/**
 * Reduces the installed service spec database to what the schema rules need, with the string
 * constraints of the registry schemas where given.
 */
export function cloudFormationSchema(root: string, generated: string, registry?: RegistryTypes): { schema: CfnSchema; stats: CfnStats } {
  const dir = path.join(root, 'node_modules', '@aws-cdk', 'aws-service-spec');
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'db.json.gz'))).toString('utf8')) as SpecDb;
  const defs = new Map(db.schema.typeDefinition.entities.map((e) => [e.$id, e]));
  const stats: CfnStats = { droppedPatterns: new Map(), constrained: 0, withRegistrySchema: 0 };
  const resources: Record<string, string> = {};
  const sorted = [...db.schema.resource.entities].sort((a, b) => ((a.cloudFormationType ?? '') < (b.cloudFormationType ?? '') ? -1 : 1));
  for (const r of sorted) {
    if (!r.cloudFormationType) continue;
    const used: Record<string, Record<string, AttrSpec>> = {};
    const usedDefs = new Map<string, Entity>();
    const code = (t: SpecType): string => {
      switch (t.type) {
        case 'array':
          return `[${code(t.element as SpecType)}`;
        case 'map':
          return `{${code(t.element as SpecType)}`;
        case 'union':
          return [...new Set((t.types ?? []).map(code))].join('|');
        case 'ref': {
          const def = defs.get(t.reference?.$ref ?? '');
          if (!def) return 'j';
          if (!(def.name in used)) {
            usedDefs.set(def.name, def);
            used[def.name] = {}; // before recursing: property types may refer to themselves
            used[def.name] = props(def.properties, new Map());
          }
          return `@${def.name}`;
        }
        default:
          return SCALAR[t.type] ?? 'j';
      }
    };
    const spec = (p: SpecProperty, text: TextSpec | undefined): AttrSpec => {
      const c = `${code(p.type)}${p.required ? '!' : ''}`;
      const allowed = p.type.allowedValues ?? p.type.element?.allowedValues;
      const values = allowed && allowed.length ? [...allowed] : undefined;
      if (text) return [c, values ?? null, text];
      return values ? [c, values] : c;
    };
    const props = (ps: Record<string, SpecProperty>, texts: ReadonlyMap<string, TextSpec>) => Object.fromEntries(Object.keys(ps).sort().map((k) => [k, spec(ps[k], texts.get(k))]));
    const schema = registry?.resource(r.cloudFormationType);
    const walk = schema ? new ConstraintWalk(schema, defs, stats) : undefined;
    if (walk) {
      stats.withRegistrySchema++;
      walk.resource(r.properties);
    }
    const p = props(r.properties, walk?.top ?? new Map());
    // Property types get their constraints once every path to them has been walked.
    if (walk) {
      for (const name of Object.keys(used)) {
        const texts = walk.defText(name);
        if (texts.size === 0) continue;
        const def = usedDefs.get(name) as Entity;
        used[name] = Object.fromEntries(Object.keys(used[name]).map((k) => {
          const text = texts.get(k);
          return [k, text ? spec(def.properties[k], text) : used[name][k]];
        }));
      }
    }
    for (const props of [p, ...Object.values(used)]) for (const s of Object.values(props)) if (Array.isArray(s) && s.length === 3) stats.constrained++;
    const entry: CfnResourceSpec = { p, ...(Object.keys(used).length ? { d: Object.fromEntries(Object.keys(used).sort().map((k) => [k, used[k]])) } : {}) };
    resources[r.cloudFormationType] = JSON.stringify(entry);
  }
  return { schema: { source: `${pkg.name}@${pkg.version}`, ...(registry ? { constraints: registry.source } : {}), generated, resources }, stats };
}
