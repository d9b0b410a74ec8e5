/**
 * Renderers: markdown (PR comment), text (terminal), json (machine-readable, same content).
 * Ordering is stable so re-runs produce identical text.
 */
import { DiffReport, isDestructive, ResourceChange, StackDiff } from './model';

/** GitHub rejects comments over 65,536 characters; keep headroom for the workflow's header. */
export const MARKDOWN_LIMIT = 60000;
const HIGHLIGHT_ROWS = 40;

const CLOUD = { aws: 'AWS', azure: 'Azure' } as const;
const KIND = { add: 'add', remove: '**remove**', update: 'update', replace: '**replace**' } as const;
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function flags(r: ResourceChange): string {
  return [r.stateful && isDestructive(r) ? 'stateful' : '', r.security ? 'security' : ''].filter(Boolean).join(', ');
}

function withStack(report: DiffReport, pick: (r: ResourceChange, s: StackDiff) => boolean) {
  return report.stacks.flatMap((s) => s.resources.filter((r) => pick(r, s)).map((r) => ({ s, r })));
}

function rowsOrMore<T>(items: readonly T[], row: (x: T) => string): string[] {
  const rows = items.slice(0, HIGHLIGHT_ROWS).map(row);
  if (items.length > HIGHLIGHT_ROWS) rows.push(`\n_...and ${items.length - HIGHLIGHT_ROWS} more (see the JSON report)._`);
  return rows;
}

function summaryMarkdown(report: DiffReport): string[] {
  const s = report.summary;
  const lines = ['## stateline diff', ''];
  if (report.stacks.length === 0 && s.policyIntroduced === 0 && s.policyFixed === 0) return [...lines, 'No changes.', ''];
  lines.push('| cloud | stacks | added | updated | replaced | removed |', '|---|---:|---:|---:|---:|---:|');
  for (const c of ['aws', 'azure'] as const) {
    const x = s[c];
    lines.push(`| ${CLOUD[c]} | ${x.stacks} | ${x.added} | ${x.updated} | ${x.replaced} | ${x.removed} |`);
  }
  lines.push('', `**Destructive:** ${s.destructive} · **Security-relevant:** ${s.security} · **Policy:** ${s.policyIntroduced} introduced, ${s.policyFixed} fixed`, '');
  const destructive = withStack(report, (r) => isDestructive(r));
  if (destructive.length) {
    lines.push('### Destructive changes', '', '| cloud | stack | resource | type | change | |', '|---|---|---|---|---|---|');
    lines.push(...rowsOrMore(destructive, ({ s: st, r }) => `| ${CLOUD[st.cloud]} | ${esc(st.stack)} | ${code(r.resource)} | ${esc(r.resourceType)} | ${KIND[r.kind]} | ${r.stateful ? ':warning: stateful' : ''} |`), '');
  }
  const security = withStack(report, (r) => r.security);
  const broadened = report.stacks.filter((st) => st.permissionsBroadened);
  if (security.length || broadened.length) {
    lines.push('### Security-relevant changes', '');
    for (const st of broadened) lines.push(`- ${CLOUD[st.cloud]} ${esc(st.stack)}: **IAM permissions broadened**`);
    if (security.length) {
      lines.push('', '| cloud | stack | resource | type | change | properties |', '|---|---|---|---|---|---|');
      lines.push(...rowsOrMore(security, ({ s: st, r }) => `| ${CLOUD[st.cloud]} | ${esc(st.stack)} | ${code(r.resource)} | ${esc(r.resourceType)} | ${KIND[r.kind]} | ${esc(r.properties.slice(0, 3).map((p) => p.path).join(', '))} |`));
    }
    lines.push('');
  }
  if (report.policy.introduced.length || report.policy.fixed.length) {
    lines.push('### Policy delta', '', '| | rule | severity | cloud | stack | resource |', '|---|---|---|---|---|---|');
    lines.push(...rowsOrMore(report.policy.introduced, (f) => `| :x: introduced | ${code(f.rule)} | ${f.severity} | ${f.cloud} | ${esc(f.stack)} | ${code(f.resource)} |`));
    lines.push(...rowsOrMore(report.policy.fixed, (f) => `| :white_check_mark: fixed | ${code(f.rule)} | ${f.severity} | ${f.cloud} | ${esc(f.stack)} | ${code(f.resource)} |`));
    lines.push('');
  }
  return lines;
}

function stackDetails(st: StackDiff): string {
  const lines = [`<details><summary>${CLOUD[st.cloud]} · ${esc(st.stack)} (${st.status}, ${st.resources.length} resource change${st.resources.length === 1 ? '' : 's'})</summary>`, '',
    '| resource | type | change | flags | property changes |', '|---|---|---|---|---|'];
  for (const r of st.resources) {
    const props = r.properties.slice(0, 12).map((p) => `${code(p.path)}: ${esc(p.old ?? '∅')} → ${esc(p.new ?? '∅')}${p.replaces ? ' (replaces)' : ''}`).join('<br>');
    const more = r.properties.length > 12 ? `<br>…${r.properties.length - 12} more` : '';
    lines.push(`| ${code(r.resource)} | ${esc(r.resourceType)} | ${KIND[r.kind]} | ${flags(r)} | ${props}${more} |`);
  }
  lines.push('', '</details>', '');
  return lines.join('\n');
}

/** Markdown for a PR comment: summary first (never truncated), then details until the limit. */
export function renderMarkdown(report: DiffReport, limit = MARKDOWN_LIMIT): string {
  let out = summaryMarkdown(report).join('\n');
  const details = report.stacks.map(stackDetails);
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

export function renderText(report: DiffReport): string {
  const s = report.summary;
  if (report.stacks.length === 0 && s.policyIntroduced === 0 && s.policyFixed === 0) return 'stateline diff: no changes\n';
  const lines = ['stateline diff'];
  for (const c of ['aws', 'azure'] as const) {
    const x = s[c];
    lines.push(`  ${CLOUD[c].padEnd(6)} ${x.stacks} stacks: +${x.added} ~${x.updated} ±${x.replaced} -${x.removed}`);
  }
  lines.push(`  destructive: ${s.destructive}, security-relevant: ${s.security}, policy: ${s.policyIntroduced} introduced, ${s.policyFixed} fixed`, '');
  for (const st of report.stacks) {
    lines.push(`${CLOUD[st.cloud]} ${st.stack} (${st.status})${st.permissionsBroadened ? ' [IAM permissions broadened]' : ''}`);
    for (const r of st.resources) {
      const mark = { add: '+', remove: '-', update: '~', replace: '±' }[r.kind];
      lines.push(`  ${mark} ${r.resource} (${r.resourceType})${flags(r) ? ` [${flags(r)}]` : ''}`);
      for (const p of r.properties.slice(0, 12)) lines.push(`      ${p.path}: ${p.old ?? '∅'} -> ${p.new ?? '∅'}${p.replaces ? ' (replaces)' : ''}`);
    }
  }
  for (const f of report.policy.introduced) lines.push(`policy introduced: ${f.rule} (${f.severity}) ${f.cloud} ${f.stack} ${f.resource}`);
  for (const f of report.policy.fixed) lines.push(`policy fixed: ${f.rule} ${f.cloud} ${f.stack} ${f.resource}`);
  return `${lines.join('\n')}\n`;
}

export function renderJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
