/**
 * placement/model-invocation-outside-azure: no identity outside Azure may hold permission to
 * invoke or create a model (inline statements, wildcards, NotAction, AWS managed policies,
 * Terraform policy documents, GCP Vertex AI roles), and no agent tool may run as one: an AgentCore
 * Gateway Lambda target whose function's role can invoke a model is reported on the target.
 */
import { awsccName } from '../detect/inference';
import { describeGrants, forbiddenManagedPolicies, GCP_PREDICT_ROLE_RE, grantedInvocations, isForbiddenManagedPolicy, samPolicies } from '../detect/iam';
import { executionPolicies, functionLabel, targetFunction } from '../detect/tool-functions';
import { COMPLIANT, NOT_APPLICABLE, reasons } from '../rule';
import type { InventoryResource, Rule, RuleContext } from '../types';
import { blocks, literal, Obj, prop, referencedId, strings } from '../util/values';

/** Where each type keeps its policy documents and managed policy ARNs. */
interface Source {
  /** Documents with a label for the message. */
  documents(p: Obj): Array<{ label: string; doc: unknown }>;
  /** Values holding AWS managed policy ARNs. */
  managed?(p: Obj): unknown[];
}

const policyDocument: Source = { documents: (p) => [{ label: 'PolicyDocument', doc: prop(p, 'PolicyDocument') }] };
/** Role / User / Group: inline `Policies[]` and `ManagedPolicyArns`. */
const principal: Source = {
  documents: (p) =>
    blocks(prop(p, 'Policies')).map((pol, i) => ({ label: `policy "${literal(prop(pol, 'PolicyName')) ?? i}"`, doc: prop(pol, 'PolicyDocument') })),
  managed: (p) => [prop(p, 'ManagedPolicyArns')],
};

/** SAM function / state machine `Policies`: managed policy names or ARNs, inline documents, policy templates. */
const sam: Source = {
  documents: (p) => samPolicies(prop(p, 'Policies')).documents,
  managed: (p) => samPolicies(prop(p, 'Policies')).managed,
};

const CFN_SOURCES: Record<string, Source> = {
  'AWS::IAM::Policy': policyDocument,
  'AWS::IAM::ManagedPolicy': policyDocument,
  'AWS::IAM::RolePolicy': policyDocument,
  'AWS::IAM::UserPolicy': policyDocument,
  'AWS::IAM::GroupPolicy': policyDocument,
  'AWS::IAM::Role': principal,
  'AWS::IAM::User': principal,
  'AWS::IAM::Group': principal,
  'AWS::SSO::PermissionSet': { documents: (p) => [{ label: 'InlinePolicy', doc: prop(p, 'InlinePolicy') }], managed: (p) => [prop(p, 'ManagedPolicies')] },
};

/** SAM types exist only under the `AWS::Serverless-2016-10-31` transform (no awscc / Terraform spelling). */
const SAM_SOURCES: Record<string, Source> = {
  'AWS::Serverless::Function': sam,
  'AWS::Serverless::StateMachine': sam,
};

const tfPolicy: Source = { documents: (p) => [{ label: 'policy', doc: p.policy }] };
const tfAttachment: Source = { documents: () => [], managed: (p) => [p.policy_arn, p.policy_arns, p.managed_policy_arn] };

const TF_SOURCES: Record<string, Source> = {
  aws_iam_policy: tfPolicy,
  aws_iam_role_policy: tfPolicy,
  aws_iam_user_policy: tfPolicy,
  aws_iam_group_policy: tfPolicy,
  aws_iam_role: {
    documents: (p) => blocks(p.inline_policy).map((b, i) => ({ label: `inline_policy "${literal(b.name) ?? i}"`, doc: b.policy })),
    managed: (p) => [p.managed_policy_arns],
  },
  aws_iam_policy_document: {
    // The data source itself is a document (statement blocks), and may merge JSON documents.
    documents: (p) => [
      { label: 'statement', doc: p },
      ...strings(p.source_policy_documents).map((doc) => ({ label: 'source_policy_documents', doc })),
      ...strings(p.override_policy_documents).map((doc) => ({ label: 'override_policy_documents', doc })),
    ],
  },
  aws_iam_role_policy_attachment: tfAttachment,
  aws_iam_user_policy_attachment: tfAttachment,
  aws_iam_group_policy_attachment: tfAttachment,
  aws_iam_policy_attachment: tfAttachment,
  aws_iam_role_policy_attachments_exclusive: tfAttachment,
  aws_ssoadmin_managed_policy_attachment: tfAttachment,
  aws_ssoadmin_permission_set_inline_policy: { documents: (p) => [{ label: 'inline_policy', doc: p.inline_policy }] },
};

const SOURCES = new Map<string, Source>(Object.entries(TF_SOURCES));
for (const [t, s] of Object.entries(CFN_SOURCES)) {
  SOURCES.set(t, s);
  SOURCES.set(awsccName(t), s);
}
for (const [t, s] of Object.entries(SAM_SOURCES)) SOURCES.set(t, s);

/** AgentCore Gateway targets: a Lambda tool runs with its function's permissions. */
const GATEWAY_TARGET_TYPES = new Set(['AWS::BedrockAgentCore::GatewayTarget', 'aws_bedrockagentcore_gateway_target', awsccName('AWS::BedrockAgentCore::GatewayTarget')]);

/** Why a Lambda tool target lets agents' tool calls reach a model on AWS (its function's execution role can invoke one). */
function toolReasons(resource: InventoryResource, ctx: RuleContext): string[] {
  const fn = targetFunction(ctx.inventory, resource);
  if (!fn) return [];
  const policies = executionPolicies(ctx.inventory, fn);
  const found: string[] = [];
  for (const { label, doc } of policies.documents) {
    const grants = grantedInvocations(doc);
    if (grants.length) found.push(`${label} allows ${describeGrants(grants)}`);
  }
  for (const v of policies.managed) for (const name of forbiddenManagedPolicies(v)) found.push(`the AWS managed policy ${name} allows model invocation`);
  if (found.length === 0) return [];
  return [`agent tool: this gateway target invokes Lambda function ${functionLabel(fn)}, whose execution permissions can invoke a model on AWS (${found.join('; ')}); the agents' tool calls would move inference off Azure`];
}

const GCP_BINDING_RE = /^google_(?:project|folder|organization)_iam_(?:member|binding)$/;
const GCP_POLICY_RE = /^google_(?:project|folder|organization)_iam_policy$/;

function gcpReasons(r: InventoryResource): string[] {
  const p = r.properties as Obj;
  if (GCP_BINDING_RE.test(r.type)) {
    const role = literal(p.role);
    return role && GCP_PREDICT_ROLE_RE.test(role) ? [`grants ${role}, which can call Vertex AI prediction endpoints`] : [];
  }
  const data = typeof p.policy_data === 'string' ? p.policy_data : '';
  const roles = [...data.matchAll(/roles\/[\w.]+/g)].map((m) => m[0]).filter((role) => GCP_PREDICT_ROLE_RE.test(role));
  return roles.length ? [`policy grants ${[...new Set(roles)].join(', ')}, which can call Vertex AI prediction endpoints`] : [];
}

/** Managed policies named directly, or through a Terraform `data.aws_iam_policy` lookup. */
function managedReasons(r: InventoryResource, values: unknown[], ctx: RuleContext): string[] {
  const out: string[] = [];
  for (const v of values) {
    for (const name of forbiddenManagedPolicies(v)) out.push(`attaches the AWS managed policy ${name}, which allows model invocation`);
    for (const s of strings(v)) {
      const ref = referencedId(s);
      if (!ref?.startsWith('data.aws_iam_policy.')) continue;
      const data = ctx.inventory.lookup(r.stack, ref);
      const name = literal(data?.properties.name) ?? literal(data?.properties.arn)?.split('/').pop();
      if (name && isForbiddenManagedPolicy(name)) out.push(`attaches the AWS managed policy ${name} (via ${ref}), which allows model invocation`);
    }
  }
  return out;
}

export const modelInvocationOutsideAzure: Rule = {
  id: 'placement/model-invocation-outside-azure',
  severity: 'error',
  description: 'An IAM policy outside Azure allows invoking or creating a model (Bedrock, SageMaker, Vertex AI), or an agent tool runs with such a policy.',
  rationale:
    'Nothing on AWS may hold permission to call an AWS-hosted model: a grant is how inference silently moves off Azure. ' +
    'Wildcards (`*`, `bedrock:*`, `bedrock:Invoke*`), `NotAction` with Allow (everything not listed) and managed policies such as ' +
    'AmazonBedrockFullAccess (by ARN or, in SAM, by bare name) grant the same actions as naming them. `bedrock:InvokeModel` also authorizes Converse. ' +
    'An AgentCore Gateway Lambda target runs the agent\'s tool calls with its function\'s execution role: if that role can invoke a model, ' +
    'a tool call becomes inference on AWS.',
  fix:
    'Remove the model-invocation actions from the statement (list the exact actions the role needs instead of a wildcard), ' +
    'exclude them from `NotAction`, or detach the managed policy. The agent runtime reaches models on Azure over the private link, ' +
    'which needs no AWS model permission. For a Lambda tool, remove the model permissions from its function\'s role (a tool that needs a model ' +
    'calls the Azure deployment, as the agent does).',
  scope:
    'AWS::IAM::Policy/ManagedPolicy/Role/User/Group/RolePolicy, AWS::SSO::PermissionSet, SAM AWS::Serverless::Function/StateMachine ' +
    '`Policies` (managed policy names or ARNs, inline documents, policy templates), Terraform aws_iam_* policies, attachments, ' +
    'aws_iam_policy_document data sources, awscc IAM types, google_*_iam_member/binding/policy; AgentCore gateway targets ' +
    '(CloudFormation, Terraform aws/awscc) whose Lambda function and its role are in the same outputs.',
  modes: ['managed', 'data'],
  appliesTo: (type) => SOURCES.has(type) || GATEWAY_TARGET_TYPES.has(type) || GCP_BINDING_RE.test(type) || GCP_POLICY_RE.test(type),
  evaluate(resource, ctx) {
    if (resource.cloud === 'azure') return NOT_APPLICABLE;
    if (resource.cloud === 'gcp') return reasons(gcpReasons(resource));
    if (GATEWAY_TARGET_TYPES.has(resource.type)) return resource.mode === 'managed' ? reasons(toolReasons(resource, ctx)) : NOT_APPLICABLE;
    const source = SOURCES.get(resource.type);
    if (!source) return NOT_APPLICABLE;
    const p = resource.properties as Obj;
    const found: string[] = [];
    for (const { label, doc } of source.documents(p)) {
      const grants = grantedInvocations(doc);
      if (grants.length) found.push(`${label} allows ${describeGrants(grants)}`);
    }
    if (source.managed) found.push(...managedReasons(resource, source.managed(p), ctx));
    return found.length ? reasons(found) : COMPLIANT;
  },
};
