/**
 * Model lifecycle check: every model deployment of the topology against Azure's retirement
 * table (`model-lifecycle-table.ts`) on a given day.
 *
 * - retired on that day (or earlier): an **error**: creating the deployment fails, and with the
 *   chained deployments of an account every later one is never created;
 * - retiring within {@link RETIREMENT_WARNING_DAYS} days, possibly retiring (a "no earlier than"
 *   date within the window or already past), deprecated (no new customers), or deprecated within
 *   the window: a **warning**;
 * - not in the table: a **warning** naming the day the table was last checked;
 * - a table whose newest source is more than {@link RETIREMENT_WARNING_DAYS} days older than that
 *   day: a warning.
 *
 * The day is a parameter (`--as-of` in the CLI), never read here, so results are reproducible.
 */
import { dayOf, daysBetween, parseDay } from './clock';
import { MODEL_LIFECYCLE, MODEL_LIFECYCLE_SOURCE, type LifecycleDate, type ModelLifecycle } from './model-lifecycle-table';
import type { Problem } from './problems';
import type { ModelDeployment, Topology } from './schema';

/** A retirement this close (in days) is a warning. */
export const RETIREMENT_WARNING_DAYS = 90;

export interface LifecycleFindings {
  /** Deployments that would fail: retired models. */
  readonly errors: readonly Problem[];
  /** Deployments at risk: retiring soon, deprecated, or unknown to the table. */
  readonly warnings: readonly Problem[];
}

/** The table row of a deployment's model and version (an exact version before a `*` family row). */
export function lifecycleOf(model: string, version: string, table: readonly ModelLifecycle[] = MODEL_LIFECYCLE): ModelLifecycle | undefined {
  return table.find((r) => r.model === model && r.version === version) ?? table.find((r) => r.model === model && r.version === '*');
}

const day = (d: LifecycleDate | string) => parseDay(typeof d === 'string' ? d : d.date)!;
const describe = (d: LifecycleDate) => (d.earliest ? `no earlier than ${d.date}` : `on ${d.date}`);
/** Why a deprecation date has no day in Microsoft's table. */
const POLICY_NOTE = "12 months after its release, Microsoft's GA deprecation policy; the schedule lists no day";

/** The retirement that applies to a deployment SKU. */
function retirementFor(row: ModelLifecycle, sku: ModelDeployment['sku']): LifecycleDate | undefined {
  const override = row.retirementBySku?.[sku];
  return override ? { date: override } : row.retirement;
}

/** Versions of the same kind a new customer can still deploy on `asOf`, newest first. */
export function currentVersions(kind: ModelLifecycle['kind'], asOf: Date, table: readonly ModelLifecycle[] = MODEL_LIFECYCLE): ModelLifecycle[] {
  return table
    .filter((r) => r.kind === kind && r.status === 'GA' && r.version !== '*')
    // Versions named after their release day did not exist before it.
    .filter((r) => { const released = parseDay(r.version); return !released || released <= asOf; })
    .filter((r) => !r.deprecation || daysBetween(asOf, day(r.deprecation)) > RETIREMENT_WARNING_DAYS)
    .filter((r) => !r.retirement || daysBetween(asOf, day(r.retirement)) > RETIREMENT_WARNING_DAYS)
    .sort((a, b) => b.version.localeCompare(a.version) || a.model.localeCompare(b.model));
}

function alternatives(row: ModelLifecycle, asOf: Date): string {
  const current = currentVersions(row.kind, asOf).slice(0, 3)
    .map((r) => `${r.model} ${r.version}${r.retirement ? ` (retires ${describe(r.retirement)})` : ''}`);
  const parts = [
    ...(row.replacement ? [`Microsoft's replacement: ${row.replacement}`] : []),
    ...(current.length > 0 ? [`${row.replacement ? 'current' : 'Current'} ${row.kind} versions on ${dayOf(asOf)}: ${current.join(', ')}`] : []),
  ];
  return parts.length > 0 ? ` ${parts.join('; ')}.` : '';
}

function checkDeployment(m: ModelDeployment, path: string, asOf: Date, table: readonly ModelLifecycle[], errors: Problem[], warnings: Problem[]): void {
  const label = `${m.model} ${m.version}`;
  const sources = `Microsoft's schedule of ${MODEL_LIFECYCLE_SOURCE.published}, checked ${MODEL_LIFECYCLE_SOURCE.checked}`;
  const checked = `stateline's lifecycle table: ${sources}`;
  const row = lifecycleOf(m.model, m.version, table);
  if (!row) {
    warnings.push({ path: `${path}.version`, value: m.version, message: `${label} is not in stateline's lifecycle table (${sources}): check its deprecation and retirement dates at ${MODEL_LIFECYCLE_SOURCE.url} before deploying` });
    return;
  }
  const retirement = retirementFor(row, m.sku);
  const add = (list: Problem[], message: string) => list.push({ path: `${path}.version`, value: m.version, message: `${message} (${checked})` });
  if (retirement && !retirement.earliest && day(retirement) <= asOf) {
    add(errors, `${label} was retired by Azure on ${retirement.date}${row.retirementBySku?.[m.sku] ? ` for ${m.sku} deployments` : ''}: creating its deployment fails, and so does every deployment chained after it.${alternatives(row, asOf)}`);
    return;
  }
  if (retirement) {
    const days = daysBetween(asOf, day(retirement));
    if (!retirement.earliest && days <= RETIREMENT_WARNING_DAYS) {
      add(warnings, `${label} retires on ${retirement.date} (in ${days} days): its deployment then returns errors.${alternatives(row, asOf)}`);
    } else if (retirement.earliest && days <= 0) {
      add(warnings, `${label} may retire any day: Microsoft gave ${retirement.date} as its earliest retirement date; check ${MODEL_LIFECYCLE_SOURCE.url}`);
    } else if (retirement.earliest && days <= RETIREMENT_WARNING_DAYS) {
      add(warnings, `${label} may retire from ${retirement.date} (in ${days} days; Microsoft gives no exact date yet).${alternatives(row, asOf)}`);
    }
  }
  const deprecation = row.deprecation;
  if (!deprecation || deprecation.earliest) return;
  const why = deprecation.derived ? `, ${POLICY_NOTE}` : '';
  const untilDeprecation = daysBetween(asOf, day(deprecation));
  if (untilDeprecation <= 0) {
    add(warnings, `${label} is deprecated since ${deprecation.date}${why ? ` (${why.slice(2)})` : ''}: Microsoft no longer offers it to new customers (a subscription without a deployment of it cannot create one) and it retires ${retirement ? describe(retirement) : 'at a date not yet announced'}.${alternatives(row, asOf)}`);
  } else if (untilDeprecation <= RETIREMENT_WARNING_DAYS) {
    add(warnings, `${label} is deprecated from ${deprecation.date} (in ${untilDeprecation} days${why}): from then on a subscription without a deployment of it cannot create one.${alternatives(row, asOf)}`);
  }
}

/** Checks every model deployment of `topology` on the day `asOf` (against `table`, the built-in one by default). */
export function modelLifecycleFindings(topology: Pick<Topology, 'azure'>, asOf: Date, table: readonly ModelLifecycle[] = MODEL_LIFECYCLE): LifecycleFindings {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  topology.azure.serving.forEach((s, i) => s.models.forEach((m, j) => checkDeployment(m, `azure.serving[${i}].models[${j}]`, asOf, table, errors, warnings)));
  const { published, checked } = MODEL_LIFECYCLE_SOURCE;
  const age = daysBetween(parseDay(published)!, asOf);
  if (age > RETIREMENT_WARNING_DAYS && topology.azure.serving.some((s) => s.models.length > 0)) {
    warnings.push({
      path: 'azure.serving',
      value: published,
      message: `stateline's model lifecycle table follows Microsoft's schedule of ${published} (checked ${checked}), ${age} days before ${dayOf(asOf)}: retirements announced since are unknown to it; check ${MODEL_LIFECYCLE_SOURCE.url}`,
    });
  }
  return { errors, warnings };
}
