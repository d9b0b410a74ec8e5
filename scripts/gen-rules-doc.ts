/**
 * Writes docs/RULES.md from the rule files, and lib/policy/finding-id-list.ts (the ids topology
 * validation checks suppressions against): `npm run docs:rules`.
 * test/policy/docs.test.ts and test/policy/finding-ids.test.ts fail when a committed file is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderFindingIdList, renderRulesDoc } from '../lib/policy/docs';

const out = path.join(__dirname, '..', 'docs', 'RULES.md');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, renderRulesDoc());
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
const ids = path.join(__dirname, '..', 'lib', 'policy', 'finding-id-list.ts');
fs.writeFileSync(ids, renderFindingIdList());
process.stdout.write(`wrote ${path.relative(process.cwd(), ids)}\n`);
