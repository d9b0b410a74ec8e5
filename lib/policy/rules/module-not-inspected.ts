/**
 * policy/module-not-inspected: a Terraform `module` block's resources are not in the input, so
 * the placement guarantee cannot be checked for them. Reported so a gap is never silent.
 */
import { nonCompliant, typeIn } from '../rule';
import type { Rule } from '../types';
import { literal } from '../util/values';

export const moduleNotInspected: Rule = {
  id: 'policy/module-not-inspected',
  severity: 'warning',
  description: 'A Terraform module call is present; its resources are not inspected.',
  rationale: 'The check reads what will be deployed. A module expands to resources that are not in this file, so a model endpoint or an IAM grant inside it would go unseen.',
  fix: 'Check the module source as well (pass its directory with --terraform), or inline its resources; suppress with a reason if the module is vetted.',
  scope: 'Terraform module blocks.',
  modes: ['module'],
  appliesTo: typeIn('module'),
  evaluate(resource) {
    const source = literal(resource.properties.source);
    return nonCompliant(`module ${resource.id}${source ? ` (source "${source}")` : ''} is not inspected`);
  },
};
