/**
 * CloudFormation resources against the registry schema of their type (as reduced from
 * `@aws-cdk/aws-service-spec`): property names, required properties, types of values and, where
 * the schema lists them, allowed values, down through nested property types and lists.
 *
 * Where the registry schema gives them, literal strings are also checked against the property's
 * `pattern`, `minLength` and `maxLength` (scalars.ts): the service spec drops those keywords, so
 * the generator reads them from the registry schemas themselves (see
 * scripts/provider-schemas/registry-constraints.ts for the source and what is left out).
 *
 * Intrinsics (`Ref`, `Fn::*`, `Condition`) and dynamic references (`{{resolve:...}}`) are values
 * resolved at deploy time: never checked. Resource attributes (`DependsOn`, `Condition`,
 * `Metadata`, `DeletionPolicy`, ...) are not properties and are never read here.
 */
import type { InventoryResource } from '../policy/types';
import { isIntrinsic, isObj, Obj } from '../policy/util/values';
import { cloudFormationSource, cloudFormationSpec, cloudFormationTypes } from './data';
import { CompiledAttr, compileProps } from './compiled';
import type { AttrSpec, CfnResourceSpec } from './format';
import { describe, index, join, SchemaProblem, suggestion, typeOfValue } from './problems';
import { checkScalar, convertsTo, fitsTrivially } from './scalars';

/** Types with no fixed schema: custom resources, and modules/third-party types of the registry. */
export const isSchemaless = (type: string) => type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource' || !/^(?:AWS|Alexa)::/.test(type);

/** No problems (shared: most records have none, so validating one allocates nothing). */
const NONE: readonly SchemaProblem[] = Object.freeze([]);

/**
 * The validator of one resource type, made once per type and reused for every record of it:
 * problems go to a list created only when the first one is found.
 */
class CfnValidator {
  private problems: SchemaProblem[] | undefined;
  constructor(private readonly spec: CfnResourceSpec) {}

  /** The problems of one resource's `Properties`. */
  run(properties: Obj, type: string): readonly SchemaProblem[] {
    this.problems = undefined;
    this.object(properties, this.spec.p, '', type);
    const found = this.problems ?? NONE;
    this.problems = undefined;
    return found;
  }

  private report(p: SchemaProblem): void {
    (this.problems ??= []).push(p);
  }

  private object(value: Obj, props: Record<string, AttrSpec>, path: string, typeName: string): void {
    const c = compileProps(props);
    for (const key in value) {
      const attr = c.attrs.get(key);
      if (!attr) {
        const where = join(path, key);
        this.report({ kind: 'unknown-attribute', path: where, message: `${where} is not a property of ${typeName}${suggestion(key, [...c.attrs.keys()])}` });
        continue;
      }
      const v = value[key];
      if (v !== null && v !== undefined) this.value(v, attr.type, attr, path, key);
    }
    for (const name of c.required) {
      if (value[name] === undefined || value[name] === null) {
        const where = join(path, name);
        this.report({ kind: 'missing-required', path: where, message: `required property ${where} is missing` });
      }
    }
  }

  /** Checks a value at `parent` + `key` (the path is built only when needed). */
  private value(v: unknown, type: string, attr: CompiledAttr | undefined, parent: string, key: string | number): void {
    if (fitsTrivially(v, type, attr) || type === 'j' || isIntrinsic(v)) return;
    if (type.includes('|')) {
      this.union(v, type.split('|'), attr, parent, key);
      return;
    }
    switch (type[0]) {
      case '[':
        if (Array.isArray(v)) {
          const path = at(parent, key);
          for (let i = 0; i < v.length; i++) if (v[i] !== null) this.value(v[i], type.slice(1), attr, path, i);
        } else this.wrong(v, type, at(parent, key));
        return;
      case '{':
        if (isObj(v)) {
          const path = at(parent, key);
          for (const k in v) if (v[k] !== null) this.value(v[k], type.slice(1), attr, path, k);
        } else this.wrong(v, type, at(parent, key));
        return;
      case '@': {
        const props = this.spec.d?.[type.slice(1)];
        if (!isObj(v)) this.wrong(v, type, at(parent, key));
        else if (props) this.object(v, props, at(parent, key), type.slice(1));
        return;
      }
      case 'g':
        if (isObj(v)) this.object(v, TAG, at(parent, key), 'Tag');
        else this.wrong(v, type, at(parent, key));
        return;
      default: {
        const problem = checkScalar(v, type, attr);
        if (problem) this.report(problem(at(parent, key)));
      }
    }
  }

  /** A union: the member whose shape fits the value decides; no member fitting is a wrong type. */
  private union(v: unknown, members: string[], attr: CompiledAttr | undefined, parent: string, key: string | number): void {
    const shape = Array.isArray(v) ? '[' : isObj(v) ? 'obj' : 'scalar';
    const fitting = members.filter((m) => (shape === '[' ? m[0] === '[' : shape === 'obj' ? m[0] === '@' || m[0] === '{' || m === 'g' : m[0] !== '[' && m[0] !== '{' && m[0] !== '@' && m !== 'g' && convertsTo(v, m)) || m === 'j');
    if (fitting.length === 0) {
      this.wrong(v, members.join('|'), at(parent, key));
      return;
    }
    for (const m of fitting) {
      // A trial: the member fits when checking the value against it finds nothing.
      const outer = this.problems;
      this.problems = undefined;
      this.value(v, m, attr, parent, key);
      const fits = this.problems === undefined;
      this.problems = outer;
      if (fits) return;
    }
    this.value(v, fitting[0], attr, parent, key);
  }

  private wrong(v: unknown, type: string, path: string): void {
    this.report({ kind: 'wrong-type', path, message: `${path} must be ${describe(type)}, got ${typeOfValue(v)}` });
  }
}

/** `parent.key` or `parent[i]`. */
const at = (parent: string, key: string | number) => (typeof key === 'number' ? index(parent, key) : join(parent, key));

const TAG: Record<string, AttrSpec> = { Key: 's!', Value: 's!' };

const validators = new WeakMap<CfnResourceSpec, CfnValidator>();

/**
 * Problems of one CloudFormation resource, or undefined when its type has no fixed schema
 * (custom resources, registry modules, third-party types): it is then not validated. An `AWS::`
 * type the schema does not know is an `unknown-type` problem.
 */
export function validateCloudFormation(r: InventoryResource): readonly SchemaProblem[] | undefined {
  if (isSchemaless(r.type)) return undefined;
  const spec = cloudFormationSpec(r.type);
  if (!spec) {
    const known = cloudFormationTypes().filter((t) => t.split('::')[1] === r.type.split('::')[1]);
    return [{ kind: 'unknown-type', path: '', message: `${r.type} is not a CloudFormation resource type (${cloudFormationSource().source})${suggestion(r.type, known)}` }];
  }
  if (isIntrinsic(r.properties)) return NONE;
  let v = validators.get(spec);
  if (!v) validators.set(spec, (v = new CfnValidator(spec)));
  return v.run(r.properties as Obj, r.type);
}
