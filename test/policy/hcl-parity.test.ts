/**
 * stateline's HCL parser (lib/policy/loaders/hcl) against the reference it replaces,
 * `@cdktf/hcl2json` (hashicorp/hcl's parser compiled to WASM): the same tree for every HCL file
 * in the repository and for edge cases (escapes, heredocs, flush heredocs, strip markers,
 * directives, splats, for expressions, provider functions, comments, CRLF, Unicode), and an
 * error for every input the reference rejects. Also checked once by hand on 143 files of the
 * public terraform-aws-eks and terraform-azurerm-aks modules (all identical).
 */
import * as fs from 'fs';
import * as path from 'path';
import { HclConverter, sortedKeys } from '../../lib/policy/loaders/hcl/convert';
import { HclSyntaxError } from '../../lib/policy/loaders/hcl/lexer';
import { parseHclBody } from '../../lib/policy/loaders/hcl/parser';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('@cdktf/hcl2json') as { parse(name: string, text: string): Promise<unknown> };

const ROOT = path.join(__dirname, '..', '..');

function ours(text: string): unknown {
  return sortedKeys(new HclConverter(text).body(parseHclBody(text)) as never);
}

async function theirs(text: string): Promise<unknown> {
  try {
    return await reference.parse('x.tf', text);
  } catch (e) {
    return { error: String(e) };
  }
}

function hclFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : hclFiles(full);
    return /\.(tf|tfvars)$/.test(e.name) ? [full] : [];
  });
}

const snippets = fs.readFileSync(path.join(__dirname, 'fixtures/hcl/edge-cases.snippets'), 'utf8').split('\n=====\n');
const files = hclFiles(path.join(ROOT, 'test'));

describe('HCL parser parity with @cdktf/hcl2json', () => {
  test('the corpus is what this test claims to cover', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(snippets.length).toBeGreaterThanOrEqual(18);
  });

  test.each(files.map((f) => [path.relative(ROOT, f)]))('%s: same tree', async (rel) => {
    const text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
    expect(ours(text)).toEqual(await theirs(text));
  });

  test.each(snippets.map((s, i) => [i, s]))('edge case %i: same tree, or both reject it', async (_i, text) => {
    const ref = (await theirs(text)) as { error?: string };
    if (ref && typeof ref === 'object' && 'error' in ref) {
      expect(() => ours(text)).toThrow(HclSyntaxError);
    } else {
      expect(ours(text)).toEqual(ref);
    }
  });

  test('the edge cases include rejected inputs and the quirks kept for parity', async () => {
    const rejected = [];
    for (const s of snippets) if ('error' in ((await theirs(s)) as object)) rejected.push(s);
    expect(rejected.length).toBeGreaterThanOrEqual(6);
    // An escaped interpolation stays escaped; a lone interpolation keeps its value's type.
    expect(ours('a = "$${x}"\nb = "${1}"\nc = "a${1}"\n')).toEqual({ a: '$${x}', b: 1, c: 'a1' });
  });
});
