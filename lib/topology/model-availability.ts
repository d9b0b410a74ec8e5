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

/** Availability findings for one deployment, or undefined when the matrix has nothing against it. */
export function availabilityProblem(m: { model: string; version: string; sku: DeploymentSku }, region: string, path: string,
  matrix: Readonly<Record<DeploymentSku, SkuAvailability>> = MODEL_AVAILABILITY): Problem | undefined {
  const label = `${m.model} ${m.version}`;
  const table = matrix[m.sku];
  const source = `Microsoft's availability matrix of ${table.source.published}, checked ${MODEL_AVAILABILITY_SOURCE.checked}`;
  const regions = availableRegions(m.model, m.version, m.sku, matrix);
  if (regions) {
    if (regions.includes(region)) return undefined;
    const geo = geographyOf(region, table);
    const near = geo ? regions.filter((r) => geo.regions.includes(r)) : [];
    const where = near.length > 0 ? `; in its geography it is offered in ${near.join(', ')}` : geo ? '; no region of its geography offers it' : `; ${m.sku} is not offered in ${region} for any model`;
    return { path: `${path}.sku`, value: m.sku, message: `${label} is not offered as ${m.sku} in ${region} (${source})${where}: the deployment fails unless Microsoft added the region since; check ${MODEL_AVAILABILITY_SOURCE.url}` };
  }
  if (!releasedBy(m.version, table.source.published)) return undefined;
  const others = DEPLOYMENT_SKUS.filter((s) => s !== m.sku && availableRegions(m.model, m.version, s, matrix) !== undefined);
  if (others.length === 0) return undefined;
  return { path: `${path}.sku`, value: m.sku, message: `${label} is not offered as ${m.sku} in any region (${source}); it is offered as ${others.join(', ')}: choose one of those (GlobalStandard and GlobalProvisionedManaged may process data outside the region's data zone)` };
}

/** Checks every model deployment of `topology` against the availability matrix; warnings only. */
export function modelAvailabilityFindings(topology: Pick<Topology, 'azure'>, matrix: Readonly<Record<DeploymentSku, SkuAvailability>> = MODEL_AVAILABILITY): Problem[] {
  const out: Problem[] = [];
  topology.azure.serving.forEach((s, i) => s.models.forEach((m, j) => {
    const p = availabilityProblem(m, s.region, `azure.serving[${i}].models[${j}]`, matrix);
    if (p) out.push(p);
  }));
  return out;
}
