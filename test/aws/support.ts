/** Shared helpers of the AWS tests: one-shot synthesis, IAM scanning, stable snapshots, a tiny CFN evaluator. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AWS_APP_CONTEXT, buildAwsStacks, createAwsApp, synthAwsApp } from '../../stacks/aws-app';
import type { AwsAgentsStack } from '../../stacks/aws-agents-stack';
import type { Derived } from '../../lib/topology/derive';

/**
 * Model-invocation actions, transcribed independently from DOMAIN.md (not imported from
 * lib/aws/perms.ts, so a wrong constant there cannot make this test agree with itself).
 */
export const FORBIDDEN_ACTIONS = [
  'bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock:InvokeModelWithBidirectionalStream',
  'bedrock:StartAsyncInvoke', 'bedrock:CreateModelInvocationJob', 'bedrock:CallWithBearerToken', 'bedrock:InvokeAgent',
  'bedrock:InvokeInlineAgent', 'bedrock:InvokeFlow', 'bedrock:RetrieveAndGenerate', 'bedrock:Rerank',
  'bedrock:CreateInferenceProfile', 'bedrock:CreateProvisionedModelThroughput', 'bedrock-mantle:CreateInference',
  'bedrock-mantle:CallWithBearerToken', 'sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointAsync',
  'sagemaker:CreateEndpoint', 'sagemaker:CreateEndpointConfig', 'sagemaker:CreateModel', 'sagemaker:CreateInferenceComponent',
];

export interface Grant { readonly resource: string; readonly statement: string; readonly pattern: string; readonly forbidden: string }

/** IAM action pattern (with `*` and `?`) as a case-insensitive regex, as IAM matches actions. */
export function actionRegex(pattern: string): RegExp {
  const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'i');
}

const asList = (x: unknown): string[] => (x === undefined ? [] : Array.isArray(x) ? x.map(String) : [String(x)]);

/** Every policy document of a template: AWS::IAM::Policy, ManagedPolicy, and Role/User/Group inline policies. */
export function policyDocuments(template: any): Array<{ resource: string; document: any }> {
  const out: Array<{ resource: string; document: any }> = [];
  for (const [id, r] of Object.entries<any>(template.Resources ?? {})) {
    const p = r.Properties ?? {};
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') out.push({ resource: id, document: p.PolicyDocument });
    if (['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'].includes(r.Type)) {
      for (const inline of p.Policies ?? []) out.push({ resource: id, document: inline.PolicyDocument });
    }
  }
  return out;
}

/** Allow statements whose Action (or NotAction complement) covers a model-invocation action. */
export function modelInvocationGrants(template: any, forbidden: readonly string[] = FORBIDDEN_ACTIONS): Grant[] {
  const found: Grant[] = [];
  for (const { resource, document } of policyDocuments(template)) {
    const statements: any[] = [document?.Statement ?? []].flat();
    statements.forEach((st, i) => {
      if (st.Effect !== 'Allow') return;
      const sid = st.Sid ?? `#${i}`;
      for (const f of forbidden) {
        if (st.Action !== undefined) {
          const hit = asList(st.Action).find((a) => actionRegex(a).test(f));
          if (hit) found.push({ resource, statement: sid, pattern: hit, forbidden: f });
        } else if (st.NotAction !== undefined && !asList(st.NotAction).some((a) => actionRegex(a).test(f))) {
          found.push({ resource, statement: sid, pattern: `NotAction ${asList(st.NotAction).join(',')}`, forbidden: f });
        }
      }
    });
  }
  return found;
}

export interface Synthesized { readonly app: App; readonly stack: AwsAgentsStack; readonly template: Template; readonly json: any; readonly outdir: string }

/** The full AWS app exactly as `stateline synth` builds and writes it (cdk-nag registered), into a temp dir. */
export function synthApp(derived: Derived): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-aws-test-'));
  const app = createAwsApp(derived, outdir);
  synthAwsApp(app);
  const stack = app.node.findChild(derived.aws.stackName) as AwsAgentsStack;
  const template = Template.fromStack(stack);
  return { app, stack, template, json: template.toJSON(), outdir };
}

/** The same composition for a variant topology, without the cdk-nag pass (faster; the default topology covers nag). */
export function synthVariant(derived: Derived): Template {
  const app = new App({ context: { ...AWS_APP_CONTEXT }, analyticsReporting: false });
  const { agents } = buildAwsStacks(app, derived, { checks: false });
  return Template.fromStack(agents);
}

/** Lambda asset keys are content hashes of code shipped in aws-cdk-lib: stable, but they change with its version. */
export const ASSET_KEY = /^[a-f0-9]{64}\.zip$/;

/** A deep copy with Lambda asset keys replaced by a placeholder (the snapshot survives aws-cdk-lib patch updates). */
export function stableTemplate(json: any): any {
  return JSON.parse(JSON.stringify(json), (_k, v) => (typeof v === 'string' && ASSET_KEY.test(v) ? '<asset-hash>.zip' : v));
}

/** Evaluates the CloudFormation intrinsics used in outputs (Join, Split, Select, GetAtt) against fake attributes. */
export function evaluate(node: any, getAtt: (logicalId: string, attribute: string) => string): any {
  if (typeof node === 'string' || typeof node === 'number') return node;
  if (Array.isArray(node)) return node.map((n) => evaluate(n, getAtt));
  const [fn] = Object.keys(node);
  const args = node[fn];
  switch (fn) {
    case 'Fn::GetAtt': return getAtt(args[0], args[1]);
    case 'Fn::Join': return (evaluate(args[1], getAtt) as string[]).join(args[0]);
    case 'Fn::Split': return String(evaluate(args[1], getAtt)).split(args[0]);
    case 'Fn::Select': {
      const list = evaluate(args[1], getAtt) as unknown[];
      if (args[0] >= list.length) throw new Error(`Fn::Select index ${args[0]} out of range (${list.length})`);
      return list[args[0]];
    }
    default: throw new Error(`unsupported intrinsic ${fn}`);
  }
}

/** Logical ids of resources of a type. */
export function idsOf(json: any, type: string): string[] {
  return Object.entries<any>(json.Resources).filter(([, r]) => r.Type === type).map(([id]) => id);
}
