import * as fs from 'fs';
import * as path from 'path';
import { renderDiffDoc } from '../../lib/diff/docs';
import { SECURITY_KINDS } from '../../lib/diff/security';

test('docs/DIFF.md is generated from the security kinds and list tables and is current (npm run docs:diff)', () => {
  const committed = fs.readFileSync(path.join(__dirname, '../../docs/DIFF.md'), 'utf8');
  expect(committed).toBe(renderDiffDoc());
  for (const k of SECURITY_KINDS) expect(committed).toContain(`| ${k.title} (\`${k.id}\`) |`);
});
