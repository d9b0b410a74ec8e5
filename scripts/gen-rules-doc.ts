/**
 * Writes docs/RULES.md from the rule files, and lib/policy/finding-id-list.ts (the ids topology
 * validation checks suppressions against): `npm run docs:rules`.
 * test/policy/docs.test.ts and test/policy/finding-ids.test.ts fail when a committed file is stale.
 */
import * as path from 'path';
import { renderFindingIdList, renderRulesDoc } from '../lib/policy/docs';
import { generate } from './write-if-changed';

generate(path.join(__dirname, '..', 'docs', 'RULES.md'), renderRulesDoc());
generate(path.join(__dirname, '..', 'lib', 'policy', 'finding-id-list.ts'), renderFindingIdList());
