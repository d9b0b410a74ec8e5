/**
 * What an AgentCore Gateway Lambda target may do: the function it invokes (found in the same
 * outputs by reference or by name), that function's execution role, and the policy documents
 * attached to the role (inline, standalone policies naming the role, managed policies by ARN).
 * A tool whose function can invoke a model on AWS moves inference off Azure through the agent's
 * tool calls, whatever the agent's own role may do.
 *
 * Read the same way for CloudFormation (and SAM) and Terraform `aws` / `awscc`: references
 * (`Ref`, `Fn::GetAtt`, `${type.name.attr}`) are followed, literal ARNs are matched by function
 * or role name. What cannot be resolved is not guessed.
 */
import type { InventoryResource, InventoryView } from '../types';
import { blocks, literal, Obj, path, referencedId, strings } from '../util/values';
import { samPolicies } from './iam';

/** Resource types of Lambda functions. */
const FUNCTION_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function', 'aws_lambda_function', 'awscc_lambda_function']);
const ROLE_TYPES = new Set(['AWS::IAM::Role', 'aws_iam_role', 'awscc_iam_role']);

/** Policy documents and managed policy references that apply to a function's execution. */
export interface ExecutionPolicies {
  readonly fn: InventoryResource;
  readonly role?: InventoryResource;
  readonly documents: ReadonlyArray<{ label: string; doc: unknown }>;
  /** Values that may hold AWS managed policy ARNs or names. */
  readonly managed: readonly unknown[];
}

/** `arn:aws:lambda:r:a:function:name(:qualifier)` -> `name`. */
const functionNameOf = (arn: string) => /:function:([A-Za-z0-9_-]+)/.exec(arn)?.[1];
/** `arn:aws:iam::a:role/path/name` -> `name`. */
const roleNameOf = (arn: string) => /:role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(arn)?.[1];

/** The record a reference points at in the same stack, else any record of `types` whose literal name is `name`. */
function findResource(inv: InventoryView, from: InventoryResource, v: unknown, types: ReadonlySet<string>, nameProps: readonly string[], nameOf: (s: string) => string | undefined): InventoryResource | undefined {
  const ref = referencedId(v);
  if (ref) {
    const hit = inv.lookup(from.stack, ref);
    if (hit && types.has(hit.type)) return hit;
  }
  const literalValue = literal(v);
  const name = literalValue ? nameOf(literalValue) : undefined;
  if (!name) return undefined;
  const candidates = [...types].flatMap((t) => inv.ofType(t)).filter((r) => r.mode === 'managed' && nameProps.some((k) => literal(r.properties[k]) === name));
  return candidates.find((r) => r.stack === from.stack) ?? candidates[0];
}

/** The Lambda function a gateway target invokes (`TargetConfiguration.Mcp.Lambda.LambdaArn`), when it is in the inputs. */
export function targetFunction(inv: InventoryView, target: InventoryResource): InventoryResource | undefined {
  const arn = path(target.properties, 'TargetConfiguration', 'Mcp', 'Lambda', 'LambdaArn');
  if (arn === undefined) return undefined;
  return findResource(inv, target, arn, FUNCTION_TYPES, ['FunctionName', 'function_name'], functionNameOf);
}

/** Whether a policy record is attached to `role` (CloudFormation `Roles` / `RoleName`, Terraform `role` / `roles`). */
function attachedTo(inv: InventoryView, policy: InventoryResource, role: InventoryResource): boolean {
  const p = policy.properties as Obj;
  const values = [p.Roles, p.RoleName, p.role, p.roles].flatMap((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]));
  const roleName = literal(role.properties.RoleName) ?? literal(role.properties.name);
  return values.some((v) => {
    const ref = referencedId(v);
    if (ref) return inv.lookup(policy.stack, ref) === role;
    return roleName !== undefined && literal(v) === roleName;
  });
}

/** Inline and attached documents of a role, and the managed policy references on it. */
function roleSources(inv: InventoryView, role: InventoryResource): { documents: Array<{ label: string; doc: unknown }>; managed: unknown[] } {
  const p = role.properties as Obj;
  const documents: Array<{ label: string; doc: unknown }> = [
    ...blocks(p.Policies).map((pol, i) => ({ label: `inline policy "${literal(pol.PolicyName) ?? i}"`, doc: pol.PolicyDocument })),
    ...blocks(p.inline_policy).map((b, i) => ({ label: `inline_policy "${literal(b.name) ?? i}"`, doc: b.policy })),
  ];
  const managed: unknown[] = [p.ManagedPolicyArns, p.managed_policy_arns];
  // Customer managed policies of the inputs, referenced from the role.
  for (const v of [...(Array.isArray(p.ManagedPolicyArns) ? p.ManagedPolicyArns : []), ...strings(p.managed_policy_arns)]) {
    const ref = referencedId(v);
    const mp = ref ? inv.lookup(role.stack, ref) : undefined;
    if (mp) documents.push({ label: `managed policy ${mp.id}`, doc: mp.properties.PolicyDocument ?? mp.properties.policy });
  }
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'aws_iam_role_policy', 'awscc_iam_role_policy']) {
    for (const pol of inv.ofType(type)) {
      if (pol.mode === 'managed' && attachedTo(inv, pol, role)) documents.push({ label: `policy ${pol.id}`, doc: pol.properties.PolicyDocument ?? pol.properties.policy ?? pol.properties.policy_document });
    }
  }
  for (const att of inv.ofType('aws_iam_role_policy_attachment')) {
    if (att.mode !== 'managed' || !attachedTo(inv, att, role)) continue;
    managed.push(att.properties.policy_arn);
    const ref = referencedId(att.properties.policy_arn);
    const pol = ref ? inv.lookup(att.stack, ref) : undefined;
    if (pol && pol.type === 'aws_iam_policy') documents.push({ label: `policy ${pol.id}`, doc: pol.properties.policy });
  }
  return { documents, managed };
}

/** The policies a tool's function runs with, when the function (and its role) are in the inputs. */
export function executionPolicies(inv: InventoryView, fn: InventoryResource): ExecutionPolicies {
  const p = fn.properties as Obj;
  const role = findResource(inv, fn, p.Role ?? p.role, ROLE_TYPES, ['RoleName', 'name'], roleNameOf);
  const documents: Array<{ label: string; doc: unknown }> = [];
  const managed: unknown[] = [];
  if (fn.type === 'AWS::Serverless::Function') {
    const sam = samPolicies(p.Policies);
    documents.push(...sam.documents.map((d) => ({ label: `SAM ${d.label}`, doc: d.doc })));
    managed.push(...sam.managed);
  }
  if (role) {
    const r = roleSources(inv, role);
    documents.push(...r.documents.map((d) => ({ label: `role ${role.id}: ${d.label}`, doc: d.doc })));
    managed.push(...r.managed);
  }
  return { fn, role, documents, managed };
}

/** A short name of the function for messages: its literal name, else its logical id or address. */
export function functionLabel(fn: InventoryResource): string {
  const name = literal(fn.properties.FunctionName) ?? literal(fn.properties.function_name);
  return name ? `${fn.id} (${name})` : fn.id;
}
