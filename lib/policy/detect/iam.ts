/**
 * What an IAM policy document grants, as IAM evaluates it: `Allow` statements with `Action`
 * (wildcards `*` and `?`, case-insensitive) or `NotAction` (everything not listed), `Deny`
 * statements ignored (a deny is never a grant). Facts: shared/DOMAIN.md.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import { decodeDocument } from '../util/hcl-expr';
import { allStrings, isIntrinsic, isObj, literal, Obj, prop } from '../util/values';

/** Actions that invoke, create or route a model on AWS (Converse is authorized by InvokeModel). */
export const MODEL_INVOCATION_ACTIONS = [
  'bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock:InvokeModelWithBidirectionalStream',
  'bedrock:StartAsyncInvoke', 'bedrock:CreateModelInvocationJob', 'bedrock:CallWithBearerToken', 'bedrock:InvokeAgent',
  'bedrock:InvokeInlineAgent', 'bedrock:InvokeFlow', 'bedrock:RetrieveAndGenerate', 'bedrock:Rerank',
  'bedrock:CreateInferenceProfile', 'bedrock:CreateProvisionedModelThroughput',
  'bedrock-mantle:CreateInference', 'bedrock-mantle:CallWithBearerToken',
  'sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointAsync', 'sagemaker:CreateEndpoint', 'sagemaker:CreateEndpointConfig',
  'sagemaker:CreateModel', 'sagemaker:CreateInferenceComponent',
] as const;

const patternCache = new Map<string, readonly string[]>();
/**
 * Forbidden actions an IAM action pattern matches (`*` any run, `?` one character, case-insensitive).
 * Memoized: the same patterns (`logs:PutLogEvents`, `s3:GetObject`) repeat across thousands of policies.
 */
function matchedActions(pattern: string): readonly string[] {
  let hits = patternCache.get(pattern);
  if (!hits) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    const re = new RegExp(`^${body}$`, 'i');
    hits = MODEL_INVOCATION_ACTIONS.filter((a) => re.test(a));
    if (patternCache.size < 50_000) patternCache.set(pattern, hits);
  }
  return hits;
}

/** One forbidden action a statement allows, and the pattern that allows it. */
export interface InvocationGrant {
  readonly action: string;
  /** The Action pattern that matches, or `NotAction [...]` for a NotAction grant. */
  readonly via: string;
}

/** Literal action patterns of an Action/NotAction value (both branches of `Fn::If`; tokens skipped). */
function patterns(v: unknown): string[] {
  return allStrings(v).filter((s) => literal(s) !== undefined && s !== 'AWS::NoValue');
}

/**
 * Forbidden actions a NotAction value excludes whatever the deployment: literal patterns count,
 * an `Fn::If` excludes only what both branches exclude, tokens (parameters) exclude nothing.
 */
function surelyExcluded(v: unknown, depth = 0): Set<string> {
  if (depth > 8) return new Set();
  if (typeof v === 'string') return literal(v) === undefined ? new Set() : new Set(matchedActions(v));
  if (Array.isArray(v)) {
    const out = new Set<string>();
    for (const x of v) for (const a of surelyExcluded(x, depth + 1)) out.add(a);
    return out;
  }
  const fnIf = isObj(v) ? v['Fn::If'] : undefined;
  if (Array.isArray(fnIf) && fnIf.length === 3) {
    const [a, b] = [surelyExcluded(fnIf[1], depth + 1), surelyExcluded(fnIf[2], depth + 1)];
    return new Set([...a].filter((x) => b.has(x)));
  }
  return new Set();
}

/** Statements of a document, looking through `Fn::If` branches. */
function statements(doc: unknown, out: Obj[] = [], depth = 0): Obj[] {
  if (depth > 8) return out;
  if (Array.isArray(doc)) {
    for (const d of doc) statements(d, out, depth + 1);
    return out;
  }
  if (!isObj(doc)) return out;
  const fnIf = doc['Fn::If'];
  if (Array.isArray(fnIf)) {
    statements(fnIf.slice(1), out, depth + 1);
    return out;
  }
  // Terraform aws_iam_policy_document uses `statement` blocks; JSON documents `Statement`.
  const st = prop(doc, 'Statement');
  if (st !== undefined) statements(st, out, depth + 1);
  else if ('Effect' in doc || 'effect' in doc || 'Action' in doc || 'actions' in doc || 'NotAction' in doc || 'not_actions' in doc) {
    out.push(doc);
  }
  return out;
}

/** Whether a statement's effect is Allow (missing means Allow: Terraform's default and the cautious reading). */
function allows(st: Obj): boolean {
  const effect = st.Effect ?? st.effect;
  if (effect === undefined) return true;
  const lit = literal(effect);
  return lit === undefined || lit.toLowerCase() === 'allow';
}

/**
 * A policy document as data: objects as they are, JSON strings, `jsonencode(...)` text, and a JSON
 * string inside `Fn::Sub` (its `${...}` placeholders sit inside JSON strings, so it parses as is).
 */
function policyDocument(document: unknown): unknown {
  if (isObj(document) && 'Fn::Sub' in document && Object.keys(document).length === 1) {
    const sub = document['Fn::Sub'];
    const template = Array.isArray(sub) ? sub[0] : sub;
    return typeof template === 'string' ? decodeDocument(template) : undefined;
  }
  return decodeDocument(document);
}

/** Forbidden model-invocation actions a policy document grants. Documents may be objects, JSON strings or `jsonencode(...)` text. */
export function grantedInvocations(document: unknown): InvocationGrant[] {
  const doc = policyDocument(document);
  if (doc === undefined) return [];
  const grants = new Map<string, InvocationGrant>();
  for (const st of statements(doc)) {
    if (!allows(st)) continue;
    const action = st.Action ?? st.actions;
    const notAction = st.NotAction ?? st.not_actions;
    if (action !== undefined) {
      for (const p of patterns(action)) {
        for (const a of matchedActions(p)) if (!grants.has(a)) grants.set(a, { action: a, via: p });
      }
    } else if (notAction !== undefined) {
      const pats = patterns(notAction);
      const excluded = surelyExcluded(notAction);
      for (const a of MODEL_INVOCATION_ACTIONS) {
        if (!grants.has(a) && !excluded.has(a)) grants.set(a, { action: a, via: `NotAction [${pats.join(', ')}]` });
      }
    }
  }
  return [...grants.values()];
}

/** One line describing grants: `bedrock:InvokeModel (via "bedrock:*"), ...`. */
export function describeGrants(grants: readonly InvocationGrant[]): string {
  const shown = grants.slice(0, 3).map((g) => (g.via.toLowerCase() === g.action.toLowerCase() ? g.action : `${g.action} (via "${g.via}")`));
  return shown.join(', ') + (grants.length > 3 ? ` and ${grants.length - 3} more` : '');
}

/** AWS managed policies that grant model invocation (by name; the ARN may be split by Fn::Join). */
const FORBIDDEN_MANAGED = new Set([
  'AdministratorAccess', 'PowerUserAccess', 'DataScientist', 'AmazonBedrockFullAccess', 'AmazonBedrockLimitedAccess',
  'AmazonBedrockMarketplaceAccess', 'AmazonSageMakerFullAccess', 'AmazonSageMakerCanvasFullAccess',
  'AmazonSageMakerCanvasAIServicesAccess', 'AmazonSageMakerCanvasBedrockAccess',
  'AmazonBedrockAgentCoreMemoryBedrockModelInferenceExecutionRolePolicy',
]);
const FORBIDDEN_MANAGED_RE = /^(?:AWS|Amazon)?Bedrock\w*(?:FullAccess|Inference\w*)$|^AmazonSageMaker\w*FullAccess$/;
const MANAGED_ARN_RE = /iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)/g;

/** Whether a managed policy name grants model invocation. */
export const isForbiddenManagedPolicy = (name: string): boolean => FORBIDDEN_MANAGED.has(name) || FORBIDDEN_MANAGED_RE.test(name);

/**
 * Forbidden AWS managed policies referenced in a value: ARNs (`arn:aws:iam::aws:policy/...`, also
 * split by Fn::Join / Fn::Sub) and bare names (`AmazonBedrockFullAccess`, as SAM `Policies` and
 * several tools accept them), in a string, a list or intrinsics.
 */
export function forbiddenManagedPolicies(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const found = new Set<string>();
  for (const s of allStrings(value)) {
    const name = s.trim();
    if (isForbiddenManagedPolicy(name)) found.add(name);
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.includes(':policy/')) {
    for (const m of text.matchAll(MANAGED_ARN_RE)) if (isForbiddenManagedPolicy(m[1])) found.add(m[1]);
  }
  return [...found];
}

/**
 * SAM policy templates that grant a forbidden action (the rest, e.g. `SQSPollerPolicy`,
 * `DynamoDBCrudPolicy`, grant no model invocation; unknown templates are ignored).
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html
 */
const SAM_TEMPLATE_ACTIONS: Record<string, readonly string[]> = {
  SageMakerCreateEndpointPolicy: ['sagemaker:CreateEndpoint'],
  SageMakerCreateEndpointConfigPolicy: ['sagemaker:CreateEndpointConfig'],
};

/** What a SAM `Policies` value attaches: inline documents (templates as documents) and managed policy references. */
export interface SamPolicies {
  readonly documents: Array<{ label: string; doc: unknown }>;
  /** Strings (managed policy names or ARNs) and intrinsics that produce them. */
  readonly managed: unknown[];
}

/**
 * Reads SAM `Policies` (AWS::Serverless::Function / StateMachine): a string (managed policy name
 * or ARN), an inline document (`{ Statement }`), a SAM policy template (`{ SQSPollerPolicy: {...} }`),
 * or a list mixing them; `Fn::If` entries contribute both branches.
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies
 */
export function samPolicies(value: unknown): SamPolicies {
  const out: SamPolicies = { documents: [], managed: [] };
  const visit = (v: unknown, label: string, depth: number): void => {
    if (depth > 8 || v === undefined || v === null) return;
    if (typeof v === 'string') {
      out.managed.push(v);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, depth === 0 ? `Policies[${i}]` : label, depth + 1));
      return;
    }
    if (!isObj(v)) return;
    const fnIf = v['Fn::If'];
    if (Array.isArray(fnIf) && Object.keys(v).length === 1) {
      for (const branch of fnIf.slice(1)) visit(branch, label, depth + 1);
      return;
    }
    if (isIntrinsic(v)) {
      // Ref / Fn::Sub / Fn::Join / Fn::ImportValue: a managed policy ARN or name (or a JSON document in Fn::Sub).
      out.managed.push(v);
      out.documents.push({ label, doc: v });
      return;
    }
    if (prop(v, 'Statement') !== undefined) {
      out.documents.push({ label, doc: v });
      return;
    }
    for (const name of Object.keys(v)) {
      const actions = SAM_TEMPLATE_ACTIONS[name];
      if (actions) out.documents.push({ label: `${label} (SAM policy template ${name})`, doc: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } });
    }
  };
  visit(value, 'Policies', 0);
  return out;
}

/** GCP roles that can call Vertex AI prediction endpoints (and the primitive roles that include them). */
export const GCP_PREDICT_ROLE_RE = /^roles\/(?:aiplatform\.(?:user|admin|expressUser|endpointUser|serviceAgent)|ml\.(?:admin|developer)|owner|editor)$/;
