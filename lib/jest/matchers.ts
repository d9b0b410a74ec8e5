/**
 * Jest matchers for the placement policy in any repository's tests:
 * `expect(Template.fromStack(stack)).toSatisfyPlacement()` (aws-cdk-lib assertions),
 * `expect(Testing.synth(stack)).toSatisfyPlacement()` (cdktf), and
 * `expect(...).toMatchPlacementSnapshot()`, which pins where each class of resource lives.
 * They read the synthesized document only (never the construct tree), like `stateline check`.
 */
import {
  checkPlacementSync, placementClassification, type InMemoryPlacementInput, type JsonFinding, type PlacementOptions,
} from '../policy/placement';

/** Options of `toSatisfyPlacement()`. */
export interface PlacementMatcherOptions extends PlacementOptions {
  /** Stack name that findings carry. @default 'template' (CloudFormation) or 'terraform' */
  readonly name?: string;
}

/** What jest passes a matcher as `this` (the part these matchers use). */
export interface PlacementMatcherContext {
  readonly isNot: boolean;
}

/** A matcher's result, as jest expects it. */
export interface PlacementMatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const TERRAFORM_KEYS = ['resource', 'data', 'module', 'provider', 'terraform', 'output', 'variable', 'locals'];

/**
 * The document a matcher received, recognized by its shape: an aws-cdk-lib `Template` (its
 * `toJSON()`), a CloudFormation template object, a Terraform JSON object or the JSON text of
 * either (`Testing.synth(stack)` returns text), or an explicit `{ cloudFormation }` /
 * `{ terraformJson }` input.
 */
export function placementDocument(received: unknown, name?: string): InMemoryPlacementInput {
  if (isObj(received) && ('cloudFormation' in received || 'terraformJson' in received)) return received as unknown as InMemoryPlacementInput;
  let doc: unknown = received;
  if (isObj(doc) && typeof doc.toJSON === 'function') doc = (doc.toJSON as () => unknown)();
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      throw new TypeError('toSatisfyPlacement: received a string that is not JSON: pass Template.fromStack(stack), Testing.synth(stack) or a template object');
    }
  }
  if (isObj(doc) && isObj(doc.Resources)) return { cloudFormation: doc, name: name ?? 'template' };
  if (isObj(doc) && Object.keys(doc).some((k) => TERRAFORM_KEYS.includes(k))) return { terraformJson: doc, name: name ?? 'terraform' };
  throw new TypeError('toSatisfyPlacement: expected a CloudFormation template (Template.fromStack(stack), or an object with Resources) or Terraform JSON (Testing.synth(stack)); received something else');
}

const line = (f: JsonFinding) => `  ${f.severity} ${f.rule}: ${f.resource} (${f.resourceType}) in ${f.stack}: ${f.message}`;

/**
 * Passes when the document has no unsuppressed placement error (warnings are listed but do not
 * fail). A failure lists each finding: rule, resource, type and message.
 */
export function toSatisfyPlacement(this: PlacementMatcherContext, received: unknown, options: PlacementMatcherOptions = {}): PlacementMatcherResult {
  const report = checkPlacementSync(placementDocument(received, options.name), options);
  const open = report.findings.filter((f) => !f.suppressed);
  const errors = open.filter((f) => f.severity === 'error');
  const pass = errors.length === 0;
  const s = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return {
    pass,
    message: () => (pass
      ? `expected placement errors, but the ${s(report.summary.resources, 'resource')} checked have none${open.length ? `; warnings:\n${open.map(line).join('\n')}` : ''}`
      : `expected no placement errors, found ${s(errors.length, 'error')} in ${s(report.summary.resources, 'resource')}:\n${open.map(line).join('\n')}`),
  };
}

type SnapshotMatcher = (this: PlacementMatcherContext, received: unknown, hint?: string) => PlacementMatcherResult;

/**
 * Snapshots the placement classification (one line per cloud, class and resource type with its
 * count), as stateline's own policy snapshot test does; a change in where stateless serving or
 * agent state lives then shows in review. Uses jest-snapshot, so it runs inside jest only.
 */
export function toMatchPlacementSnapshot(this: PlacementMatcherContext, received: unknown, hint?: string): PlacementMatcherResult {
  const lines = placementClassification(placementDocument(received));
  // jest-snapshot comes with jest; loaded here so that importing the matchers needs no jest.
  const { toMatchSnapshot } = require('jest-snapshot') as { toMatchSnapshot: SnapshotMatcher };
  // jest-snapshot reads a second argument, even undefined, as property matchers.
  return hint === undefined ? toMatchSnapshot.call(this, lines.join('\n')) : toMatchSnapshot.call(this, lines.join('\n'), hint);
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** Passes when the template or Terraform JSON has no unsuppressed placement error; failures list the findings. */
      toSatisfyPlacement(options?: PlacementMatcherOptions): R;
      /** Snapshots the placement classification of the template or Terraform JSON. */
      toMatchPlacementSnapshot(hint?: string): R;
    }
  }
}
