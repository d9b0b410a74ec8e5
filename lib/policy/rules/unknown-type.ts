/**
 * schema/unknown-type: a resource type its provider (or CloudFormation) does not have.
 */
import { schemaRule } from '../../schema';

export const unknownType = schemaRule('unknown-type', {
  description: 'A resource or data source type that does not exist in its provider (or in CloudFormation) at the pinned version.',
  rationale: 'Terraform fails at init/plan ("The provider does not support resource type") and CloudFormation rejects the template ("Unrecognized resource types") before anything is created: a typo or a type from a newer provider version stops the deploy.',
  fix: 'Correct the type name (the message suggests the closest one), or move to the provider version that has it and run `npm run schema:providers`.',
  scope: 'Every Terraform resource and data source of a provider with schema data (azurerm and every installed @cdktf/provider-* binding); every AWS:: and Alexa:: CloudFormation type.',
});
