/**
 * aws-cdk-lib's built-in CloudFormation validation (schema checks of every resource type and
 * property) on the default topology. `stateline synth` skips it for speed unless
 * `--validate`; this test keeps the templates schema-valid.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { createAwsApp, synthAwsApp } from '../../stacks/aws-app';
import { deriveFrom, rawDefault } from '../helpers';

function violationsOf(out: string): { ruleName: string; description: string }[] {
  const report = JSON.parse(fs.readFileSync(path.join(out, 'validation-report.json'), 'utf8'));
  return (report.pluginReports ?? []).flatMap((p: { violations?: { ruleName: string; description: string }[] }) => p.violations ?? []);
}

test('the default topology passes the built-in CloudFormation validation; a bad property fails the synthesis', () => {
  const derived = deriveFrom(rawDefault());
  const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-cfnval-'));
  const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-cfnval-'));
  try {
    synthAwsApp(createAwsApp(derived, clean, { cloudFormationValidation: true }));
    expect(violationsOf(clean)).toEqual([]);

    const app = createAwsApp(derived, bad, { cloudFormationValidation: true });
    new CfnResource(app.node.findChild(derived.aws.stackName) as Stack, 'Bad', { type: 'AWS::S3::Bucket', properties: { NotAProperty: 1 } });
    // `@aws-cdk/core:validateAgainstDefaultRules` (stacks/aws-feature-flags.ts): a finding fails the synthesis, it is not only reported.
    expect(() => synthAwsApp(app)).toThrow(/NotAProperty.*\n.*\n.*CloudFormation-Validate::F3002/);
    expect(violationsOf(bad)).toEqual([expect.objectContaining({ ruleName: 'F3002', description: expect.stringContaining('NotAProperty') })]);
  } finally {
    fs.rmSync(clean, { recursive: true, force: true });
    fs.rmSync(bad, { recursive: true, force: true });
  }
});
