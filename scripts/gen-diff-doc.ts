/**
 * Writes docs/DIFF.md from the security kinds and list-semantics tables: `npm run docs:diff`.
 * test/diff/docs.test.ts fails when the committed file is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderDiffDoc } from '../lib/diff/docs';

const out = path.join(__dirname, '..', 'docs', 'DIFF.md');
fs.writeFileSync(out, renderDiffDoc());
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
