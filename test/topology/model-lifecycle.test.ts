/** Model lifecycle: retired versions are errors, retiring/deprecated/unknown ones warnings, on a pinned day. */
import * as path from 'path';
import { parseAsOf, parseDay } from '../../lib/topology/clock';
import { readConfigFile } from '../../lib/topology/load';
import { currentVersions, lifecycleOf, modelLifecycleFindings, RETIREMENT_WARNING_DAYS } from '../../lib/topology/model-lifecycle';
import { MODEL_LIFECYCLE, MODEL_LIFECYCLE_SOURCE } from '../../lib/topology/model-lifecycle-table';
import { UserInputError } from '../../lib/topology/problems';
import type { Topology } from '../../lib/topology/schema';
import { validateTopology } from '../../lib/topology/validate';
import { rawDefault } from '../helpers';

/** The day this suite pins (the day the table was checked). */
const TODAY = parseAsOf('2026-12-01');

function topologyWith(models: Array<{ model: string; version: string; sku?: string }>): Topology {
  const t = rawDefault();
  t.azure.serving[0].models = models.map((m, i) => ({ name: `m${i}`, capacity: 10, ...m }));
  t.azure.serving.splice(1);
  const r = validateTopology(t);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.topology;
}
const findings = (models: Array<{ model: string; version: string; sku?: string }>, asOf = TODAY) => modelLifecycleFindings(topologyWith(models), asOf);

describe('model lifecycle check', () => {
  test('the embedded default and the example have no retired model on 2026-12-01', () => {
    const def = validateTopology(rawDefault());
    const example = validateTopology(readConfigFile(path.join(__dirname, '../../examples/stateline.config.yaml')), { baseDir: path.join(__dirname, '../../examples') });
    for (const r of [def, example]) {
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      expect(modelLifecycleFindings(r.topology, TODAY).errors).toEqual([]);
      // Every model of both is in the table (no "unknown model" warning).
      expect(modelLifecycleFindings(r.topology, TODAY).warnings.filter((w) => /not in stateline's lifecycle table/.test(w.message))).toEqual([]);
    }
  });

  test('gpt-4.1 2025-04-14 (the old default) is an error from its retirement day on, naming the date, the replacement and current versions', () => {
    const { errors } = findings([{ model: 'gpt-4.1', version: '2025-04-14', sku: 'DataZoneStandard' }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'azure.serving[0].models[0].version', value: '2025-04-14' });
    expect(errors[0].message).toMatch(/retired by Azure on 2026-10-14/);
    expect(errors[0].message).toMatch(/Microsoft's replacement: gpt-5/);
    expect(errors[0].message).toMatch(/current text versions on 2026-12-01: gpt-5\.2 2025-12-11/i);
    expect(errors[0].message).toContain(`checked ${MODEL_LIFECYCLE_SOURCE.checked}`);
  });

  test('the clock decides: the day before retirement is a warning, the day itself an error', () => {
    const model = [{ model: 'gpt-4.1', version: '2025-04-14' }];
    const before = findings(model, parseAsOf('2026-10-13'));
    expect(before.errors).toEqual([]);
    expect(before.warnings.map((w) => w.message)).toEqual(expect.arrayContaining([expect.stringMatching(/retires on 2026-10-14 \(in 1 days\)/)]));
    expect(findings(model, parseAsOf('2026-10-14')).errors).toHaveLength(1);
    // Outside the warning window: nothing to say about the retirement.
    const early = findings(model, parseAsOf('2026-07-01'));
    expect(early.warnings.filter((w) => /retires on 2026-10-14 \(in/.test(w.message))).toEqual([]);
    // ...but it is deprecated since 2026-04-14, and the suggestions exist on that day (gpt-5.2 did not yet).
    expect(early.warnings).toEqual([expect.objectContaining({ message: expect.stringMatching(/deprecated since 2026-04-14/) })]);
    const onDay = currentVersions('text', parseAsOf('2025-11-20')).map((r) => `${r.model} ${r.version}`);
    expect(onDay).toContain('gpt-5.1 2025-11-13');
    expect(onDay).not.toContain('gpt-5.2 2025-12-11');
  });

  test(`a retirement within ${RETIREMENT_WARNING_DAYS} days is a warning with the number of days`, () => {
    const { errors, warnings } = findings([{ model: 'gpt-5-mini', version: '2025-08-07' }]);
    expect(errors).toEqual([]);
    expect(warnings.some((w) => /gpt-5-mini 2025-08-07 retires on 2027-02-06 \(in 67 days\)/.test(w.message))).toBe(true);
  });

  test('a deprecated version (no new customers) is a warning that says what deprecation means', () => {
    const { errors, warnings } = findings([{ model: 'gpt-5.1', version: '2025-11-13' }]);
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/deprecated since 2026-11-13: Microsoft no longer offers it to new customers/);
    expect(warnings[0].message).toMatch(/retires on 2027-05-15/);
  });

  test('a model missing from the table is a warning that says when the table was last checked', () => {
    const { errors, warnings } = findings([{ model: 'gpt-5', version: '2025-08-07' }]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ path: 'azure.serving[0].models[0].version', message: expect.stringContaining(`checked ${MODEL_LIFECYCLE_SOURCE.checked}`) })]);
    expect(warnings[0].message).toContain(MODEL_LIFECYCLE_SOURCE.url);
  });

  test('per-deployment-type dates: gpt-4o 2024-08-06 retired earlier for Standard than for DataZoneStandard', () => {
    const day = parseAsOf('2026-05-01');
    expect(findings([{ model: 'gpt-4o', version: '2024-08-06', sku: 'Standard' }], day).errors[0].message).toMatch(/retired by Azure on 2026-03-31 for Standard deployments/);
    expect(findings([{ model: 'gpt-4o', version: '2024-08-06', sku: 'DataZoneStandard' }], day).errors).toEqual([]);
    expect(findings([{ model: 'gpt-4o', version: '2024-08-06', sku: 'DataZoneStandard' }], parseAsOf('2026-10-01')).errors).toHaveLength(1);
  });

  test('"no earlier than" dates warn inside the window and once passed, never fail', () => {
    const soon = findings([{ model: 'text-embedding-3-large', version: '1', sku: 'Standard' }], parseAsOf('2027-03-01'));
    expect(soon.errors).toEqual([]);
    expect(soon.warnings.some((w) => /may retire from 2027-04-15 \(in 45 days/.test(w.message))).toBe(true);
    const past = findings([{ model: 'text-embedding-3-large', version: '1', sku: 'Standard' }], parseAsOf('2027-04-20'));
    expect(past.errors).toEqual([]);
    expect(past.warnings.some((w) => /may retire any day/.test(w.message))).toBe(true);
  });

  test('retired families without versions match every version (gpt-35-turbo 0613, text-davinci-003)', () => {
    expect(findings([{ model: 'gpt-35-turbo', version: '0613' }]).errors[0].message).toMatch(/retired by Azure on 2025-02-13/);
    expect(lifecycleOf('text-davinci-003', '1')?.retirement?.date).toBe('2024-06-14');
    // An exact version wins over the family row.
    expect(lifecycleOf('gpt-35-turbo', '0125')).toBeUndefined();
  });

  test('a table checked long before the given day says so', () => {
    const { warnings } = findings([{ model: 'gpt-5.2', version: '2025-12-11' }], parseAsOf('2027-06-01'));
    expect(warnings.some((w) => w.path === 'azure.serving' && /last checked on 2026-12-01, 182 days before 2027-06-01/.test(w.message))).toBe(true);
  });

  test('the table carries its source and check date, and every row is well formed and unique', () => {
    expect(MODEL_LIFECYCLE_SOURCE.table).toMatch(/MicrosoftDocs\/azure-ai-docs .*retirement\/models\.md/);
    expect(parseDay(MODEL_LIFECYCLE_SOURCE.checked)).not.toBeNull();
    const keys = new Set<string>();
    for (const r of MODEL_LIFECYCLE) {
      for (const dt of [r.deprecation?.date, r.retirement?.date, ...Object.values(r.retirementBySku ?? {})]) {
        if (dt !== undefined) expect(parseDay(dt)).not.toBeNull();
      }
      if (r.deprecation && r.retirement && !r.deprecation.earliest && !r.retirement.earliest) expect(r.deprecation.date <= r.retirement.date).toBe(true);
      const key = `${r.model}@${r.version}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
  });

  test('--as-of takes real calendar dates only', () => {
    expect(parseAsOf('2026-12-01').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    for (const bad of ['2026-02-30', 'tomorrow', '2026-12-1']) expect(() => parseAsOf(bad)).toThrow(UserInputError);
    expect(() => parseAsOf('2026-02-30')).toThrow(/--as-of "2026-02-30" is not a date: use YYYY-MM-DD/);
  });
});
