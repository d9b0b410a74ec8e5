/**
 * What an IAM policy document grants, as IAM evaluates it: `Allow` statements with `Action`
 * (wildcards `*` and `?`, case-insensitive) or `NotAction` (everything not listed), `Deny`
 * statements ignored (a deny is never a grant). Facts: shared/DOMAIN.md.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import { decodeDocument } from '../util/hcl-expr';
import { allStrings, isObj, literal, Obj, prop } from '../util/values';

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

/** Forbidden model-invocation actions a policy document grants. Documents may be objects, JSON strings or `jsonencode(...)` text. */
export function grantedInvocations(document: unknown): InvocationGrant[] {
  const doc = decodeDocument(document);
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
      const excluded = new Set(pats.flatMap((p) => matchedActions(p)));
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

/** Forbidden AWS managed policy names referenced in a value (an ARN, a list, an Fn::Join...). */
export function forbiddenManagedPolicies(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (!text.includes(':policy/')) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(MANAGED_ARN_RE)) if (isForbiddenManagedPolicy(m[1])) found.add(m[1]);
  return [...found];
}

/** GCP roles that can call Vertex AI prediction endpoints (and the primitive roles that include them). */
export const GCP_PREDICT_ROLE_RE = /^roles\/(?:aiplatform\.(?:user|admin|expressUser|endpointUser|serviceAgent)|ml\.(?:admin|developer)|owner|editor)$/;
