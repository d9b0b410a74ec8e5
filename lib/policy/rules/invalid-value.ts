/**
 * schema/invalid-value: a literal outside the enumeration the schema or the provider documents,
 * or a CloudFormation string outside its registry schema's pattern or length limits.
 */
import { schemaRule } from '../../schema';

export const invalidValue = schemaRule('invalid-value', {
  description:
    'A literal value outside the allowed values: the CloudFormation registry schema `enum`, `pattern`, `minLength` and `maxLength`, or the values the Terraform provider documents ("Possible values are ...").',
  rationale:
    'The provider rejects it at plan or create time ("expected sku to be one of [...]", "failed to satisfy constraint: Member must satisfy enum value set", "#/LogGroupName: failed validation constraint for keyword [pattern]"). Comparison is exact (case-sensitive), as the providers validate; lengths count Unicode characters. Values resolved at deploy time are never checked.',
  fix: 'Use one of the values the message lists, or a string of the length and pattern it states. If the provider accepts a value its schema or documentation excludes, suppress with a reason (and report it).',
  scope:
    'Resources and Terraform data sources with schema data; enumerations where the schema or the documentation of the pinned provider version lists them; CloudFormation string patterns and lengths where the registry schema gives them (read from @awboost/cfn-resource-types; not for strings inside lists and maps), except the few patterns JavaScript cannot read as the registry does (scripts/provider-schemas/registry-patterns.ts).',
});
