/**
 * The shape every `schema/*` rule shares: it applies to every type (the data decides), sees
 * managed resources and Terraform data sources, skips records not marked for schema validation,
 * and reports the problems of its kind for a resource in one finding.
 */
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, reasons } from '../policy/rule';
import type { InventoryResource, Rule, RuleResult } from '../policy/types';
import { messagesOf } from '.';
import type { ProblemKind } from './problems';

export type SchemaRuleInfo = Pick<Rule, 'description' | 'rationale' | 'fix' | 'scope'>;

export function schemaRule(kind: ProblemKind, info: SchemaRuleInfo): Rule {
  return {
    id: `schema/${kind}`,
    severity: 'error',
    ...info,
    modes: ['managed', 'data'],
    appliesTo: () => true,
    evaluate(resource: InventoryResource): RuleResult {
      if (!resource.validateSchema) return NOT_APPLICABLE;
      const messages = messagesOf(resource, kind);
      if (messages.length === 0) return COMPLIANT;
      const result = reasons(messages);
      return result.status === 'non-compliant' ? nonCompliant(`${resource.id}: ${result.message}`) : result;
    },
  };
}
