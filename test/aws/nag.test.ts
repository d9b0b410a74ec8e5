/**
 * cdk-nag is wired: the same registration the AWS app uses fails synthesis on an
 * unacknowledged finding, and an acknowledgement with a reason lets it pass.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { registerNag } from '../../lib/aws/nag';
import { AWS_APP_CONTEXT } from '../../stacks/aws-app';

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A bare L1 bucket: no access logs, no TLS-only policy. */
function appWithBucket(acknowledge = false): App {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-nag-test-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context: { ...AWS_APP_CONTEXT }, analyticsReporting: false });
  registerNag(app);
  const stack = new Stack(app, 'Tiny', { env: { region: 'eu-central-1' } });
  const bucket = new s3.CfnBucket(stack, 'Plain', {});
  if (acknowledge) {
    for (const id of ['AwsSolutions-S1', 'AwsSolutions-S10']) Validations.of(bucket).acknowledge({ id, reason: 'test fixture: a throwaway bucket' });
  }
  return app;
}

test('an unlogged, non-TLS bucket fails synthesis, naming the construct and its AwsSolutions ids', () => {
  let message = '';
  try {
    appWithBucket().synth();
  } catch (e) {
    message = String(e);
  }
  expect(message).toMatch(/AwsSolutions-S1\b/);
  expect(message).toMatch(/AwsSolutions-S10\b/);
  expect(message).toContain('Tiny/Plain');
});

test('the same bucket passes once each finding is acknowledged with a reason', () => {
  expect(() => appWithBucket(true).synth()).not.toThrow();
});

test('registration is idempotent (one plugin per app)', () => {
  const app = new App();
  registerNag(app);
  registerNag(app);
  expect((app as unknown as { _validationPlugins: unknown[] })._validationPlugins).toHaveLength(1);
});
