/**
 * The finding ids topology validation checks suppressions against (lib/policy/finding-id-list.ts,
 * generated apart from the rules so `validate` does not load them) are exactly the rule set's.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../lib/policy';
import { renderFindingIdList } from '../../lib/policy/docs';
import { ENGINE_FINDINGS } from '../../lib/policy/engine';
import { FINDING_IDS, ruleMatcher, unknownRuleProblem } from '../../lib/policy/finding-ids';

describe('finding ids', () => {
  test('equal the rules and the engine findings, in reference order (regenerate with npm run docs:rules)', () => {
    expect(FINDING_IDS).toEqual([...RULES.map((r) => r.id), ...ENGINE_FINDINGS.map((r) => r.id)]);
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'lib', 'policy', 'finding-id-list.ts'), 'utf8')).toBe(renderFindingIdList());
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
