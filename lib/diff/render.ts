/**
 * Renderers: markdown (PR comment), text (terminal), json (machine-readable, same content).
 * Every format leads with the topology change that caused the resource changes, shows list
 * changes element by element, and orders everything stably so re-runs produce identical text.
 * Long values are windowed around the difference, never cut before it.
 */
import type { CostDelta } from '../cost/model';
import { costDeltaText, money, signedMoney } from '../cost/render';
import { DiffReport, ElementChange, isDestructive, PropertyChange, ResourceChange, StackDiff, TopologySection } from './model';
import { windowPair } from './values';

/** GitHub rejects comments over 65,536 characters; keep headroom for the workflow's header. */
export const MARKDOWN_LIMIT = 60000;
/** Rows of each highlight table shown before its own fold (the summary stays on one screen). */
export const HIGHLIGHT_ROWS = 10;
/** Longest element value shown in text and markdown (JSON always has the whole value). */
const ELEMENT_WIDTH = 200;

const CLOUD = { aws: 'AWS', azure: 'Azure' } as const;
const KIND = { add: 'add', remove: '**remove**', update: 'update', replace: '**replace**' } as const;
const MARK = { add: '+', remove: '-', update: '~', replace: '±' } as const;
const OP = { add: '[+]', remove: '[-]', move: '[~]' } as const;
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const clip = (s: string, n = ELEMENT_WIDTH) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function flags(r: ResourceChange): string {
  return [r.stateful && isDestructive(r) ? 'stateful' : '', r.security ? 'security' : ''].filter(Boolean).join(', ');
}

function causeText(r: ResourceChange, md = false): string {
  if (r.causes === undefined) return '';
  return r.causes.length ? r.causes.map((c) => (md ? code(c) : c)).join(', ') : md ? '_unattributed_' : 'unattributed';
}

function elementText(e: ElementChange): string {
  const where = e.op === 'move' ? ` (moved ${e.from} -> ${e.to})` : e.index !== undefined ? ` (#${e.index})` : '';
  return `${OP[e.op]} ${clip(e.value)}${where}`;
}

/** One property change as lines: `path: old -> new`, or the path then one line per element. */
function propertyLines(p: PropertyChange): string[] {
  const rep = p.replaces ? ' (replaces)' : '';
  if (p.elements) return [`${p.path}${p.set ? ' (set)' : ''}:${rep}`, ...p.elements.map((e) => `  ${elementText(e)}`)];
  const [o, n] = windowPair(p.old, p.new);
  return [`${p.path}: ${o ?? '∅'} -> ${n ?? '∅'}${rep}`];
}

function propertyMarkdown(p: PropertyChange): string {
  const rep = p.replaces ? ' (replaces)' : '';
  if (p.elements) return `${code(p.path)}${p.set ? ' (set)' : ''}${rep}: ${p.elements.map((e) => `${OP[e.op]} ${code(clip(e.value))}${e.op === 'move' ? ` (${e.from}→${e.to})` : e.index !== undefined ? ` (#${e.index})` : ''}`).join(' ')}`;
  const [o, n] = windowPair(p.old, p.new);
  return `${code(p.path)}: ${o === undefined ? '∅' : code(o)} → ${n === undefined ? '∅' : code(n)}${rep}`;
}

function withStack(report: DiffReport, pick: (r: ResourceChange, s: StackDiff) => boolean) {
  return report.stacks.flatMap((s) => s.resources.filter((r) => pick(r, s)).map((r) => ({ s, r })));
}

/** The first rows of a table, the rest in a fold so the summary stays on one screen. */
function rowsWithFold<T>(items: readonly T[], header: string[], row: (x: T) => string, what: string): string[] {
  const lines = [...header, ...items.slice(0, HIGHLIGHT_ROWS).map(row)];
  if (items.length > HIGHLIGHT_ROWS) {
    lines.push('', `<details><summary>${items.length - HIGHLIGHT_ROWS} more ${what}</summary>`, '', ...header, ...items.slice(HIGHLIGHT_ROWS).map(row), '', '</details>');
  }
  return lines;
}

const fieldValue = (v: string | undefined) => (v === undefined ? '∅' : code(clip(v, 80)));

function topologyMarkdown(t: TopologySection): string[] {
  const n = t.changes.length;
  if (n === 0) {
    return [`**Cause:** no topology field changed (before: ${esc(t.before)}, after: ${esc(t.after)}). ${esc(t.attribution)}.`, ''];
  }
  const effect = new Map(t.effects.map((e) => [e.field, e.summary]));
  const lines = [`**Cause:** ${n === 1 ? 'one topology field changed' : `${n} topology fields changed`}: ${t.changes.slice(0, 3).map((c) => `${code(c.path)} ${fieldValue(c.old)} → ${fieldValue(c.new)}`).join(', ')}${n > 3 ? `, +${n - 3} more` : ''}.`, ''];
  lines.push('| topology field | before | after | what it does |', '|---|---|---|---|');
  for (const c of t.changes) lines.push(`| ${code(c.path)} | ${fieldValue(c.old)} | ${fieldValue(c.new)} | ${esc(effect.get(c.path) ?? '—')} |`);
  const notes = [
    t.unattributed ? `**${t.unattributed} resource change${t.unattributed === 1 ? '' : 's'} unattributed** (no single field explains ${t.unattributed === 1 ? 'it' : 'them'})` : '',
    t.fromCode ? `${t.fromCode} also made by the current code from the before topology (code, not topology)` : '',
  ].filter(Boolean);
  lines.push('', `_Attribution: ${esc(t.attribution)}._${notes.length ? ` ${notes.join('; ')}.` : ''}`, '');
  return lines;
}

const costClouds = (d: CostDelta) => (['aws', 'azure'] as const).filter((c) => d.before.clouds[c] || d.after.clouds[c]);
const floorOf = (d: CostDelta, side: 'before' | 'after', c: string) => d[side].clouds[c]?.floor ?? 0;

/**
 * The monthly floor of one cloud in the summary table (lib/cost): `before → after (change)`, or
 * the floor once when it does not change.
 */
function floorCell(d: CostDelta, c: 'aws' | 'azure'): string {
  if (!costClouds(d).includes(c)) return '—';
  const [before, after] = [floorOf(d, 'before', c), floorOf(d, 'after', c)];
  if (money(before, d.currency) === money(after, d.currency)) return `${money(after, d.currency)} (no change)`;
  return `${money(before, d.currency)} → ${money(after, d.currency)} (${signedMoney(after - before, d.currency)})`;
}

/** The cost delta in the summary line, after the counts: the per-cloud floors are a column of the summary table. */
function costMarkdown(d: CostDelta): string {
  return `**Cost:** ${costDeltaText(d)} (${money(d.before.total.floor, d.currency)} → ${money(d.after.total.floor, d.currency)}; usage-based charges are not totalled)`;
}

function costText(d: CostDelta): string {
  const clouds = costClouds(d).map((c) => `${c} ${money(floorOf(d, 'before', c), d.currency)} -> ${money(floorOf(d, 'after', c), d.currency)}`);
  return `  cost: ${costDeltaText(d)}; ${clouds.join(', ')}`;
}

function summaryMarkdown(report: DiffReport): string[] {
  const s = report.summary;
  const lines = ['## stateline diff', ''];
  if (report.topology) lines.push(...topologyMarkdown(report.topology));
  if (report.stacks.length === 0 && s.policyIntroduced === 0 && s.policyFixed === 0) return [...lines, 'No changes.', ''];
  // One table of counts per cloud, with each cloud's monthly floor when priced (lib/cost); the
  // headings below are followed directly by their tables: the summary fits one screen.
  const cost = report.cost;
  lines.push(`| cloud | stacks | added | updated | replaced | removed |${cost ? ' monthly floor |' : ''}`, `|---|---:|---:|---:|---:|---:|${cost ? '---:|' : ''}`);
  for (const c of ['aws', 'azure'] as const) {
    const x = s[c];
    lines.push(`| ${CLOUD[c]} | ${x.stacks} | ${x.added} | ${x.updated} | ${x.replaced} | ${x.removed} |${cost ? ` ${floorCell(cost, c)} |` : ''}`);
  }
  lines.push('', `**Destructive:** ${s.destructive} · **Security-relevant:** ${s.security} · **Policy:** ${s.policyIntroduced} introduced, ${s.policyFixed} fixed${cost ? ` · ${costMarkdown(cost)}` : ''}`, '');
  const withCause = report.topology !== undefined;
  const destructive = withStack(report, (r) => isDestructive(r));
  if (destructive.length) {
    lines.push(`### Destructive changes (${destructive.length})`);
    lines.push(...rowsWithFold(destructive, [`| cloud | stack | resource | type | change | |${withCause ? ' cause |' : ''}`, `|---|---|---|---|---|---|${withCause ? '---|' : ''}`],
      ({ s: st, r }) => `| ${CLOUD[st.cloud]} | ${esc(st.stack)} | ${code(r.resource)} | ${esc(r.resourceType)} | ${KIND[r.kind]} | ${r.stateful ? ':warning: stateful' : ''} |${withCause ? ` ${esc(causeText(r, true))} |` : ''}`, 'destructive changes'), '');
  }
  const security = withStack(report, (r) => r.security);
  const broadened = report.stacks.filter((st) => st.permissionsBroadened);
  if (security.length || broadened.length) {
    lines.push(`### Security-relevant changes (${security.length})`);
    for (const st of broadened) lines.push(`- ${CLOUD[st.cloud]} ${esc(st.stack)}: **IAM permissions broadened**`);
    if (security.length) {
      if (broadened.length) lines.push('');
      lines.push(...rowsWithFold(security, [`| cloud | stack | resource | change | why |${withCause ? ' cause |' : ''}`, `|---|---|---|---|---|${withCause ? '---|' : ''}`],
        ({ s: st, r }) => `| ${CLOUD[st.cloud]} | ${esc(st.stack)} | ${code(r.resource)} | ${KIND[r.kind]} | ${esc((r.securityReasons ?? []).slice(0, 2).map((x) => clip(x, 160)).join('; '))}${(r.securityReasons ?? []).length > 2 ? ` (+${r.securityReasons!.length - 2})` : ''} |${withCause ? ` ${esc(causeText(r, true))} |` : ''}`, 'security-relevant changes'));
    }
    lines.push('');
  }
  if (report.policy.introduced.length || report.policy.fixed.length) {
    lines.push('### Policy delta');
    const rows = [
      ...report.policy.introduced.map((f) => `| :x: introduced | ${code(f.rule)} | ${f.severity} | ${f.cloud} | ${esc(f.stack)} | ${code(f.resource)} |`),
      ...report.policy.fixed.map((f) => `| :white_check_mark: fixed | ${code(f.rule)} | ${f.severity} | ${f.cloud} | ${esc(f.stack)} | ${code(f.resource)} |`),
    ];
    lines.push(...rowsWithFold(rows, ['| | rule | severity | cloud | stack | resource |', '|---|---|---|---|---|---|'], (x) => x, 'policy findings'), '');
  }
  return lines;
}

function stackDetails(st: StackDiff, withCause: boolean): string {
  const lines = [`<details><summary>${CLOUD[st.cloud]} · ${esc(st.stack)} (${st.status}, ${st.resources.length} resource change${st.resources.length === 1 ? '' : 's'})</summary>`, '',
    `| resource | type | change | flags |${withCause ? ' cause |' : ''} property changes |`, `|---|---|---|---|${withCause ? '---|' : ''}---|`];
  for (const r of st.resources) {
    const props = [...r.properties.map(propertyMarkdown), ...(r.securityReasons ?? []).map((x) => `_security: ${x}_`)].map(esc).join('<br>');
    lines.push(`| ${code(r.resource)} | ${esc(r.resourceType)} | ${KIND[r.kind]} | ${flags(r)} |${withCause ? ` ${esc(causeText(r, true))} |` : ''} ${props} |`);
  }
  lines.push('', '</details>', '');
  return lines.join('\n');
}

/** Markdown for a PR comment: cause and summary first (never truncated), then details until the limit. */
export function renderMarkdown(report: DiffReport, limit = MARKDOWN_LIMIT): string {
  let out = summaryMarkdown(report).join('\n');
  const details = report.stacks.map((st) => stackDetails(st, report.topology !== undefined));
  const note = (n: number) => `\n_${n} stack detail section${n === 1 ? '' : 's'} omitted to stay under GitHub's comment limit; see the JSON report._\n`;
  for (let i = 0; i < details.length; i++) {
    if (out.length + details[i].length + note(details.length - i).length > limit) {
      out += note(details.length - i);
      break;
    }
    out += `\n${details[i]}`;
  }
  return out;
}

function topologyText(t: TopologySection): string[] {
  const lines = [`topology: ${t.changes.length === 0 ? 'no field changed' : `${t.changes.length} field${t.changes.length === 1 ? '' : 's'} changed`} (before: ${t.before}, after: ${t.after})`];
  const effect = new Map(t.effects.map((e) => [e.field, e.summary]));
  for (const c of t.changes) {
    const [o, n] = windowPair(c.old, c.new, 80);
    lines.push(`  ${c.path}: ${o ?? '∅'} -> ${n ?? '∅'}`);
    if (effect.has(c.path)) lines.push(`      ${effect.get(c.path)}`);
  }
  lines.push(`  attribution: ${t.attribution}${t.unattributed ? `; ${t.unattributed} resource change${t.unattributed === 1 ? '' : 's'} unattributed` : ''}${t.fromCode ? `; ${t.fromCode} from code` : ''}`);
  return lines;
}

export function renderText(report: DiffReport): string {
  const s = report.summary;
  const nothing = report.stacks.length === 0 && s.policyIntroduced === 0 && s.policyFixed === 0;
  if (nothing && (!report.topology || report.topology.changes.length === 0)) return 'stateline diff: no changes\n';
  const lines = ['stateline diff'];
  if (report.topology) lines.push(...topologyText(report.topology));
  if (nothing) return `${[...lines, 'no resource changes'].join('\n')}\n`;
  for (const c of ['aws', 'azure'] as const) {
    const x = s[c];
    lines.push(`  ${CLOUD[c].padEnd(6)} ${x.stacks} ${x.stacks === 1 ? 'stack' : 'stacks'}: +${x.added} ~${x.updated} ±${x.replaced} -${x.removed}`);
  }
  lines.push(`  destructive: ${s.destructive}, security-relevant: ${s.security}, policy: ${s.policyIntroduced} introduced, ${s.policyFixed} fixed`);
  if (report.cost) lines.push(costText(report.cost));
  lines.push('');
  for (const st of report.stacks) {
    lines.push(`${CLOUD[st.cloud]} ${st.stack} (${st.status})${st.permissionsBroadened ? ' [IAM permissions broadened]' : ''}`);
    for (const r of st.resources) {
      const cause = causeText(r);
      lines.push(`  ${MARK[r.kind]} ${r.resource} (${r.resourceType})${flags(r) ? ` [${flags(r)}]` : ''}${cause ? ` <- ${cause}` : ''}`);
      for (const p of r.properties) lines.push(...propertyLines(p).map((l) => `      ${l}`));
      for (const why of r.securityReasons ?? []) lines.push(`      security: ${why}`);
    }
  }
  for (const f of report.policy.introduced) lines.push(`policy introduced: ${f.rule} (${f.severity}) ${f.cloud} ${f.stack} ${f.resource}`);
  for (const f of report.policy.fixed) lines.push(`policy fixed: ${f.rule} ${f.cloud} ${f.stack} ${f.resource}`);
  return `${lines.join('\n')}\n`;
}

export function renderJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
