/**
 * Model availability check: every model deployment of the topology against Microsoft's
 * availability matrix (`model-availability-table.ts`) for its deployment type and region.
 *
 * - the matrix lists the version for the deployment type, but not in the deployment's region:
 *   a **warning** naming the regions of that geography that offer it;
 * - the matrix lists the version for other deployment types but not this one, and the version
 *   is older than this type's table: a **warning** naming the types that offer it;
 * - a version the matrix does not list at all (or newer than the table of its type): nothing,
 *   since the matrix only ever lags behind.
 *
 * One warning per model version and deployment type, listing the regions (grouped by reason),
 * however many serving regions deploy it: 64 regions of one model give one line, not 64.
 *
 * Warnings, not errors: the matrix is a documentation page that can lag behind a rollout, and
 * quota or capacity decides as much as the matrix does. Pure: no clock, no network.
 */
import { parseDay } from './clock';
import { MODEL_AVAILABILITY, MODEL_AVAILABILITY_SOURCE, type Geography, type SkuAvailability } from './model-availability-table';
import type { Problem } from './problems';
import { DEPLOYMENT_SKUS, type DeploymentSku } from './deployment-skus';
import type { Topology } from './schema';

/** The regions of `geo` that offer `key` (`model@version`), or undefined when the geography does not list it. */
function offeredIn(geo: Geography, key: string): string[] | undefined {
  const cells = geo.rows[key];
  if (cells === undefined) return undefined;
  return cells === '*' ? [...geo.regions] : geo.regions.filter((_, i) => cells[i] === '+');
}

/** The regions where `model` `version` can be deployed as `sku`; undefined when the matrix does not list it for `sku`. */
export function availableRegions(model: string, version: string, sku: DeploymentSku, matrix: Readonly<Record<DeploymentSku, SkuAvailability>> = MODEL_AVAILABILITY): string[] | undefined {
  const key = `${model}@${version}`;
  const lists = matrix[sku].geographies.map((g) => offeredIn(g, key)).filter((r): r is string[] => r !== undefined);
  return lists.length === 0 ? undefined : lists.flat();
}

/** Whether `version` existed when a table of `published` was written (non-date versions always did). */
function releasedBy(version: string, published: string): boolean {
  const released = parseDay(version);
  return !released || released <= parseDay(published)!;
}

function geographyOf(region: string, sku: SkuAvailability): Geography | undefined {
  return sku.geographies.find((g) => g.regions.includes(region));
}

type Matrix = Readonly<Record<DeploymentSku, SkuAvailability>>;
type Deployment = { model: string; version: string; sku: DeploymentSku };

function sourceOf(table: SkuAvailability): string {
  return `Microsoft's availability matrix of ${table.source.published}, checked ${MODEL_AVAILABILITY_SOURCE.checked}`;
}

/** Why `region` lacks a deployment type the matrix offers elsewhere: the regions of its geography that offer it, none, or the type not there at all. */
function missingReason(region: string, regions: readonly string[], table: SkuAvailability): { kind: 'near' | 'none' | 'sku'; near: string[] } {
  const geo = geographyOf(region, table);
  const near = geo ? regions.filter((r) => geo.regions.includes(r)) : [];
  return { kind: near.length > 0 ? 'near' : geo ? 'none' : 'sku', near };
}

/** The SKUs other than `m.sku` the matrix offers `m` as, when `m.sku` offers it nowhere and the table is recent enough to know. */
function otherSkus(m: Deployment, matrix: Matrix): DeploymentSku[] {
  if (!releasedBy(m.version, matrix[m.sku].source.published)) return [];
  return DEPLOYMENT_SKUS.filter((s) => s !== m.sku && availableRegions(m.model, m.version, s, matrix) !== undefined);
}

/** Availability findings for one deployment, or undefined when the matrix has nothing against it. */
export function availabilityProblem(m: Deployment, region: string, path: string, matrix: Matrix = MODEL_AVAILABILITY): Problem | undefined {
  const label = `${m.model} ${m.version}`;
  const table = matrix[m.sku];
  const source = sourceOf(table);
  const regions = availableRegions(m.model, m.version, m.sku, matrix);
  if (regions) {
    if (regions.includes(region)) return undefined;
    const r = missingReason(region, regions, table);
    const where = r.kind === 'near' ? `; in its geography it is offered in ${r.near.join(', ')}` : r.kind === 'none' ? '; no region of its geography offers it' : `; ${m.sku} is not offered in ${region} for any model`;
    return { path: `${path}.sku`, value: m.sku, message: `${label} is not offered as ${m.sku} in ${region} (${source})${where}: the deployment fails unless Microsoft added the region since; check ${MODEL_AVAILABILITY_SOURCE.url}` };
  }
  const others = otherSkus(m, matrix);
  if (others.length === 0) return undefined;
  return { path: `${path}.sku`, value: m.sku, message: notOfferedAnywhere(label, m.sku, source, others) };
}

function notOfferedAnywhere(label: string, sku: DeploymentSku, source: string, others: readonly DeploymentSku[]): string {
  return `${label} is not offered as ${sku} in any region (${source}); it is offered as ${others.join(', ')}: choose one of those (GlobalStandard and GlobalProvisionedManaged may process data outside the region's data zone)`;
}

/** One deployment: its indices in `azure.serving[i].models[j]` and its region. */
interface Site { readonly serving: number; readonly model: number; readonly region: string }

/** `[0, 1, 2, 5, 7, 8]` -> `0-2,5,7-8`. */
function ranges(ns: readonly number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j === i ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return out.join(',');
}

/** The sku fields of several deployments in one path: `azure.serving[0-2,5].models[0].sku, azure.serving[3].models[1].sku` (one entry per model position). */
function groupPath(sites: readonly Site[]): string {
  const byModel = new Map<number, number[]>();
  for (const s of sites) byModel.set(s.model, [...(byModel.get(s.model) ?? []), s.serving]);
  // In the order of the serving regions (each group from its first).
  return [...byModel].sort(([, a], [, b]) => Math.min(...a) - Math.min(...b)).map(([j, is]) => `azure.serving[${ranges(is)}].models[${j}].sku`).join(', ');
}

/** One warning for several deployments of the same model version and SKU: the regions grouped by reason. */
function groupProblem(m: Deployment, sites: readonly Site[], matrix: Matrix): Problem | undefined {
  const label = `${m.model} ${m.version}`;
  const table = matrix[m.sku];
  const source = sourceOf(table);
  const n = `${sites.length} deployments`;
  const regions = availableRegions(m.model, m.version, m.sku, matrix);
  const unique = [...new Set(sites.map((s) => s.region))];
  if (!regions) {
    const others = otherSkus(m, matrix);
    return others.length === 0 ? undefined : { path: groupPath(sites), value: m.sku, message: `${notOfferedAnywhere(label, m.sku, source, others)} (${n}, in ${unique.join(', ')})` };
  }
  // Regions with the same reason (and the same nearby offers) in one clause.
  const clauses = new Map<string, string[]>();
  for (const region of unique) {
    const r = missingReason(region, regions, table);
    const clause = r.kind === 'near' ? `offered in their geography in ${r.near.join(', ')}` : r.kind === 'none' ? 'no region of their geography offers it' : `${m.sku} is not offered there for any model`;
    clauses.set(clause, [...(clauses.get(clause) ?? []), region]);
  }
  const parts = [...clauses].map(([clause, rs]) => `${rs.join(', ')}: ${clause}`);
  const where = unique.length === 1 ? `in ${unique[0]}` : `in ${unique.length} regions`;
  return { path: groupPath(sites), value: m.sku, message: `${label} is not offered as ${m.sku} ${where} (${source}; ${n}): ${parts.join('; ')}. These deployments fail unless Microsoft added the regions since; check ${MODEL_AVAILABILITY_SOURCE.url}` };
}

/**
 * Checks every model deployment of `topology` against the availability matrix; warnings only,
 * one per model version and deployment type (listing the regions), however many regions deploy it.
 */
export function modelAvailabilityFindings(topology: Pick<Topology, 'azure'>, matrix: Matrix = MODEL_AVAILABILITY): Problem[] {
  const groups = new Map<string, { m: Deployment; sites: Site[]; first: Problem }>();
  topology.azure.serving.forEach((s, i) => s.models.forEach((m, j) => {
    const p = availabilityProblem(m, s.region, `azure.serving[${i}].models[${j}]`, matrix);
    if (!p) return;
    const key = `${m.model}@${m.version}/${m.sku}`;
    const g = groups.get(key) ?? { m, sites: [], first: p };
    g.sites.push({ serving: i, model: j, region: s.region });
    groups.set(key, g);
  }));
  return [...groups.values()].flatMap((g) => {
    if (g.sites.length === 1) return [g.first];
    const p = groupProblem(g.m, g.sites, matrix);
    return p ? [p] : [];
  });
}
