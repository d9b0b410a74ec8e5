/**
 * CloudFormation resource schemas from `@aws-cdk/aws-service-spec` (the database aws-cdk-lib's
 * L1 constructs are generated from, built from the CloudFormation registry schemas): for every
 * resource type its properties, their types, which are required, and the allowed values where the
 * registry schema lists them (`enum`). The database keeps no `pattern` or length constraints, so
 * neither does this data.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { AttrSpec, CfnResourceSpec, CfnSchema } from '../../lib/schema/format';

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

/** Reduces the installed service spec database to what the schema rules need. */
export function cloudFormationSchema(root: string, generated: string): CfnSchema {
  const dir = path.join(root, 'node_modules', '@aws-cdk', 'aws-service-spec');
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'db.json.gz'))).toString('utf8')) as SpecDb;
  const defs = new Map(db.schema.typeDefinition.entities.map((e) => [e.$id, e]));
  const resources: Record<string, string> = {};
  const sorted = [...db.schema.resource.entities].sort((a, b) => ((a.cloudFormationType ?? '') < (b.cloudFormationType ?? '') ? -1 : 1));
  for (const r of sorted) {
    if (!r.cloudFormationType) continue;
    const used: Record<string, Record<string, AttrSpec>> = {};
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
            used[def.name] = {}; // before recursing: property types may refer to themselves
            used[def.name] = props(def.properties);
          }
          return `@${def.name}`;
        }
        default:
          return SCALAR[t.type] ?? 'j';
      }
    };
    const spec = (p: SpecProperty): AttrSpec => {
      const c = `${code(p.type)}${p.required ? '!' : ''}`;
      const allowed = p.type.allowedValues ?? p.type.element?.allowedValues;
      return allowed && allowed.length ? [c, [...allowed]] : c;
    };
    const props = (ps: Record<string, SpecProperty>) => Object.fromEntries(Object.keys(ps).sort().map((k) => [k, spec(ps[k])]));
    const entry: CfnResourceSpec = { p: props(r.properties), ...(Object.keys(used).length ? { d: Object.fromEntries(Object.keys(used).sort().map((k) => [k, used[k]])) } : {}) };
    resources[r.cloudFormationType] = JSON.stringify(entry);
  }
  return { source: `${pkg.name}@${pkg.version}`, generated, resources };
}
