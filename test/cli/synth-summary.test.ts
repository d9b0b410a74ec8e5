/**
 * The synth summary stays short at any scale: 64 serving regions fit in 8 lines even with the
 * two lines other features will append, stacks in deploy-phase order, all listed on --verbose.
 */
import { formatSynthSummary, StackRoles } from '../../lib/cli/main';
import type { SynthSummary } from '../../lib/cli/synth';

const serving = Array.from({ length: 64 }, (_, i) => `stateline-azure-serving-region${String(i + 1).padStart(2, '0')}`);
const stacks: StackRoles = { hub: 'stateline-azure-hub', serving, aws: ['stateline-aws-agents-eu-central-1'], link: 'stateline-azure-link' };
const summary: SynthSummary = {
  outDir: process.cwd(),
  aws: { stacks: ['stateline-aws-agents-eu-central-1'], resources: 99 },
  azure: { stacks: [...serving, 'stateline-azure-hub', 'stateline-azure-link'].sort(), resources: 2730 },
  millis: 3770,
};
const EXTRA = ['  paths    8 agent-to-model paths proven private', '  cost     ~ 12,345 USD/month'];
const linesOf = (s: string) => s.replace(/\n$/, '').split('\n');

describe('synth summary at 64 serving regions', () => {
  test('at most 8 lines with two extra lines; hub, link and "64 serving stacks" named', () => {
    const text = formatSynthSummary('stateline.config.json', summary, { stacks, extraLines: EXTRA });
    const lines = linesOf(text);
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(lines.slice(-2)).toEqual(EXTRA);
    expect(text).toContain('hub stateline-azure-hub');
    expect(text).toContain('link stateline-azure-link');
    expect(text).toMatch(/64 serving stacks \(stateline-azure-serving-<region>: region01, region02, region03, \+61 more; --verbose lists them\)/);
    expect(text).toMatch(/aws 1 stack, 99 resources \(cdk\.out\); azure 66 stacks, 2730 resources \(cdktf\.out\)/);
    // No line lists the 66 stack names.
    for (const l of lines) expect(l.length).toBeLessThan(200);
  });

  test('stacks in deploy-phase order: hub and serving, then aws, then link', () => {
    const lines = linesOf(formatSynthSummary('x', summary, { stacks }));
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('hub stateline-azure-hub')).toBeLessThan(at('stateline-aws-agents-eu-central-1'));
    expect(at('stateline-aws-agents-eu-central-1')).toBeLessThan(at('link stateline-azure-link'));
    expect(lines.slice(1).map((l) => l.slice(0, 16))).toEqual(['  phase 1  azure', '  phase 2  aws  ', '  phase 3  azure']);
  });

  test('--verbose lists every serving stack, in phase order', () => {
    const lines = linesOf(formatSynthSummary('x', summary, { stacks, verbose: true }));
    const listed = lines.filter((l) => /^\s+stateline-azure-serving-/.test(l)).map((l) => l.trim());
    expect(listed).toEqual(serving);
    expect(lines.findIndex((l) => l.includes('phase 2'))).toBeGreaterThan(lines.findIndex((l) => l.includes('region64')));
  });

  test('a few serving regions are named inline', () => {
    const small = { ...stacks, serving: ['stateline-azure-serving-swedencentral', 'stateline-azure-serving-francecentral'] };
    expect(formatSynthSummary('x', summary, { stacks: small })).toContain('hub stateline-azure-hub, 2 serving stacks: swedencentral, francecentral');
  });
});
