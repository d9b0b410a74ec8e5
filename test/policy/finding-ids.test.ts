/**
 * The finding ids topology validation checks suppressions against (lib/policy/finding-ids.ts,
 * kept apart from the rules so `validate` does not load them) are exactly the rule set's.
 */
import { RULES } from '../../lib/policy';
import { ENGINE_FINDINGS } from '../../lib/policy/engine';
import { FINDING_IDS, ruleMatcher, unknownRuleProblem } from '../../lib/policy/finding-ids';

describe('finding ids', () => {
  test('equal the rules and the engine findings, in reference order', () => {
    expect(FINDING_IDS).toEqual([...RULES.map((r) => r.id), ...ENGINE_FINDINGS.map((r) => r.id)]);
  });

  test('an id or a glob that names a rule is accepted; `*` means every rule', () => {
    expect(unknownRuleProblem('link/bgp-enabled')).toBeUndefined();
    expect(unknownRuleProblem('path/*')).toBeUndefined();
    expect(unknownRuleProblem('*/no-route')).toBeUndefined();
    expect(ruleMatcher('*')('schema/wrong-type')).toBe(true);
  });

  test('an unknown id suggests the closest id; a glob matching nothing suggests the closest namespace', () => {
    expect(unknownRuleProblem('placement/stateless-endpoint-outside-aws')).toMatch(/^is not a rule id \(did you mean "placement\/stateless-endpoint-outside-azure"\?\); rule ids are listed in docs\/RULES\.md/);
    expect(unknownRuleProblem('placment/*')).toMatch(/^matches no rule \(did you mean "placement\/\*"\?\)/);
    expect(unknownRuleProblem('network/public-ip-in-front-of-model')).toMatch(/^is not a rule id; rule ids are listed in docs\/RULES\.md, in the namespaces placement\/\*, privacy\/\*/);
  });
});
