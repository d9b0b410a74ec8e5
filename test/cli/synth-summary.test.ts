/**
 * The synth summary stays short at any scale (issue #20): a real `stateline synth` of a generated
 * 64-serving-region, 8-agent topology prints at most 8 lines, stacks in deploy-phase order, all
 * listed on --verbose; and Microsoft's availability matrix gives one warning per model version and
 * deployment type, listing the regions, not one per region.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateTopology } from '../../bench/topologies';
import { formatSynthSummary, StackRoles } from '../../lib/cli/main';
import type { SynthSummary } from '../../lib/cli/synth';
import { run } from './run';

const linesOf = (s: string) => s.replace(/\n$/, '').split('\n');

describe('a real synth of 64 serving regions and 8 agents', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-synth-64-'));
  const config = path.join(tmp, 'big.json');
  let r: { code: number; out: string; err: string };
  beforeAll(async () => {
    fs.writeFileSync(config, JSON.stringify(generateTopology(64, 8)));
    r = await run(['synth', '--config', config, '--out', path.join(tmp, 'out')]);
  }, 120_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('the summary is at most 8 lines and still names the outputs, phases, diagram, paths, cost, policy and schema', () => {
    expect({ code: r.code, stackTrace: /\n\s+at /.test(r.err) }).toEqual({ code: 0, stackTrace: false });
    const lines = linesOf(r.out);
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(lines[0]).toMatch(/^stateline synth: \S*big\.json -> \S+\/ in [\d.]+ s: aws 1 stack, \d+ resources \(cdk\.out\); azure 67 stacks, \d+ resources \(cdktf\.out\); diagram \S+stateline\.svg$/);
    expect(fs.existsSync(path.join(tmp, 'out', 'stateline.svg'))).toBe(true);
    expect(lines.slice(1, 4).map((l) => l.slice(0, 16))).toEqual(['  phase 1  azure', '  phase 2  aws  ', '  phase 3  azure']);
    expect(lines[1]).toMatch(/hub stateline-azure-hub, 64 serving stacks \(stateline-azure-serving-<region>: \S+, \S+, \S+, \+61 more; --verbose lists them\), identities stateline-azure-identity$/);
    expect(lines[3]).toBe('  phase 3  azure  link stateline-azure-link');
    expect(lines[4]).toMatch(/^ {2}paths {2}8 agents: (\d+)\/\1 model paths proven$/);
    expect(lines[5]).toMatch(/^ {2}cost {3}floor \$[\d,.]+\/month \(aws \$[\d,.]+, azure \$[\d,.]+\)/);
    expect(lines[6]).toMatch(/^ {2}policy passed: \d+ resources checked, 0 errors, 0 warnings, 0 suppressed; schema: \d+ resources validated against provider schemas, 4 not validated \(no schema data: Custom::AWS, Custom::VpcRestrictDefaultSG\)$/);
    // No line lists the 67 stack names (the temp directory's path aside).
    for (const l of lines) expect(l.replace(/\S*stateline-synth-64-\w+\//g, '').length).toBeLessThan(220);
  });

  test('one availability warning per model version and SKU, listing its regions, instead of one per deployment', () => {
    const warnings = r.err.split('\n').filter((l) => l.includes('warning:'));
    // The generated topology deploys gpt-5.6-terra (DataZoneStandard) and text-embedding-3-large (Standard) in every
    // region, many of which Microsoft's matrix does not offer them in: 79 deployments, 2 warnings.
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^stateline: warning: azure\.serving\[0-5,7-8,[\d,-]+\]\.models\[0\]\.sku: gpt-5\.6-terra 2026-07-09 is not offered as DataZoneStandard in \d+ regions \(Microsoft's availability matrix of [\d-]+, checked [\d-]+; \d+ deployments\): /);
    expect(warnings[0]).toMatch(/australiaeast[^;]*: no region of their geography offers it/);
    expect(warnings[0]).toMatch(/northeurope: offered in their geography in francecentral, [^;]*swedencentral/);
    expect(warnings[1]).toMatch(/text-embedding-3-large 1 is not offered as Standard in \d+ regions/);
    // A region with two stamps (two deployments) is named once.
    const topology = generateTopology(64, 8) as { azure: { serving: { region: string }[] } };
    expect(topology.azure.serving.filter((s) => s.region === 'australiaeast').length).toBe(2);
    expect(warnings[0].match(/australiaeast/g)).toHaveLength(1);
  });
});

describe('formatSynthSummary', () => {
  const serving = Array.from({ length: 64 }, (_, i) => `stateline-azure-serving-region${String(i + 1).padStart(2, '0')}`);
  const stacks: StackRoles = { hub: 'stateline-azure-hub', serving, aws: ['stateline-aws-agents-eu-central-1'], link: 'stateline-azure-link' };
  const summary: SynthSummary = {
    outDir: process.cwd(),
    aws: { stacks: ['stateline-aws-agents-eu-central-1'], resources: 99 },
    azure: { stacks: [...serving, 'stateline-azure-hub', 'stateline-azure-link'].sort(), resources: 2730 },
    millis: 3770,
  };

  test('the same 4 lines at 2 and 64 serving regions: the line count does not grow with regions', () => {
    const small = { ...stacks, serving: serving.slice(0, 2) };
    expect(linesOf(formatSynthSummary('x', summary, { stacks })).length).toBe(4);
    expect(linesOf(formatSynthSummary('x', summary, { stacks: small })).length).toBe(4);
  });

  test('stacks in deploy-phase order: hub and serving, then aws, then link', () => {
    const lines = linesOf(formatSynthSummary('x', summary, { stacks }));
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('hub stateline-azure-hub')).toBeLessThan(at('stateline-aws-agents-eu-central-1'));
    expect(at('stateline-aws-agents-eu-central-1')).toBeLessThan(at('link stateline-azure-link'));
  });

  test('--verbose lists every serving stack, in phase order', () => {
    const lines = linesOf(formatSynthSummary('x', summary, { stacks, verbose: true }));
    const listed = lines.filter((l) => /^\s+stateline-azure-serving-/.test(l)).map((l) => l.trim());
    expect(listed).toEqual(serving);
    expect(lines.findIndex((l) => l.includes('phase 2'))).toBeGreaterThan(lines.findIndex((l) => l.includes('region64')));
  });

  test('a few serving regions are named inline; the diagram is named on the first line when drawn', () => {
    const small = { ...stacks, serving: ['stateline-azure-serving-swedencentral', 'stateline-azure-serving-francecentral'] };
    expect(formatSynthSummary('x', summary, { stacks: small })).toContain('hub stateline-azure-hub, 2 serving stacks: swedencentral, francecentral');
    expect(linesOf(formatSynthSummary('x', summary, { stacks: small, diagram: 'out/stateline.svg' }))[0]).toMatch(/\(cdktf\.out\); diagram out\/stateline\.svg$/);
    expect(formatSynthSummary('x', summary, { stacks: small })).not.toContain('diagram');
  });
});
