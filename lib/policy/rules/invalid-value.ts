/**
 * schema/invalid-value: a literal outside the enumeration the schema or the provider documents.
 */
import { schemaRule } from '../../schema';

export const invalidValue = schemaRule('invalid-value', {
  description: 'A literal value outside the allowed values: the CloudFormation registry schema `enum`, or the values the Terraform provider documents ("Possible values are ...").',
  rationale: 'The provider rejects it at plan or create time ("expected sku to be one of [...]", "failed to satisfy constraint: Member must satisfy enum value set"). Comparison is exact (case-sensitive), as the providers validate. Values resolved at deploy time are never checked.',
  fix: 'Use one of the values the message lists. If the provider accepts a value its documentation omits, suppress with a reason (and report it).',
  scope: 'Resources and Terraform data sources with schema data; enumerations where the schema or the documentation of the pinned provider version lists them.',
});
