/**
 * schema/missing-required: a required argument, block or property is absent.
 */
import { schemaRule } from '../../schema';

export const missingRequired = schemaRule('missing-required', {
  description: 'A required argument, nested block or property is missing (or null), at any depth.',
  rationale: 'Terraform fails at plan ("Missing required argument" / "Insufficient blocks") and CloudFormation fails the resource at create time ("required key not found"), possibly an hour into a phased deploy.',
  fix: 'Set the attribute or add the block; the message gives its path inside the resource.',
  scope: 'Resources and Terraform data sources with schema data (see schema/unknown-attribute).',
});
