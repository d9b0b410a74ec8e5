/**
 * schema/read-only-attribute: a Terraform attribute the provider computes being set.
 */
import { schemaRule } from '../../schema';

export const readOnlyAttribute = schemaRule('read-only-attribute', {
  description: 'A computed-only (read-only) Terraform attribute is set in the configuration.',
  rationale: 'Terraform rejects values for attributes the provider computes ("Invalid or unknown key" / "Value for unconfigurable attribute"): they are outputs, not inputs.',
  fix: 'Remove the attribute; read it from the resource (`${type.name.attribute}`) where it is needed.',
  scope: 'Terraform resources and data sources of providers with schema data.',
});
