/**
 * policy/module-not-inspected: a Terraform `module` call whose resources are not (all) in the
 * inventory, so the placement guarantee cannot be fully checked for them. Local modules whose
 * directory is readable are followed and not reported; well-known registry modules are checked
 * through their mapped inputs and reported as partially inspected; anything else is opaque.
 */
import { COMPLIANT, nonCompliant, typeIn } from '../rule';
import type { Rule } from '../types';
import { literal } from '../util/values';

export const moduleNotInspected: Rule = {
  id: 'policy/module-not-inspected',
  severity: 'warning',
  description: 'A Terraform module call is present whose resources are not (all) inspected.',
  rationale:
    'The check reads what will be deployed. A module expands to resources that are not in this file, so a model endpoint or an IAM grant ' +
    'inside it could go unseen. Local modules are read and checked as `module.<name>.<address>`; well-known registry modules are checked ' +
    'through the inputs that map to the resources our rules read; other modules only through their arguments.',
  fix: 'Make the module source readable (a local path next to the calling file, or vendor it), or inline its resources; suppress with a reason once the module is vetted.',
  scope: 'Terraform module blocks (HCL, JSON, cdktf).',
  modes: ['module'],
  appliesTo: typeIn('module'),
  evaluate(resource) {
    const info = resource.module;
    if (info?.inspection === 'followed') return COMPLIANT;
    const source = literal(resource.properties.source);
    const what = `module ${resource.id}${source ? ` (source "${source}")` : ''}`;
    if (info?.inspection === 'inputs') return nonCompliant(`${what} is inspected only in part: ${info.note}`);
    return nonCompliant(`${what} is not inspected${info ? `: ${info.note}` : ''}`);
  },
};
