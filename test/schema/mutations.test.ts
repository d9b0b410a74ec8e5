/**
 * The schema rules on real synthesized outputs: the default topology (test/scenarios.ts) with
 * one mutation per resource type and kind, each giving exactly the finding it must; the same
 * places holding references or intrinsics give none. One output copy per kind of mutation (the
 * mutated types are all different), so each batch is one check run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Finding, runCheck } from '../../lib/policy';
import { tempDir } from '../policy/helpers';
import { copyScenario } from '../scenarios';
import { Bad, CLOUDFORMATION, Row, TERRAFORM } from './cases';

type Kind = 'unknown' | 'missing' | 'wrongType' | 'invalidValue' | 'extraBlock';
const KINDS: Kind[] = ['unknown', 'missing', 'wrongType', 'invalidValue', 'extraBlock'];

interface Target {
  readonly stack: string;
  readonly id: string;
  /** Terraform body or CloudFormation Properties, mutable. */
  readonly body: any;
}

/** The synthesized files of a copy of the default outputs, parsed, with a way to write them back. */
class Outputs {
  private readonly files = new Map<string, any>();
  constructor(readonly dir: string) {
    const cdk = path.join(dir, 'cdk.out');
    for (const f of fs.readdirSync(cdk).filter((x) => x.endsWith('.template.json')).sort()) this.files.set(path.join(cdk, f), JSON.parse(fs.readFileSync(path.join(cdk, f), 'utf8')));
    const stacks = path.join(dir, 'cdktf.out', 'stacks');
    for (const s of fs.readdirSync(stacks).sort()) this.files.set(path.join(stacks, s, 'cdk.tf.json'), JSON.parse(fs.readFileSync(path.join(stacks, s, 'cdk.tf.json'), 'utf8')));
  }

  /** The first resource of a type (stacks in name order, then resources in name order). */
  first(type: string): Target {
    for (const [file, doc] of this.files) {
      if (type.includes('::')) {
        const hit = Object.entries<any>(doc.Resources ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).find(([, r]) => r.Type === type);
        if (hit) return { stack: path.basename(file).replace(/\.template\.json$/, ''), id: hit[0], body: hit[1].Properties };
      } else if (doc.resource?.[type]) {
        const [name] = Object.keys(doc.resource[type]).sort();
        return { stack: path.basename(path.dirname(file)), id: `${type}.${name}`, body: doc.resource[type][name] };
      }
    }
    throw new Error(`no ${type} in the default outputs`);
  }

  async check(): Promise<Finding[]> {
    for (const [file, doc] of this.files) fs.writeFileSync(file, JSON.stringify(doc));
    const { report } = await runCheck({ cwd: this.dir, cdkOut: ['cdk.out'], cdktfOut: ['cdktf.out'] });
    return report.findings.filter((f) => f.rule.startsWith('schema/'));
  }
}

const fresh = () => new Outputs(copyScenario('default', path.join(tempDir(), 'out')));
const ROWS: ReadonlyArray<[cloud: string, rows: readonly Row[]]> = [['Terraform', TERRAFORM], ['CloudFormation', CLOUDFORMATION]];

test('the default topology validates clean against both clouds\' schemas', async () => {
  expect(await fresh().check()).toEqual([]);
});

test.each(ROWS)('%s: at least 10 resource types for every kind of mutation', (_, rows) => {
  for (const kind of KINDS) expect(rows.filter((r) => r[kind]).map((r) => r.type).length).toBeGreaterThanOrEqual(10);
});

describe.each(ROWS)('%s', (_, rows) => {
  test.each(KINDS)('%s: each mutated resource gets exactly its finding, nothing else does', async (kind) => {
    const out = fresh();
    const expected: Array<Pick<Finding, 'rule' | 'stack' | 'resource' | 'message'>> = [];
    for (const row of rows) {
      const bad = row[kind] as Bad | undefined;
      if (!bad) continue;
      const [mutate, rule, message] = bad;
      const target = out.first(row.type);
      mutate(target.body);
      expected.push({ rule, stack: target.stack, resource: target.id, message: `${target.id}: ${message}` });
    }
    const got = (await out.check()).map((f) => ({ rule: f.rule, stack: f.stack, resource: f.resource, message: f.message }));
    const key = (f: { stack: string; resource: string }) => `${f.stack}/${f.resource}`;
    expect(got.sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual(expected.sort((a, b) => (key(a) < key(b) ? -1 : 1)));
  });

  test('references and intrinsics in the same places give no finding', async () => {
    const out = fresh();
    for (const row of rows) row.tokens(out.first(row.type).body);
    expect(await out.check()).toEqual([]);
  });
});
