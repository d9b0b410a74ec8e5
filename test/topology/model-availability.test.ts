/** Model availability: a version Microsoft's matrix does not offer as the deployment's SKU in its region is a warning. */
import * as path from 'path';
import { readConfigFile } from '../../lib/topology/load';
import { availableRegions, modelAvailabilityFindings } from '../../lib/topology/model-availability';
import { MODEL_AVAILABILITY, MODEL_AVAILABILITY_SOURCE } from '../../lib/topology/model-availability-table';
import { lifecycleOf } from '../../lib/topology/model-lifecycle';
import { AZURE_REGIONS } from '../../lib/topology/regions';
import { DEPLOYMENT_SKUS, type Topology } from '../../lib/topology/schema';
import { validateTopology } from '../../lib/topology/validate';
import { rawDefault } from '../helpers';

type M = { model: string; version: string; sku?: string; format?: string };
function topologyIn(region: string, models: M[]): Topology {
  const t = rawDefault();
  t.azure.serving[1].region = region;
  t.azure.serving[1].stamp = 'b'; // may share the hub's or the first serving region
  t.azure.serving[1].models = models.map((m, i) => ({ name: `m${i}`, capacity: 10, ...m }));
  const r = validateTopology(t);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.topology;
}
const findings = (region: string, models: M[]) => modelAvailabilityFindings(topologyIn(region, models));

describe('model availability check', () => {
  test('the default and the example deploy only what the matrix offers where they deploy it', () => {
    const example = validateTopology(readConfigFile(path.join(__dirname, '../../examples/stateline.config.yaml')), { baseDir: path.join(__dirname, '../../examples') });
    const def = validateTopology(rawDefault());
    for (const r of [def, example]) {
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      expect(modelAvailabilityFindings(r.topology)).toEqual([]);
    }
    // The default's choice, from Microsoft's table: gpt-5.6-terra as Data Zone Standard in both EU regions.
    expect(availableRegions('gpt-5.6-terra', '2026-07-09', 'DataZoneStandard')).toEqual(expect.arrayContaining(['swedencentral', 'francecentral']));
  });

  test('offered as the SKU elsewhere but not in this region: a warning on the sku naming the regions of its geography that offer it', () => {
    // gpt-5.1 Data Zone Standard in the EU: France Central and Sweden Central only.
    const w = findings('germanywestcentral', [{ model: 'gpt-5.1', version: '2025-11-13', sku: 'DataZoneStandard' }]);
    expect(w).toEqual([expect.objectContaining({ path: 'azure.serving[1].models[0].sku', value: 'DataZoneStandard' })]);
    expect(w[0].message).toMatch(/gpt-5\.1 2025-11-13 is not offered as DataZoneStandard in germanywestcentral \(Microsoft's availability matrix of 2026-10-05, checked 2026-12-01\); in its geography it is offered in francecentral, swedencentral/);
    expect(w[0].message).toContain(MODEL_AVAILABILITY_SOURCE.url);
    // Regional Standard embeddings: not in West Europe.
    expect(findings('westeurope', [{ model: 'text-embedding-3-large', version: '1', sku: 'Standard' }])[0].message).toMatch(/not offered as Standard in westeurope .*offered in francecentral, germanywestcentral/);
  });

  test('no region of the geography offers it, or the SKU does not exist in the region at all', () => {
    // gpt-6-astra is a Data Zone model in the US only.
    expect(findings('swedencentral', [{ model: 'gpt-6-astra', version: '2026-09-03', sku: 'DataZoneStandard' }])[0].message).toMatch(/no region of its geography offers it/);
    // UK South is outside the EU data zone.
    expect(findings('uksouth', [{ model: 'gpt-5.5', version: '2026-04-24', sku: 'DataZoneStandard' }])[0].message).toMatch(/DataZoneStandard is not offered in uksouth for any model/);
  });

  test('not offered as the SKU in any region: a warning naming the SKUs that do offer it', () => {
    const w = findings('swedencentral', [{ model: 'gpt-5.6-terra', version: '2026-07-09', sku: 'Standard' }]);
    expect(w).toHaveLength(1);
    expect(w[0].message).toMatch(/gpt-5\.6-terra 2026-07-09 is not offered as Standard in any region .*; it is offered as DataZoneStandard, GlobalStandard/);
  });

  test('silence where the matrix cannot know: versions newer than the SKU table, models it does not list, other publishers', () => {
    // The provisioned table is of 2026-05-11: gpt-5.6 (2026-07-09) is newer, so its absence means nothing.
    expect(findings('swedencentral', [{ model: 'gpt-5.6-terra', version: '2026-07-09', sku: 'ProvisionedManaged' }])).toEqual([]);
    expect(findings('swedencentral', [
      { model: 'my-model', version: '2026-11-01' },
      { model: 'gpt-realtime', version: '2025-08-28', sku: 'GlobalStandard' },
      { model: 'Mistral-Large-3', version: '1', sku: 'GlobalStandard', format: 'Mistral AI' },
    ])).toEqual([]);
    // Offered: nothing to say.
    expect(findings('francecentral', [{ model: 'gpt-5.6-sol', version: '2026-07-09', sku: 'GlobalStandard' }, { model: 'text-embedding-3-large', version: '1', sku: 'Standard' }])).toEqual([]);
  });

  test('one warning per model version and SKU, listing its regions grouped by reason, however many regions deploy it', () => {
    const t = rawDefault();
    const gpt = { name: 'gpt', model: 'gpt-5.1', version: '2025-11-13', sku: 'DataZoneStandard', capacity: 10 };
    const anywhere = { name: 'terra', model: 'gpt-5.6-terra', version: '2026-07-09', sku: 'Standard', capacity: 10 };
    // gpt-5.1 as Data Zone Standard: offered in the EU in France Central and Sweden Central only, in no region of Asia.
    t.azure.serving.push(
      { region: 'germanywestcentral', addressSpace: '10.120.0.0/22', models: [gpt, anywhere] },
      { region: 'germanywestcentral', stamp: 'b', addressSpace: '10.121.0.0/22', models: [gpt] },
      { region: 'westeurope', addressSpace: '10.122.0.0/22', models: [gpt, anywhere] },
      { region: 'japaneast', addressSpace: '10.123.0.0/22', models: [{ ...anywhere, name: 'a' }, gpt] },
    );
    const r = validateTopology(t);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const w = modelAvailabilityFindings(r.topology);
    expect(w.map((p) => p.path)).toEqual([
      'azure.serving[2-4].models[0].sku, azure.serving[5].models[1].sku',
      'azure.serving[2,4].models[1].sku, azure.serving[5].models[0].sku',
    ]);
    expect(w[0].message).toMatch(/^gpt-5\.1 2025-11-13 is not offered as DataZoneStandard in 3 regions \(Microsoft's availability matrix of [\d-]+, checked [\d-]+; 4 deployments\): germanywestcentral, westeurope: offered in their geography in francecentral, swedencentral; japaneast: no region of their geography offers it\. These deployments fail/);
    // germanywestcentral has two stamps: named once.
    expect(w[0].message.match(/germanywestcentral/g)).toHaveLength(1);
    expect(w[1].message).toMatch(/^gpt-5\.6-terra 2026-07-09 is not offered as Standard in any region .*; it is offered as DataZoneStandard, GlobalStandard: choose one of those .* \(3 deployments, in germanywestcentral, westeurope, japaneast\)$/);
    // One deployment alone keeps the single-region wording and its exact path.
    expect(findings('germanywestcentral', [{ model: 'gpt-5.1', version: '2025-11-13', sku: 'DataZoneStandard' }]).map((p) => p.path)).toEqual(['azure.serving[1].models[0].sku']);
  });

  test('the matrix is well formed: every deployment type, known regions, one cell per region, sources with dates', () => {
    expect(Object.keys(MODEL_AVAILABILITY).sort()).toEqual([...DEPLOYMENT_SKUS].sort());
    for (const [sku, table] of Object.entries(MODEL_AVAILABILITY)) {
      expect(table.source.file).toMatch(/^MicrosoftDocs\/azure-ai-docs articles\/foundry\/foundry-models\/includes\/model-matrix\/deployments-(standard|provisioned|batch)\.md @ [0-9a-f]{8} \(ms\.date (\d{4}-\d{2}-\d{2})\)$/);
      expect(table.source.file).toContain(`ms.date ${table.source.published}`);
      const seen = new Set<string>();
      for (const g of table.geographies) {
        for (const r of g.regions) {
          expect({ sku, r, known: r in AZURE_REGIONS, once: !seen.has(r) }).toEqual({ sku, r, known: true, once: true });
          seen.add(r);
        }
        for (const [key, cells] of Object.entries(g.rows)) {
          expect({ sku, key, ok: cells === '*' || (cells.length === g.regions.length && /^[+-]+$/.test(cells) && cells.includes('+')) }).toEqual({ sku, key, ok: true });
          expect(key).toMatch(/^[a-z0-9.-]+@(\d{4}-\d{2}-\d{2}|\d+)$/);
        }
      }
    }
  });

  test('every version in the matrix is in the lifecycle table, except those Microsoft has not scheduled yet', () => {
    const keys = new Set(Object.values(MODEL_AVAILABILITY).flatMap((t) => t.geographies.flatMap((g) => Object.keys(g.rows))));
    const unscheduled = [...keys].filter((k) => { const [model, version] = k.split('@'); return !lifecycleOf(model, version); }).sort();
    // The gpt-6 family is in the availability matrix of 2026-10-05 but not in its retirement schedule;
    // computer-use-preview 2025-02-11 was never in a retirement table.
    expect(unscheduled).toEqual(['computer-use-preview@2025-02-11', 'gpt-6-astra@2026-09-03', 'gpt-6-luna@2026-09-22', 'gpt-6-sol@2026-09-22', 'gpt-6.1-sol@2026-09-29']);
  });
});
