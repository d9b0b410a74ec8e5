/**
 * Cost report renderers: text (terminal), markdown (PR comment), json (the report as is), the
 * one-line synth summary, and the PR diff's cost delta. Usage-based charges are shown with their
 * unit prices only: no totals are invented for them.
 */
import type { CostDelta, CostReport, CostSummary, PricedLine, ResourceCost, UsageLine } from './model';

export type CostFormat = 'text' | 'markdown' | 'json';
export const COST_FORMATS: readonly CostFormat[] = ['text', 'markdown', 'json'];

const CLOUD_NAMES: Record<string, string> = { aws: 'AWS', azure: 'Azure', gcp: 'GCP' };
const cloudName = (c: string) => CLOUD_NAMES[c] ?? c;

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(currency: string, maxDigits: number): Intl.NumberFormat {
  const k = `${currency}/${maxDigits}`;
  let f = formatters.get(k);
  if (!f) formatters.set(k, (f = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: maxDigits })));
  return f;
}

/** `$1,234.56` (amounts are rounded to cents). */
export const money = (amount: number, currency: string) => formatter(currency, 2).format(amount);
/** A unit price keeps its significant decimals: `$0.0005`, `$0.00945`. */
export const unitMoney = (amount: number, currency: string) => formatter(currency, 7).format(amount);
/** `+$12.00` / `-$3.65` / `$0.00`. */
export function signedMoney(amount: number, currency: string): string {
  const rounded = Math.round(amount * 100) / 100;
  return rounded > 0 ? `+${money(rounded, currency)}` : rounded < 0 ? `-${money(-rounded, currency)}` : money(0, currency);
}

const quantity = (q: number) => (Number.isInteger(q) ? q.toLocaleString('en-US') : q.toLocaleString('en-US', { maximumFractionDigits: 3 }));

/** `gateway-hours`, `key-months`, `rotations`, `GB`. */
function unitName(l: { unit: string; per?: string }, n: number): string {
  const plural = n === 1 ? '' : 's';
  if (l.unit === 'hour' || l.unit === 'month') return `${l.per ?? 'unit'}-${l.unit}${plural}`;
  return /^[a-z]+$/.test(l.unit) ? `${l.unit}${plural}` : l.unit;
}

/** `1,460 ENI-hours x $0.125` (with `~` before an estimated price). */
function lineMath(l: PricedLine, currency: string): string {
  const q = l.ceilingQuantity !== l.quantity ? `${quantity(l.quantity)}-${quantity(l.ceilingQuantity)}` : quantity(l.quantity);
  return `${q} ${unitName(l, l.ceilingQuantity)} x ${l.estimate ? '~' : ''}${unitMoney(l.unitPrice, currency)}`;
}

const lineAmount = (l: PricedLine, currency: string) => (l.ceilingMonthly !== l.monthly ? `${money(l.monthly, currency)} (max ${money(l.ceilingMonthly, currency)})` : money(l.monthly, currency));

function usageText(u: UsageLine, currency: string): string {
  if (u.unitPrice === undefined) return `${u.label}: no unit price (${u.missing})`;
  return `${u.label}: ${u.estimate ? '~' : ''}${unitMoney(u.unitPrice, currency)} per ${u.unit}`;
}

/** Usage-based resources grouped by type, region and charges (one row per group, with a count). */
function usageGroups(report: CostReport) {
  const groups = new Map<string, { cloud: string; type: string; region?: string; ids: string[]; usage: readonly UsageLine[] }>();
  for (const s of report.stacks) {
    for (const r of s.resources) {
      if (!r.usage.length) continue;
      const k = [r.cloud, r.type, r.region ?? '', ...r.usage.map((u) => `${u.key}=${u.unitPrice ?? ''}`)].join('\0');
      const g = groups.get(k);
      if (g) g.ids.push(`${r.stack}/${r.id}`);
      else groups.set(k, { cloud: r.cloud, type: r.type, region: r.region, ids: [`${r.stack}/${r.id}`], usage: r.usage });
    }
  }
  return [...groups.values()].sort((a, b) => a.cloud.localeCompare(b.cloud) || a.type.localeCompare(b.type) || (a.region ?? '').localeCompare(b.region ?? ''));
}

function freeCounts(report: CostReport): string {
  const counts = new Map<string, number>();
  for (const s of report.stacks) for (const f of s.free) counts.set(f.type, (counts.get(f.type) ?? 0) + f.count);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => `${t} ${n}`).join(', ');
}

const unpricedOf = (report: CostReport) => report.stacks.flatMap((s) => s.resources.filter((r) => r.unpriced.length));
const cloudsOf = (report: CostSummary) => Object.keys(report.clouds).filter((c) => report.clouds[c].resources > 0);

function headline(report: CostReport): string {
  const cur = report.currency;
  const clouds = cloudsOf(report).map((c) => `${cloudName(c)} ${money(report.clouds[c].floor, cur)}`).join(', ');
  const t = report.total;
  const ceiling = t.ceiling !== t.floor ? `; ceiling ${money(t.ceiling, cur)}/month with autoscaled node pools at their maximum` : '';
  return `monthly floor ${money(t.floor, cur)} (${clouds})${ceiling}`;
}

function pricesNote(report: CostReport): string {
  const t = report.total;
  const priced = report.stacks.reduce((n, s) => n + s.resources.reduce((m, r) => m + r.lines.length, 0), 0);
  return `prices: ${report.currency} list prices from ${report.prices.origin.join(' + ')} (checked ${report.prices.checked})${t.estimatedLines ? `; ${t.estimatedLines} of ${priced} priced charges use estimated prices (~), see the table's "estimate" notes` : ''}`;
}

const costly = (r: ResourceCost) => r.lines.length > 0;

export function renderCostText(report: CostReport): string {
  const cur = report.currency;
  const out = [`stateline cost: ${headline(report)}`, `  ${pricesNote(report)}`];
  for (const cloud of cloudsOf(report)) {
    const c = report.clouds[cloud];
    out.push('', `${cloudName(cloud)}: floor ${money(c.floor, cur)}/month${c.ceiling !== c.floor ? `, ceiling ${money(c.ceiling, cur)}` : ''}`);
    for (const s of report.stacks.filter((x) => x.cloud === cloud)) {
      const shown = s.resources.filter(costly);
      if (!shown.length) continue;
      out.push(`  ${s.stack}: ${money(s.floor, cur)}/month${s.ceiling !== s.floor ? ` (max ${money(s.ceiling, cur)})` : ''}`);
      // A caveat shared by several resources (every private DNS zone) is printed once per stack.
      const notes = new Map<string, number>();
      for (const r of shown) {
        out.push(`    ${r.id} (${r.type}${r.region ? `, ${r.region}` : ''})`);
        for (const l of r.lines) out.push(`      ${lineAmount(l, cur).padEnd(12)} ${l.label}: ${lineMath(l, cur)}`);
        for (const n of r.notes) notes.set(n, (notes.get(n) ?? 0) + 1);
      }
      for (const [n, count] of notes) out.push(`    note${count > 1 ? ` (${count} resources)` : ''}: ${n}`);
    }
  }
  const groups = usageGroups(report);
  out.push('', `Usage-based charges (billed by use: unit prices, no totals) on ${report.total.usageBased} resources`);
  for (const g of groups) {
    out.push(`  ${cloudName(g.cloud)} ${g.type}${g.region ? ` (${g.region})` : ''} x${g.ids.length}`);
    for (const u of g.usage) out.push(`      ${usageText(u, cur)}`);
  }
  const free = freeCounts(report);
  out.push('', `Free: ${report.total.free} resources${free ? ` (${free})` : ''}`);
  const unpriced = unpricedOf(report);
  out.push('', `Not priced: ${unpriced.length} resource${unpriced.length === 1 ? '' : 's'}${unpriced.length ? ' (not counted in the floor)' : ''}`);
  for (const r of unpriced) out.push(`  ${cloudName(r.cloud)} ${r.stack} ${r.id} (${r.type}): ${r.unpriced.join('; ')}`);
  return `${out.join('\n')}\n`;
}

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

export function renderCostMarkdown(report: CostReport): string {
  const cur = report.currency;
  const t = report.total;
  const out = ['## stateline cost', '', `**Monthly floor: ${money(t.floor, cur)}** (${cloudsOf(report).map((c) => `${cloudName(c)} ${money(report.clouds[c].floor, cur)}`).join(' · ')})${t.ceiling !== t.floor ? ` · ceiling ${money(t.ceiling, cur)} with autoscaled node pools at their maximum` : ''} · ${t.usageBased} usage-based · ${t.unpriced} not priced`, ''];
  out.push('| cloud | stack | floor / month | ceiling / month |', '|---|---|---:|---:|');
  for (const s of report.stacks) if (s.resources.some(costly)) out.push(`| ${cloudName(s.cloud)} | ${esc(s.stack)} | ${money(s.floor, cur)} | ${money(s.ceiling, cur)} |`);
  out.push('', '<details><summary>Fixed charges by resource</summary>', '', '| cloud | stack | resource | charge | quantity | monthly |', '|---|---|---|---|---|---:|');
  for (const s of report.stacks) {
    for (const r of s.resources.filter(costly)) {
      for (const l of r.lines) out.push(`| ${cloudName(s.cloud)} | ${esc(s.stack)} | ${code(r.id)} | ${esc(l.label)} | ${esc(lineMath(l, cur))} | ${esc(lineAmount(l, cur))} |`);
    }
  }
  out.push('', '</details>', '', `### Usage-based charges (${t.usageBased} resources: unit prices, no totals)`, '', '| cloud | type | region | resources | unit prices |', '|---|---|---|---:|---|');
  for (const g of usageGroups(report)) out.push(`| ${cloudName(g.cloud)} | ${code(g.type)} | ${g.region ?? '—'} | ${g.ids.length} | ${esc(g.usage.map((u) => usageText(u, cur)).join('; '))} |`);
  const unpriced = unpricedOf(report);
  if (unpriced.length) {
    out.push('', `### Not priced (${unpriced.length}, not counted in the floor)`, '', '| cloud | stack | resource | type | why |', '|---|---|---|---|---|');
    for (const r of unpriced) out.push(`| ${cloudName(r.cloud)} | ${esc(r.stack)} | ${code(r.id)} | ${code(r.type)} | ${esc(r.unpriced.join('; '))} |`);
  }
  out.push('', `_${esc(pricesNote(report))}. Free: ${t.free} resources._`, '');
  return out.join('\n');
}

export function renderCostJson(report: CostReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderCost(report: CostReport, format: CostFormat): string {
  return format === 'json' ? renderCostJson(report) : format === 'markdown' ? renderCostMarkdown(report) : renderCostText(report);
}

/** The synth summary's one cost line (from the totals: `estimateCostSummary` or a full report). */
export function costSummaryLine(report: CostSummary): string {
  const cur = report.currency;
  const t = report.total;
  const clouds = cloudsOf(report).map((c) => `${c} ${money(report.clouds[c].floor, cur)}`).join(', ');
  return `  cost   floor ${money(t.floor, cur)}/month (${clouds})${t.ceiling !== t.floor ? `, max ${money(t.ceiling, cur)}` : ''}; ${t.usageBased} usage-based, ${t.unpriced} not priced (stateline cost)`;
}

/** `+$1,234.00/month floor, +2 usage-based items` (and not-priced changes when there are any). */
export function costDeltaText(d: CostDelta): string {
  const floor = d.after.total.floor - d.before.total.floor;
  const usage = d.after.total.usageBased - d.before.total.usageBased;
  const unpriced = d.after.total.unpriced - d.before.total.unpriced;
  const count = (n: number, what: string) => `${n >= 0 ? '+' : '-'}${Math.abs(n)} ${what}`;
  return [`${signedMoney(floor, d.currency)}/month floor`, `${count(usage, `usage-based item${Math.abs(usage) === 1 ? '' : 's'}`)}`, ...(unpriced ? [count(unpriced, 'not priced')] : [])].join(', ');
}
