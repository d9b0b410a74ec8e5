/**
 * schema/unknown-attribute: an argument, block or property the resource's schema does not have.
 */
import { schemaRule } from '../../schema';

export const unknownAttribute = schemaRule('unknown-attribute', {
  description: 'An argument, nested block or property that the resource type does not have (at any depth).',
  rationale: 'Terraform rejects it ("Unsupported argument" / "Unsupported block type") and CloudFormation fails the resource ("Encountered unsupported property"); typed constructs cannot catch it in escape hatches, overrides or hand-written templates.',
  fix: 'Remove the attribute or correct its name (the message suggests the closest one); check the provider documentation of the pinned version.',
  scope: 'Resources and Terraform data sources with schema data: CloudFormation registry schemas (@aws-cdk/aws-service-spec), Terraform provider schemas (@cdktf/provider-* bindings).',
});
