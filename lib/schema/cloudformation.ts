/**
 * CloudFormation resources against the registry schema of their type (as reduced from
 * `@aws-cdk/aws-service-spec`): property names, required properties, types of values and, where
 * the schema lists them, allowed values, down through nested property types and lists.
 *
 * Intrinsics (`Ref`, `Fn::*`, `Condition`) and dynamic references (`{{resolve:...}}`) are values
 * resolved at deploy time: never checked. Resource attributes (`DependsOn`, `Condition`,
 * `Metadata`, `DeletionPolicy`, ...) are not properties and are never read here.
 */
import type { InventoryResource } from '../policy/types';
import { isIntrinsic, isObj, Obj } from '../policy/util/values';
import { cloudFormationSchema, cloudFormationSpec } from './data';
import { AttrSpec, CfnResourceSpec, readSpec } from './format';
import { describe, index, join, SchemaProblem, suggestion, typeOfValue } from './problems';
import { checkScalar, convertsTo } from './scalars';

const has = (o: object | undefined, k: string) => !!o && Object.prototype.hasOwnProperty.call(o, k);

/** Types with no fixed schema: custom resources, and modules/third-party types of the registry. */
export const isSchemaless = (type: string) => type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource' || !/^(?:AWS|Alexa)::/.test(type);

class CfnValidator {
  readonly problems: SchemaProblem[] = [];
  constructor(private readonly spec: CfnResourceSpec, private readonly owner: string) {}

  object(value: Obj, props: Record<string, AttrSpec>, path: string, typeName: string): void {
    for (const key of Object.keys(value)) {
      const where = join(path, key);
      if (!has(props, key)) {
        this.problems.push({ kind: 'unknown-attribute', path: where, message: `${where} is not a property of ${typeName}${suggestion(key, Object.keys(props))}` });
        continue;
      }
      const v = value[key];
      if (v === null || v === undefined) continue;
      const { type, allowed } = readSpec(props[key]);
      this.value(v, type, allowed, where);
    }
    for (const [name, spec] of Object.entries(props)) {
      if (readSpec(spec).required && (value[name] === undefined || value[name] === null)) {
        const where = join(path, name);
        this.problems.push({ kind: 'missing-required', path: where, message: `required property ${where} is missing` });
      }
    }
  }

  value(v: unknown, type: string, allowed: ReadonlyArray<string | number> | undefined, path: string): void {
    if (type === 'j' || isIntrinsic(v)) return;
    if (type.includes('|')) {
      this.union(v, type.split('|'), allowed, path);
      return;
    }
    switch (type[0]) {
      case '[':
        if (Array.isArray(v)) v.forEach((x, i) => x !== null && this.value(x, type.slice(1), allowed, index(path, i)));
        else this.wrong(v, type, path);
        return;
      case '{':
        if (isObj(v)) for (const [k, x] of Object.entries(v)) x !== null && this.value(x, type.slice(1), allowed, join(path, k));
        else this.wrong(v, type, path);
        return;
      case '@': {
        const props = this.spec.d?.[type.slice(1)];
        if (!isObj(v)) this.wrong(v, type, path);
        else if (props) this.object(v, props, path, type.slice(1));
        return;
      }
      case 'g':
        if (isObj(v)) this.object(v, TAG, path, 'Tag');
        else this.wrong(v, type, path);
        return;
      default:
        checkScalar(v, type, allowed, path, this.problems);
    }
  }

  /** A union: the member whose shape fits the value decides; no member fitting is a wrong type. */
  private union(v: unknown, members: string[], allowed: ReadonlyArray<string | number> | undefined, path: string): void {
    const shape = Array.isArray(v) ? '[' : isObj(v) ? 'obj' : 'scalar';
    const fitting = members.filter((m) => (shape === '[' ? m[0] === '[' : shape === 'obj' ? m[0] === '@' || m[0] === '{' || m === 'g' : m[0] !== '[' && m[0] !== '{' && m[0] !== '@' && m !== 'g' && convertsTo(v, m)) || m === 'j');
    if (fitting.length === 0) {
      this.wrong(v, members.join('|'), path);
      return;
    }
    for (const m of fitting) {
      const trial = new CfnValidator(this.spec, this.owner);
      trial.value(v, m, allowed, path);
      if (trial.problems.length === 0) return;
    }
    this.value(v, fitting[0], allowed, path);
  }

  private wrong(v: unknown, type: string, path: string): void {
    this.problems.push({ kind: 'wrong-type', path, message: `${path} must be ${describe(type)}, got ${typeOfValue(v)}` });
  }
}

const TAG: Record<string, AttrSpec> = { Key: 's!', Value: 's!' };

/**
 * Problems of one CloudFormation resource, or undefined when its type has no fixed schema
 * (custom resources, registry modules, third-party types): it is then not validated. An `AWS::`
 * type the schema does not know is an `unknown-type` problem.
 */
export function validateCloudFormation(r: InventoryResource): SchemaProblem[] | undefined {
  if (isSchemaless(r.type)) return undefined;
  const spec = cloudFormationSpec(r.type);
  if (!spec) {
    const known = Object.keys(cloudFormationSchema().resources).filter((t) => t.split('::')[1] === r.type.split('::')[1]);
    return [{ kind: 'unknown-type', path: '', message: `${r.type} is not a CloudFormation resource type (${cloudFormationSchema().source})${suggestion(r.type, known)}` }];
  }
  if (isIntrinsic(r.properties)) return [];
  const v = new CfnValidator(spec, r.type);
  v.object(r.properties as Obj, spec.p, '', r.type);
  return v.problems;
}
