/**
 * Offline schema validation: **would the providers accept what was synthesized?** Every
 * CloudFormation resource is checked against the registry schema of its type and every Terraform
 * resource and data source against its provider's schema, before anything is deployed (where a
 * mistake otherwise surfaces at `terraform plan` or CloudFormation create time, an hour into a
 * phased deploy).
 *
 * Reads the policy engine's inventory (`lib/policy/inventory.ts`), never construct trees, so it
 * works on any input the engine loads. The `schema/*` rules in `lib/policy/rules/` report what
 * `validate` finds, one rule per kind of problem.
 *
 * Which records are validated: `InventoryResource.validateSchema`, set by the loaders for
 * synthesized outputs (cloud assemblies and cdktf output directories, so every `stateline synth`
 * and `stateline check --cdk-out/--cdktf-out`) and for every input with `check --schema`.
 *
 * Data: `lib/schema/data/` holds the schemas reduced to what the rules need, regenerated from the
 * installed packages by `npm run schema:providers` (see scripts/gen-provider-schemas.ts):
 * Terraform from each `@cdktf/provider-*` binding's `.jsii` (one file per provider, keyed by the
 * provider version the binding pins), CloudFormation from `@aws-cdk/aws-service-spec` plus the
 * string `pattern`/`minLength`/`maxLength` of the registry schemas, which the service spec drops,
 * from `@awboost/cfn-resource-types` (scripts/provider-schemas/registry-constraints.ts says why
 * that package and how it is read). It is read lazily,
 * only when a schema rule runs, and only the pieces holding the types met (packed.ts); each type's
 * validator is built once and reused for all its records.
 *
 * Exceptions (recorded, not guessed): the registry patterns written in syntax JavaScript reads
 * differently (inline flags `(?s)`/`(?i)`, quantified quantifiers `*{1,1000}`, Java POSIX classes,
 * nested classes: 8 distinct patterns in @awboost/cfn-resource-types@0.1.538; the generator lists
 * them) are not checked; nor are the patterns and lengths of strings inside CloudFormation lists
 * and maps (that package writes only a property's own keywords), Terraform string formats (the
 * bindings carry no validation functions) or mutually exclusive attributes.
 *
 * Never guessed: tokens, intrinsics, `${...}` expressions and dynamic references are skipped;
 * resources with no schema data (another Terraform provider, custom resources) are not validated
 * and counted in the report summary (`summary.schema.notValidated`).
 *
 * @example
 * const problems = validate(resource); // undefined: no schema data for this resource
 */
import { reasons } from '../policy/rule';
import type { InventoryResource, InventoryView, Rule, RuleContext, RuleResult, SchemaSummary } from '../policy/types';
import { validateCloudFormation } from './cloudformation';
import type { ProblemKind, SchemaProblem } from './problems';
import { validateTerraform } from './terraform';

export type { ProblemKind, SchemaProblem } from './problems';

interface Validated {
  readonly problems: readonly SchemaProblem[];
  /** Messages by kind, for the rules (most records have none). */
  readonly byKind?: ReadonlyMap<ProblemKind, string[]>;
}

/** Validates one record (no memo); null when no schema data covers it. */
function compute(r: InventoryResource): Validated | null {
  const problems = (r.format === 'cloudformation' ? validateCloudFormation(r) : validateTerraform(r)) ?? null;
  if (!problems || problems.length === 0) return problems && NO_PROBLEMS;
  const byKind = new Map<ProblemKind, string[]>();
  for (const p of problems) {
    const list = byKind.get(p.kind);
    if (list) list.push(p.message);
    else byKind.set(p.kind, [p.message]);
  }
  return { problems, byKind };
}

const NO_PROBLEMS: Validated = Object.freeze({ problems: Object.freeze([]) });

const memo = new WeakMap<InventoryResource, Validated | null>();

/** A record's validation, computed once per record (for records met outside an inventory pass). */
function validated(r: InventoryResource): Validated | null {
  let v = memo.get(r);
  if (v === undefined) {
    v = compute(r);
    memo.set(r, v);
  }
  return v;
}

/**
 * Schema problems of one record (computed once per record, whatever the number of rules that
 * ask), or undefined when no schema data covers it.
 */
export function validate(r: InventoryResource): SchemaProblem[] | undefined {
  return validated(r)?.problems?.slice();
}

/**
 * One pass over an inventory's records marked for validation, shared by the seven `schema/*`
 * rules and the coverage summary: which records have problems of each kind (the only ones a rule
 * needs to evaluate), which ones the validator failed on, and the coverage counts.
 */
interface Pass {
  readonly byKind: ReadonlyMap<ProblemKind, InventoryResource[]>;
  /** Validation of the records with problems (the others have none, or no schema data). */
  readonly withProblems: ReadonlyMap<InventoryResource, Validated>;
  /** Records whose validation threw: every rule evaluates them, so each reports the failure. */
  readonly failed: readonly InventoryResource[];
  readonly summary: SchemaSummary;
}

const passes = new WeakMap<readonly InventoryResource[], Pass>();

function pass(resources: readonly InventoryResource[]): Pass {
  let p = passes.get(resources);
  if (p) return p;
  const byKind = new Map<ProblemKind, InventoryResource[]>();
  const withProblems = new Map<InventoryResource, Validated>();
  const failed: InventoryResource[] = [];
  let count = 0;
  let notValidated = 0;
  const types = new Set<string>();
  for (const r of resources) {
    if (!r.validateSchema || r.mode === 'module') continue;
    let v: Validated | null;
    try {
      v = compute(r);
    } catch {
      failed.push(r);
      v = null;
    }
    if (v) count++;
    else {
      notValidated++;
      types.add(r.type);
    }
    if (v?.byKind) {
      withProblems.set(r, v);
      for (const kind of v.byKind.keys()) {
        const list = byKind.get(kind);
        if (list) list.push(r);
        else byKind.set(kind, [r]);
      }
    }
  }
  p = { byKind, withProblems, failed, summary: { validated: count, notValidated, notValidatedTypes: [...types].sort() } };
  passes.set(resources, p);
  return p;
}

/**
 * How many records the schema rules validated, and which types they could not (no schema data,
 * or the validator failed on them).
 */
export function schemaCoverage(inventory: InventoryView): SchemaSummary {
  return pass(inventory.resources).summary;
}

export type SchemaRuleInfo = Pick<Rule, 'description' | 'rationale' | 'fix' | 'scope'>;

const COMPLIANT: RuleResult = Object.freeze({ status: 'compliant' });
const NOT_APPLICABLE: RuleResult = Object.freeze({ status: 'not-applicable' });

/**
 * The shape every `schema/*` rule shares: it applies to every type (the data decides), sees
 * managed resources and Terraform data sources, skips records not marked for schema validation,
 * and reports the problems of its kind for a resource in one finding that names the resource.
 * Validation runs once per record for all seven rules (the shared pass); each rule is then
 * evaluated only on the records with problems of its kind.
 */
export function schemaRule(kind: ProblemKind, info: SchemaRuleInfo): Rule {
  return {
    id: `schema/${kind}`,
    severity: 'error',
    ...info,
    modes: ['managed', 'data'],
    appliesTo: () => true,
    candidates(inventory: InventoryView): readonly InventoryResource[] {
      const p = pass(inventory.resources);
      const withKind = p.byKind.get(kind) ?? [];
      return p.failed.length ? [...withKind, ...p.failed] : withKind;
    },
    evaluate(resource: InventoryResource, context?: RuleContext): RuleResult {
      if (!resource.validateSchema) return NOT_APPLICABLE;
      // The engine evaluates only candidates, found by the pass; other callers validate here.
      const v = (context && passes.get(context.inventory.resources)?.withProblems.get(resource)) ?? validated(resource);
      const messages = v?.byKind?.get(kind);
      if (!messages) return COMPLIANT;
      const result = reasons(messages);
      return result.status === 'non-compliant' ? { status: 'non-compliant', message: `${resource.id}: ${result.message}` } : result;
    },
  };
}
