/**
 * schema/wrong-type: a value no conversion turns into the declared type.
 */
import { schemaRule } from '../../schema';

export const wrongType = schemaRule('wrong-type', {
  description: 'A value of the wrong type: an object or list where a scalar is expected, a non-numeric string for a number, a scalar for a block or list.',
  rationale: 'Both engines convert between primitive types (a number for a string, `"5"` for a number, `"true"` for a boolean), but nothing else: Terraform fails at plan ("Incorrect attribute value type") and CloudFormation at create time. Tokens and intrinsics are never checked.',
  fix: 'Give the value the type the message names (e.g. wrap a single value in a list, or write a block as an object).',
  scope: 'Resources and Terraform data sources with schema data (see schema/unknown-attribute).',
});
