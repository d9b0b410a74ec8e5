/**
 * Source-agnostic reading of a module call's arguments (after locals and literal variable defaults
 * are resolved into them): whatever the module does with them, an argument whose value is a
 * model-server image, a GPU/accelerator instance type, a model-invocation IAM action, a policy
 * document granting one, or a managed policy that grants one puts inference (or the right to it)
 * wherever the module deploys.
 */
import { decodeDocument } from '../util/hcl-expr';
import { isObj, Obj } from '../util/values';
import { describeGrants, forbiddenManagedPolicies, grantedInvocations } from './iam';
import { findAcceleratedInstance, findModelServer } from './model-server';

export interface ModuleSignal {
  readonly kind: 'model-server' | 'accelerator' | 'invocation';
  readonly text: string;
}

/** Prose and labels never name what runs (a module called `vllm-gateway` may be a proxy). */
const SKIPPED = /^(?:tags|tags_all|labels|annotations|description|name|name_prefix|family|environment|env|environment_variables)$/i;
/** An image reference: registry/repository with a tag or digest, or a bare `name:tag`; no spaces, not a URL. */
const IMAGE_RE = /^(?:[\w.-]+(?::\d+)?\/)*[\w.-]+(?::[\w.-]+|@sha256:[a-f0-9]{16,})$/i;
/** An IAM action pattern (`bedrock:InvokeModel`, `sagemaker:Invoke*`). */
const ACTION_RE = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;

interface Walk {
  readonly out: ModuleSignal[];
  readonly trail: string[];
  readonly only?: ReadonlySet<ModuleSignal['kind']>;
}

const add = (w: Walk, kind: ModuleSignal['kind'], text: string) => {
  if (!w.only || w.only.has(kind)) w.out.push({ kind, text: `argument ${w.trail.join('.')} ${text}` });
};

function visitString(w: Walk, s: string, key: string): void {
  const t = s.trim();
  if (t.startsWith('${jsonencode(')) return visitDocument(w, t);
  if (s.includes('${')) return;
  if (IMAGE_RE.test(t) || /^(?:python3?|vllm|text-generation-launcher|tritonserver|ollama|sglang|llama-server)\b/.test(t)) {
    const server = findModelServer(t);
    if (server) return add(w, 'model-server', `is a model-server image or command (${server})`);
  }
  if (t.length <= 40) {
    const accel = findAcceleratedInstance(t);
    if (accel && accel.length >= t.length - 3) return add(w, 'accelerator', `is an accelerated instance type (${accel}: GPU/Inferentia/Trainium model hosting)`);
  }
  const actionKey = /action/i.test(key);
  if (ACTION_RE.test(t) || (t === '*' && actionKey)) {
    const grants = grantedInvocations({ Statement: [{ Effect: 'Allow', Action: t }] });
    if (grants.length) return add(w, 'invocation', `grants ${describeGrants(grants)}`);
  }
  for (const name of forbiddenManagedPolicies(t)) add(w, 'invocation', `attaches the AWS managed policy ${name}, which allows model invocation`);
  if (t.startsWith('{')) visitDocument(w, t);
}

/** A policy document given as JSON or `jsonencode(...)` text. */
function visitDocument(w: Walk, t: string): void {
  const doc = decodeDocument(t);
  if (isObj(doc) && (doc.Statement ?? doc.statement) !== undefined) {
    const grants = grantedInvocations(doc);
    if (grants.length) add(w, 'invocation', `is a policy document allowing ${describeGrants(grants)}`);
  }
}

function walk(w: Walk, v: unknown, key: string, depth: number): void {
  if (depth > 24) return;
  if (typeof v === 'string') return visitString(w, v, key);
  if (Array.isArray(v)) {
    // A list of action strings is checked as one statement (`actions = ["bedrock:InvokeModel", "s3:GetObject"]`).
    v.forEach((x, i) => {
      w.trail.push(String(i));
      walk(w, x, key, depth + 1);
      w.trail.pop();
    });
    return;
  }
  if (!isObj(v)) return;
  // Policy statements written as HCL objects (`statements = [{ actions = [...], effect = "Allow" }]`) are read as IAM reads them.
  if (v.actions !== undefined || v.Action !== undefined) {
    const grants = grantedInvocations({ Statement: [v] });
    if (grants.length) add(w, 'invocation', `allows ${describeGrants(grants)}`);
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    if (SKIPPED.test(k)) continue;
    w.trail.push(k);
    walk(w, x, k, depth + 1);
    w.trail.pop();
  }
}

/** Signals in a module call's inputs (`only`: the kinds to report). */
export function moduleInputSignals(inputs: Obj, only?: ReadonlySet<ModuleSignal['kind']>): ModuleSignal[] {
  const w: Walk = { out: [], trail: [], only };
  for (const [k, v] of Object.entries(inputs)) {
    if (SKIPPED.test(k)) continue;
    w.trail.push(k);
    walk(w, v, k, 0);
    w.trail.pop();
  }
  return w.out;
}
