/**
 * cdk-nag (v3) on the AWS app: the AwsSolutions pack runs as a CDK policy-validation plugin
 * at synth time, and synthesis fails on any finding that is not acknowledged.
 *
 * Acknowledgements live next to the construct they cover
 * (`Validations.of(construct).acknowledge({ id, reason })`), each with the specific reason.
 * @see https://github.com/cdklabs/cdk-nag/blob/main/MIGRATION.md
 */
import { IConstruct } from 'constructs';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

const registered = new WeakSet<IConstruct>();

/** Registers the AwsSolutions checks on `scope` (normally the App), once. */
export function registerNag(scope: IConstruct): void {
  if (registered.has(scope)) return;
  registered.add(scope);
  Validations.of(scope).addPlugins(new AwsSolutionsChecks(scope));
}
