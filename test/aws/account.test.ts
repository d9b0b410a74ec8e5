import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createAwsApp, synthAwsApp } from '../../stacks/aws-app';
import { deriveFrom, rawDefault } from '../helpers';

test('an account-specific topology synthesizes offline with cdk-nag clean (acknowledgements match literal account ARNs)', () => {
  const t = rawDefault();
  t.aws.account = '210987654321';
  t.aws.tools[0].lambda.functionArn = 'arn:aws:lambda:eu-central-1:210987654321:function:order-lookup-tool';
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-account-'));
  try {
    expect(() => synthAwsApp(createAwsApp(deriveFrom(t), out))).not.toThrow();
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const stack = manifest.artifacts['stateline-aws-agents-eu-central-1'];
    expect(stack.environment).toBe('aws://210987654321/eu-central-1');
    expect(manifest.missing ?? []).toEqual([]);
    const template = fs.readFileSync(path.join(out, 'stateline-aws-agents-eu-central-1.template.json'), 'utf8');
    expect(template).toContain('"AvailabilityZoneId": "euc1-az1"');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
