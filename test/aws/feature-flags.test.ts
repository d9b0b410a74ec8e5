/**
 * `cdk synth` stays quiet: no feature flag of aws-cdk-lib is left in the state the CDK CLI
 * reports as "not configured", and every flag we set is one aws-cdk-lib knows, at the value
 * it recommends (one documented exception).
 */
import * as fs from 'fs';
import * as path from 'path';
import { FLAGS } from 'aws-cdk-lib/cx-api';
import { AWS_APP_CONTEXT } from '../../stacks/aws-app';
import { AWS_FEATURE_FLAGS } from '../../stacks/aws-feature-flags';
import { scenarioDir } from '../scenarios';

interface ReportedFlag { readonly recommendedValue?: unknown; readonly userValue?: unknown; readonly unconfiguredBehavesLike?: { readonly v2?: unknown } }

/** Flags the CLI no longer reports (aws-cdk 2.1148.1 lib/commands/flags/obsolete-flags.js). */
const OBSOLETE = ['@aws-cdk/core:enableStackNameDuplicates', '@aws-cdk/aws-s3:grantWriteWithoutAcl', '@aws-cdk/aws-kms:defaultKeyPolicies'];

/** The CLI's filter for its warning (aws-cdk 2.1148.1 `FlagOperations.filterNeedsAttention`). */
function needsAttention(flags: Record<string, ReportedFlag>): string[] {
  return Object.entries(flags)
    .filter(([name]) => !OBSOLETE.includes(name))
    .filter(([, f]) => f.userValue === undefined)
    .filter(([, f]) => (f.unconfiguredBehavesLike?.v2 ?? false) !== f.recommendedValue)
    .map(([name]) => name);
}

describe('CDK feature flags', () => {
  test('the synthesized assembly reports no flag as needing attention (so `cdk synth` prints no flags warning)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(scenarioDir('default'), 'cdk.out', 'manifest.json'), 'utf8'));
    const report = Object.values(manifest.artifacts as Record<string, { type: string; properties?: { flags?: Record<string, ReportedFlag> } }>).find((a) => a.type === 'cdk:feature-flag-report');
    const flags = report?.properties?.flags ?? {};
    expect(Object.keys(flags).length).toBeGreaterThan(79);
    expect(needsAttention(flags)).toEqual([]);
    expect(flags['@aws-cdk/aws-s3:publicAccessBlockedByDefault'].userValue).toBe(true);
  });

  test('every flag set is an aws-cdk-lib flag at its recommended value; usage-data collection is off', () => {
    const unknown = Object.keys(AWS_FEATURE_FLAGS).filter((k) => !(k in FLAGS));
    expect(unknown).toEqual([]);
    const notRecommended = Object.entries(AWS_FEATURE_FLAGS).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((FLAGS as Record<string, { recommendedValue: unknown }>)[k].recommendedValue)).map(([k]) => k);
    expect(notRecommended).toEqual(['@aws-cdk/core:enableAdditionalMetadataCollection']);
    expect(AWS_FEATURE_FLAGS['@aws-cdk/core:enableAdditionalMetadataCollection']).toBe(false);
    // The CDK app (`cdk synth`) and stateline's in-process synth share one context.
    for (const [k, v] of Object.entries(AWS_FEATURE_FLAGS)) expect(AWS_APP_CONTEXT[k]).toEqual(v);
  });

  test('cdk.json turns the CDK CLI telemetry off and sets no flag of its own (it would override the app for `cdk synth` only)', () => {
    const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'));
    expect(cdkJson.context).toEqual({ 'cli-telemetry': false });
  });
});
