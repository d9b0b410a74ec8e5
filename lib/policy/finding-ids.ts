/**
 * Every finding id stateline reports (the rules, then the engine's own findings), and the rule
 * glob semantics of suppressions. The ids are a generated list (`npm run docs:rules` writes it
 * with docs/RULES.md), so topology validation can reject a suppression naming no rule without
 * loading the rule set; test/policy/finding-ids.test.ts fails when it is stale.
 */
import picomatch from 'picomatch';
import { closest } from '../topology/suggest';
import { FINDING_IDS } from './finding-id-list';

export { FINDING_IDS } from './finding-id-list';

/** Whether a suppression's `rule` (an id or a glob) covers a finding id. A bare `*` means every rule. */
export function ruleMatcher(glob: string): (id: string) => boolean {
  if (glob.trim() === '*') return () => true;
  return picomatch(glob, { dot: true });
}

/**
 * Why a suppression's `rule` can never apply (an unknown id, or a glob matching no id), with the
 * closest id or namespace glob; undefined when it names at least one of `ids`.
 */
export function unknownRuleProblem(rule: string, ids: readonly string[] = FINDING_IDS): string | undefined {
  const matches = ruleMatcher(rule);
  if (ids.some((id) => matches(id))) return undefined;
  const isGlob = /[*?[\]{}]/.test(rule);
  const namespaces = [...new Set(ids.map((id) => `${id.split('/')[0]}/*`))];
  const hint = closest(rule, isGlob ? namespaces : ids) ?? closest(rule, isGlob ? ids : namespaces);
  const what = isGlob ? 'matches no rule' : 'is not a rule id';
  return `${what}${hint ? ` (did you mean "${hint}"?)` : ''}; rule ids are listed in docs/RULES.md, in the namespaces ${namespaces.join(', ')}`;
}
