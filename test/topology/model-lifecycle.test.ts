/** Model lifecycle: retired versions are errors, retiring/deprecated/unknown ones warnings, on a pinned day. */
import * as path from 'path';
import { parseAsOf, parseDay } from '../../lib/topology/clock';
import { readConfigFile } from '../../lib/topology/load';
import { modelAvailabilityFindings } from '../../lib/topology/model-availability';
import { currentVersions, lifecycleOf, modelLifecycleFindings, RETIREMENT_WARNING_DAYS } from '../../lib/topology/model-lifecycle';
import { MODEL_LIFECYCLE, MODEL_LIFECYCLE_SOURCE, type ModelLifecycle } from '../../lib/topology/model-lifecycle-table';
import { UserInputError } from '../../lib/topology/problems';
import type { Topology } from '../../lib/topology/schema';
import { validateTopology } from '../../lib/topology/validate';
import { rawDefault } from '../helpers';

/** The day this suite pins (the day the table was checked; its newest source is of 2026-10-05). */
const TODAY = parseAsOf('2026-12-01');

function topologyWith(models: Array<{ model: string; version: string; sku?: string }>): Topology {
  const t = rawDefault();
  t.azure.serving[0].models = models.map((m, i) => ({ name: `m${i}`, capacity: 10, ...m }));
  t.azure.serving.splice(1);
  const r = validateTopology(t);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.topology;
}
const findings = (models: Array<{ model: string; version: string; sku?: string }>, asOf = TODAY, table?: readonly ModelLifecycle[]) => modelLifecycleFindings(topologyWith(models), asOf, table);
const messages = (ps: ReadonlyArray<{ message: string }>) => ps.map((p) => p.message);

describe('model lifecycle check', () => {
  test('the embedded default and the example deploy current models: no error and no warning on 2026-12-01', () => {
    const def = validateTopology(rawDefault());
    const example = validateTopology(readConfigFile(path.join(__dirname, '../../examples/stateline.config.yaml')), { baseDir: path.join(__dirname, '../../examples') });
    for (const r of [def, example]) {
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      // Not deprecated, not retiring or deprecated within 90 days, in the table, offered as their SKU in their region.
      expect(modelLifecycleFindings(r.topology, TODAY)).toEqual({ errors: [], warnings: [] });
      expect(modelAvailabilityFindings(r.topology)).toEqual([]);
      expect(r.topology.azure.serving.flatMap((s) => s.models.map((m) => `${s.region} ${m.model} ${m.version} ${m.sku}`)).filter((x) => / gpt-/.test(x)))
        .toEqual(expect.arrayContaining([expect.stringMatching(/^(swedencentral|francecentral) gpt-5\.6-terra 2026-07-09 DataZoneStandard$/)]));
    }
  });

  test('a retired version is an error naming the date, the replacement and current versions: o4-mini 2025-04-16 (retired 2026-11-19)', () => {
    const { errors } = findings([{ model: 'o4-mini', version: '2025-04-16', sku: 'DataZoneStandard' }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'azure.serving[0].models[0].version', value: '2025-04-16' });
    expect(errors[0].message).toMatch(/o4-mini 2025-04-16 was retired by Azure on 2026-11-19/);
    expect(errors[0].message).toMatch(/Microsoft's replacement: gpt-5\.6-terra/);
    expect(errors[0].message).toMatch(/current text versions on 2026-12-01: gpt-5\.6-luna 2026-07-09 \(retires on 2028-01-11\), gpt-5\.6-sol 2026-07-09/);
    expect(errors[0].message).toContain(`checked ${MODEL_LIFECYCLE_SOURCE.checked}`);
    // Retired in 2026 and no longer in the schedule (kept from the older table): still an error.
    expect(findings([{ model: 'dall-e-3', version: '3' }]).errors[0].message).toMatch(/retired by Azure on 2026-03-04.*replacement: gpt-image-1\.5/);
    expect(findings([{ model: 'gpt-4.1-nano', version: '2025-04-14' }]).errors[0].message).toMatch(/retired by Azure on 2026-10-14/);
  });

  test('newer sources win: gpt-4.1 2025-04-14 (the default before gpt-5.1) was extended to 2027-04-14, so it is deprecated, not retired', () => {
    const { errors, warnings } = findings([{ model: 'gpt-4.1', version: '2025-04-14' }]);
    expect(errors).toEqual([]);
    expect(messages(warnings)).toEqual([expect.stringMatching(/gpt-4\.1 2025-04-14 is deprecated since 2026-04-14: .* retires on 2027-04-14/)]);
  });

  test('the clock decides: the day before retirement is a warning, the day itself an error', () => {
    const model = [{ model: 'o4-mini', version: '2025-04-16' }];
    const before = findings(model, parseAsOf('2026-11-18'));
    expect(before.errors).toEqual([]);
    expect(messages(before.warnings)).toEqual(expect.arrayContaining([expect.stringMatching(/retires on 2026-11-19 \(in 1 days\)/)]));
    expect(findings(model, parseAsOf('2026-11-19')).errors).toHaveLength(1);
    // Outside the warning window: nothing to say about the retirement...
    const early = findings(model, parseAsOf('2026-07-01'));
    expect(early.warnings.filter((w) => /retires on 2026-11-19 \(in/.test(w.message))).toEqual([]);
    // ...but it is deprecated since 2026-04-16, and the suggestions exist on that day (gpt-5.6 did not yet).
    expect(messages(early.warnings)).toEqual([expect.stringMatching(/deprecated since 2026-04-16/)]);
    expect(early.warnings[0].message).toMatch(/current text versions on 2026-07-01: gpt-5\.5 2026-04-24/);
    const onDay = currentVersions('text', parseAsOf('2025-11-20')).map((r) => `${r.model} ${r.version}`);
    expect(onDay).toContain('gpt-5.1 2025-11-13');
    expect(onDay).not.toContain('gpt-5.2 2025-12-11');
  });

  test(`a retirement within ${RETIREMENT_WARNING_DAYS} days is a warning with the number of days`, () => {
    const { errors, warnings } = findings([{ model: 'gpt-5-mini', version: '2025-08-07' }, { model: 'gpt-4o', version: '2024-05-13' }]);
    expect(errors).toEqual([]);
    expect(messages(warnings)).toEqual(expect.arrayContaining([
      expect.stringMatching(/gpt-5-mini 2025-08-07 retires on 2027-02-09 \(in 70 days\)/),
      expect.stringMatching(/gpt-4o 2024-05-13 retires on 2026-12-09 \(in 8 days\).*Microsoft's replacement: gpt-5\.6-sol/),
    ]));
  });

  test('a deprecated version (no new customers) is a warning that says what deprecation means: gpt-5.1, the default until 2026-12-01', () => {
    const { errors, warnings } = findings([{ model: 'gpt-5.1', version: '2025-11-13' }]);
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/deprecated since 2026-11-13: Microsoft no longer offers it to new customers/);
    expect(warnings[0].message).toMatch(/retires on 2027-05-15/);
    expect(warnings[0].message).toMatch(/Current text versions on 2026-12-01: gpt-5\.6-luna 2026-07-09/);
  });

  test(`a deprecation within ${RETIREMENT_WARNING_DAYS} days is a warning; a date from Microsoft's 12-month policy says so`, () => {
    const { errors, warnings } = findings([{ model: 'gpt-5.2', version: '2025-12-11' }]);
    expect(errors).toEqual([]);
    expect(messages(warnings)).toEqual([expect.stringMatching(/gpt-5\.2 2025-12-11 is deprecated from 2026-12-11 \(in 10 days, 12 months after its release, Microsoft's GA deprecation policy; the schedule lists no day\)/)]);
    // The newest versions are far from both.
    expect(findings([{ model: 'gpt-5.6-sol', version: '2026-07-09' }]).warnings).toEqual([]);
    // On its policy day a derived deprecation is a deprecation like any other.
    expect(messages(findings([{ model: 'gpt-5.6-terra', version: '2026-07-09' }], parseAsOf('2027-07-09')).warnings))
      .toEqual([expect.stringMatching(/deprecated since 2027-07-09 \(12 months after its release/), expect.stringMatching(/schedule of 2026-10-05 \(checked 2026-12-01\), 277 days before/)]);
  });

  test('a model missing from the table is a warning that names the schedule date and the day it was checked', () => {
    // gpt-6-sol is in Microsoft's availability matrix but not in its retirement schedule of 2026-10-05.
    const { errors, warnings } = findings([{ model: 'gpt-6-sol', version: '2026-09-22' }]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ path: 'azure.serving[0].models[0].version', message: expect.stringContaining(`Microsoft's schedule of 2026-10-05, checked ${MODEL_LIFECYCLE_SOURCE.checked}`) })]);
    expect(warnings[0].message).toContain(MODEL_LIFECYCLE_SOURCE.url);
  });

  test('per-deployment-type dates (the December 2025 table retired gpt-4o 2024-08-06 earlier for Standard)', () => {
    const table: ModelLifecycle[] = [{ model: 'gpt-4o', version: '2024-08-06', kind: 'text', status: 'GA', retirement: { date: '2026-10-01' }, retirementBySku: { Standard: '2026-03-31' } }];
    const day = parseAsOf('2026-05-01');
    expect(findings([{ model: 'gpt-4o', version: '2024-08-06', sku: 'Standard' }], day, table).errors[0].message).toMatch(/retired by Azure on 2026-03-31 for Standard deployments/);
    expect(findings([{ model: 'gpt-4o', version: '2024-08-06', sku: 'DataZoneStandard' }], day, table).errors).toEqual([]);
    expect(findings([{ model: 'gpt-4o', version: '2024-08-06', sku: 'DataZoneStandard' }], parseAsOf('2026-10-01'), table).errors).toHaveLength(1);
    // The schedule of 2026-10-05 gives one date for every type.
    expect(MODEL_LIFECYCLE.filter((r) => r.retirementBySku)).toEqual([]);
  });

  test('"no earlier than" dates warn inside the window and once passed, never fail', () => {
    const model = [{ model: 'computer-use-preview', version: '2025-03-11', sku: 'GlobalStandard' }];
    const soon = findings(model, parseAsOf('2026-03-01'));
    expect(soon.errors).toEqual([]);
    expect(messages(soon.warnings)).toEqual([expect.stringMatching(/may retire from 2026-04-14 \(in 44 days/)]);
    const past = findings(model);
    expect(past.errors).toEqual([]);
    expect(messages(past.warnings)).toEqual([expect.stringMatching(/may retire any day/)]);
  });

  test('retired families without versions match every version (gpt-35-turbo 0613, text-davinci-003)', () => {
    expect(findings([{ model: 'gpt-35-turbo', version: '0613' }]).errors[0].message).toMatch(/retired by Azure on 2025-02-13/);
    expect(lifecycleOf('text-davinci-003', '1')?.retirement?.date).toBe('2024-06-14');
    // An exact version wins over the family row.
    expect(lifecycleOf('gpt-35-turbo', '0125')).toBeUndefined();
  });

  test('a table whose newest source is more than 90 days older than the given day says so', () => {
    const model = [{ model: 'gpt-5.6-terra', version: '2026-07-09' }];
    expect(findings(model).warnings).toEqual([]);
    const { warnings } = findings(model, parseAsOf('2027-06-01'));
    expect(warnings.some((w) => w.path === 'azure.serving' && /follows Microsoft's schedule of 2026-10-05 \(checked 2026-12-01\), 239 days before 2027-06-01/.test(w.message))).toBe(true);
  });

  test('the table carries its sources and dates, and every row is well formed and unique', () => {
    expect(MODEL_LIFECYCLE_SOURCE.table).toMatch(/^MicrosoftDocs\/azure-ai-docs articles\/foundry\/openai\/includes\/concepts-model-retirement-schedule-content\.md @ [0-9a-f]{8} \(ms\.date 2026-10-05\)$/);
    expect(MODEL_LIFECYCLE_SOURCE.published <= MODEL_LIFECYCLE_SOURCE.checked).toBe(true);
    for (const k of ['published', 'checked'] as const) expect(parseDay(MODEL_LIFECYCLE_SOURCE[k])).not.toBeNull();
    const keys = new Set<string>();
    for (const r of MODEL_LIFECYCLE) {
      for (const dt of [r.deprecation?.date, r.retirement?.date, ...Object.values(r.retirementBySku ?? {})]) {
        if (dt !== undefined) expect({ row: `${r.model}@${r.version}`, dt, ok: parseDay(dt) !== null }).toEqual({ row: `${r.model}@${r.version}`, dt, ok: true });
      }
      if (r.deprecation && r.retirement && !r.deprecation.earliest && !r.retirement.earliest) expect(r.deprecation.date <= r.retirement.date).toBe(true);
      // A derived deprecation is the release day a year later, on GA versions only.
      if (r.deprecation?.derived) expect({ row: `${r.model}@${r.version}`, ga: r.status, dep: r.deprecation.date }).toEqual({ row: `${r.model}@${r.version}`, ga: 'GA', dep: `${Number(r.version.slice(0, 4)) + 1}${r.version.slice(4)}` });
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
