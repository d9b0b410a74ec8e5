import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from './run';
import { rawDefault } from '../helpers';

describe('stateline CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('validate: exit 0 on the embedded default', async () => {
    const r = await run(['validate']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\(embedded default\) is valid \(2 serving regions, 1 agent, 6 stacks\)/);
  });

  test('validate: exit 2 listing every problem by path, no stack trace', async () => {
    const t = rawDefault();
    t.aws.asn = 65010;
    t.azure.serving[0].models[0].capacity = -5;
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(t));
    const r = await run(['validate', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/2 problems/);
    expect(r.err).toMatch(/aws\.asn: equals azure\.hub\.gateway\.asn/);
    expect(r.err).toMatch(/azure\.serving\[0\]\.models\[0\]\.capacity: .*\(got -5\)/);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  test('deploy --dry-run prints the three phases and runs nothing', async () => {
    const r = await run(['deploy', '--dry-run', '--out', dir]);
    expect(r.code).toBe(0);
    const phases = r.out.split('\n').filter((l) => l.startsWith('[phase')).map((l) => l.slice(0, 12));
    expect(phases).toEqual(['[phase 1/3 a', '[phase 1/3 a', '[phase 1/3 a', '[phase 1/3 a', '[phase 2/3 a', '[phase 2/3 a', '[phase 3/3 a']);
    expect(r.out).toContain('dry run: nothing was executed');
    expect(fs.existsSync(path.join(dir, '.stateline'))).toBe(false);
  });

  test('unwritable outputs and empty configs are user errors (exit 2), not crashes', async () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    const synth = await run(['synth', '--out', file]);
    expect(synth.code).toBe(2);
    expect(synth.err).toMatch(/is a file, not a directory/);
    const check = await run(['check', '--template', file, '--output', path.join(dir, 'missing-dir', 'r.json')]);
    expect(check.code).toBe(2);
    fs.writeFileSync(path.join(dir, 'empty.yaml'), '');
    const empty = await run(['validate', '--config', path.join(dir, 'empty.yaml')]);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/empty\.yaml is empty: expected a topology object/);
  });

  test('usage errors exit 2', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['synth', '--no-such-flag'])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
    expect((await run(['deploy', '--phase', '4', '--dry-run'])).code).toBe(2);
  });

  test('synth writes both clouds; an invalid topology leaves previous outputs untouched', async () => {
    const out = path.join(dir, 'out');
    const ok = await run(['synth', '--out', out]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/aws\s+1 stack/);
    expect(ok.out).toMatch(/azure\s+5 stacks/);
    expect(ok.out).toMatch(/policy passed: \d+ resources checked, 0 errors/);
    expect(fs.readFileSync(path.join(out, 'stateline.svg'), 'utf8')).toMatch(/^<\?xml|<svg/);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'cdktf.out/manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(['stateline-azure-hub', 'stateline-azure-identity', 'stateline-azure-link', 'stateline-azure-serving-francecentral', 'stateline-azure-serving-swedencentral']);
    expect(fs.existsSync(path.join(out, 'cdk.out/stateline-aws-agents-eu-central-1.template.json'))).toBe(true);
    const before = fs.readFileSync(path.join(out, 'cdk.out/manifest.json'), 'utf8');

    const t = rawDefault();
    t.aws.vpc.cidr = 'not-a-cidr';
    fs.writeFileSync(path.join(dir, 'bad2.json'), JSON.stringify(t));
    const bad = await run(['synth', '--out', out, '--config', path.join(dir, 'bad2.json')]);
    expect(bad.code).toBe(2);
    expect(fs.readFileSync(path.join(out, 'cdk.out/manifest.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(out).sort()).toEqual(['cdk.out', 'cdktf.out', 'stateline.mmd', 'stateline.svg']);

    // No machine path leaks into any synthesized file.
    const leaks: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (fs.readFileSync(f, 'utf8').includes(dir) || fs.readFileSync(f, 'utf8').includes(process.cwd())) leaks.push(f);
    });
    walk(out);
    expect(leaks).toEqual([]);
  });
});
