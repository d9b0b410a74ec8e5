/**
 * Composes the AWS (CDK) side: one agent stack per AWS region.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Tags } from 'aws-cdk-lib';
import { registerNag } from '../lib/aws/nag';
import type { Derived } from '../lib/topology/derive';
import { AwsAgentsStack } from './aws-agents-stack';
import { AWS_FEATURE_FLAGS } from './aws-feature-flags';

/** Options of {@link buildAwsStacks}. */
export interface BuildAwsStacksOptions {
  /**
   * Register cdk-nag's AwsSolutions checks on the app.
   * @default true (only tests of topology variants turn it off, for speed)
   */
  readonly checks?: boolean;
}

/**
 * Builds the AWS stacks into `app` and registers cdk-nag's AwsSolutions checks on it (shared
 * by `createAwsApp` and bin/aws.ts, so every synthesis path is checked).
 */
export function buildAwsStacks(app: App, derived: Derived, options: BuildAwsStacksOptions = {}) {
  if (options.checks ?? true) registerNag(app);
  const { account, region, azIds } = derived.aws;
  if (account) {
    // Subnets are placed by AZ id; declare those ids as the stack's zones so an
    // account-specific stack needs no AZ-name lookup (offline synth stays possible).
    app.node.setContext(`availability-zones:account=${account}:region=${region}`, [...azIds]);
  }
  const agents = new AwsAgentsStack(app, derived.aws.stackName, {
    env: { region, account },
    description: `stateline ${derived.topology.name}: stateful agent runtime (AgentCore) in ${region}`,
    derived,
  });
  for (const [k, v] of Object.entries(derived.tags)) Tags.of(agents).add(k, v);
  return { agents };
}

/**
 * Context every stateline CDK app runs with (in-process and under `cdk synth`), so both
 * produce the same templates: secure-by-default feature flags and no stack traces.
 */
export const AWS_APP_CONTEXT: Readonly<Record<string, unknown>> = {
  ...AWS_FEATURE_FLAGS,
  'aws:cdk:disable-stack-trace': true,
  'aws:cdk:disable-creation-stack-traces': true,
  '@aws-cdk/aws-ec2:restrictDefaultSecurityGroup': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/core:enablePartitionLiterals': true,
  '@aws-cdk/aws-kms:aliasNameRef': true,
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
};

/** Options of {@link createAwsApp}. */
export interface CreateAwsAppOptions {
  /**
   * Run aws-cdk-lib's built-in CloudFormation schema validation (a WebAssembly engine that
   * costs ~3-4 s per process). `cdk synth` runs it by default; `stateline synth` runs it with
   * `--validate`, and the test suite runs it on the default topology.
   * @default false
   */
  readonly cloudFormationValidation?: boolean;
}

/** A CDK app writing a cloud assembly to `outdir`, with deterministic output. */
export function createAwsApp(derived: Derived, outdir?: string, options: CreateAwsAppOptions = {}): App {
  const app = new App({
    ...(outdir ? { outdir } : {}),
    analyticsReporting: false,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
    context: { ...AWS_APP_CONTEXT },
  });
  buildAwsStacks(app, derived);
  return app;
}

/** JSON keys that hold stack traces (and so machine paths): `trace`, `stackTrace`, `acknowledgedStackTrace`, ... */
const TRACE_KEY = /^(trace|stackTraces?|[a-z]+StackTraces?)$/;

/**
 * Removes stack-trace entries from the assembly's metadata files and validation report.
 * aws-cdk-lib records a trace for rule acknowledgements (the VPC's W3010, every cdk-nag
 * acknowledgement) even with stack traces disabled; traces hold machine paths, and
 * stateline output must not.
 */
export function scrubAssemblyTraces(outdir: string): void {
  for (const file of fs.readdirSync(outdir)) {
    if (!file.endsWith('.metadata.json') && file !== 'validation-report.json') continue;
    const full = path.join(outdir, file);
    const text = fs.readFileSync(full, 'utf8');
    if (!/[tT]race/.test(text)) continue;
    const scrubbed = JSON.stringify(JSON.parse(text, (k, v) => (TRACE_KEY.test(k) ? undefined : v)), null, 2);
    fs.writeFileSync(full, scrubbed);
  }
}

/** Synthesizes the app and scrubs machine paths from the assembly. */
export function synthAwsApp(app: App): void {
  const assembly = app.synth();
  scrubAssemblyTraces(assembly.directory);
}
