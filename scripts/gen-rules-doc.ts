/**
 * Writes docs/RULES.md from the rule files: `npx tsx scripts/gen-rules-doc.ts`.
 * test/policy/docs.test.ts fails when the committed file is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderRulesDoc } from '../lib/policy/docs';

const out = path.join(__dirname, '..', 'docs', 'RULES.md');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, renderRulesDoc());
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
