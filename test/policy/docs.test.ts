/**
 * docs/RULES.md is generated from the rule files; the committed file must match the generator.
 * Regenerate with `npx tsx scripts/gen-rules-doc.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderRulesDoc, RULES } from '../../lib/policy';
import { ENGINE_FINDINGS } from '../../lib/policy/engine';

describe('rules reference', () => {
  it('docs/RULES.md matches the generator output', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'RULES.md'), 'utf8');
    expect(committed).toBe(renderRulesDoc());
  });

  it('documents every rule, and each rule file is named after its id', () => {
    const doc = renderRulesDoc();
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(doc).toContain(`### \`${r.id}\``);
      expect(r.id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
      expect(fs.existsSync(path.join(__dirname, '..', '..', 'lib', 'policy', 'rules', `${r.id.split('/')[1]}.ts`))).toBe(true);
      for (const field of [r.description, r.rationale, r.fix, r.scope]) expect(field.length).toBeGreaterThan(10);
    }
    for (const id of ['engine/rule-error', 'policy/expired-suppression', 'policy/invalid-suppression']) expect(doc).toContain(`### \`${id}\``);
  });

  it('lists every finding the engine itself reports in the summary table and in its own section', () => {
    const doc = renderRulesDoc();
    for (const r of ENGINE_FINDINGS) {
      expect(doc).toContain(`| [\`${r.id}\`](#${r.id.replace(/[^a-z0-9-]/g, '')}) | ${r.severity} |`);
      expect(doc).toContain(`### \`${r.id}\``);
    }
    expect(ENGINE_FINDINGS.map((r) => r.id)).toEqual(expect.arrayContaining(['policy/expired-suppression', 'policy/unused-suppression']));
  });
});
