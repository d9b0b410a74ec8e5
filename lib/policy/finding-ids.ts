/**
 * Every finding id stateline reports (the rules, then the engine's own findings), and the rule
 * glob semantics of suppressions. Kept here, without the rules themselves, so that topology
 * validation can reject a suppression naming no rule without loading the rule set;
 * test/policy/finding-ids.test.ts fails when this list and `RULES` + `ENGINE_FINDINGS` differ.
 */
import picomatch from 'picomatch';
import { closest } from '../topology/suggest';

export const FINDING_IDS: readonly string[] = [
  'placement/stateless-endpoint-outside-azure',
  'placement/model-invocation-outside-azure',
  'placement/model-endpoint-dns',
  'privacy/public-serving-endpoint',
  'privacy/public-agent-runtime',
  'privacy/local-auth-enabled',
  'secrets/plaintext-secret',
  'link/minimum-tunnels',
  'link/gateway-active-active',
  'link/bgp-enabled',
  'link/static-routes-only',
  'link/custom-bgp-addresses',
  'link/apipa-inside-cidr',
  'link/asn-collision',
  'link/reserved-asn',
  'policy/module-not-inspected',
  'placement/module-model-input',
  'path/unknown-target',
  'path/no-token-path',
  'path/dns-unresolvable',
  'path/blocked-by-security-group',
  'path/no-route',
  'path/blocked-by-nsg',
  'path/no-role-assignment',
  'schema/unknown-type',
  'schema/unknown-attribute',
  'schema/read-only-attribute',
  'schema/missing-required',
  'schema/wrong-type',
  'schema/invalid-value',
  'schema/too-many-blocks',
  'engine/rule-error',
  'policy/expired-suppression',
  'policy/invalid-suppression',
  'policy/unused-suppression',
  'input/duplicate-key',
];

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
