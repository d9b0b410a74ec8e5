/** Shared test helpers: topologies derived from the embedded default. */
import { DEFAULT_TOPOLOGY } from '../lib/topology/default';
import { derive, Derived } from '../lib/topology/derive';
import type { TopologyInput } from '../lib/topology/schema';
import { validateTopology } from '../lib/topology/validate';

/** A deep copy of the default topology, as untyped JSON to mutate freely. */
export function rawDefault(): any {
  return JSON.parse(JSON.stringify(DEFAULT_TOPOLOGY));
}

/** Validates and derives (file paths in tools relative to `baseDir`); throws with the problems when invalid. */
export function deriveFrom(input: TopologyInput | unknown, baseDir?: string): Derived {
  const r = validateTopology(input, { baseDir });
  if (!r.ok) throw new Error(`invalid test topology:\n${JSON.stringify(r.problems, null, 2)}`);
  return derive(r.topology);
}

/** Default topology plus `n` extra generated serving regions (for scale tests). */
export function withServingRegions(base: any, regions: string[], cidrBase = 110): any {
  const t = JSON.parse(JSON.stringify(base));
  regions.forEach((region, i) => {
    t.azure.serving.push({
      region,
      addressSpace: `10.${cidrBase + i}.0.0/22`,
      models: [{ name: 'gpt-5-6-terra', model: 'gpt-5.6-terra', version: '2026-07-09', capacity: 10 }],
    });
  });
  return t;
}
