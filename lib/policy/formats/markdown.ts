/**
 * Markdown for a pull-request comment: a summary table, then a findings table (pipes escaped,
 * newlines flattened), capped to stay under GitHub's comment size limit.
 */
import type { Report } from '../types';
import { suppressionNote } from './suppressed';

/** GitHub rejects comments over 65,536 characters; keep headroom for a wrapper. */
const MAX_CHARS = 60_000;

/** A table cell: pipes and backslashes escaped, line breaks and HTML-significant `<` neutralized. */
export function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

export function formatMarkdown(report: Report): string {
  const s = report.summary;
  const unchecked = report.unchecked ?? [];
  const verdict =
    s.errors > 0
      ? ':x: **Placement policy: failed**'
      : unchecked.length > 0
        ? `:warning: **Placement policy: passed, but ${unchecked.length} file(s) could not be checked**`
        : ':white_check_mark: **Placement policy: passed**';
  const out: string[] = [
    '### stateline policy check',
    '',
    verdict,
    '',
    '| Resources | Errors | Warnings | Suppressed |',
    '|---:|---:|---:|---:|',
    `| ${s.resources} | ${s.errors} | ${s.warnings} | ${s.suppressed} |`,
    '',
  ];
  if (unchecked.length) {
    out.push('**Not checked** (every resource is behind a module call that could not be inspected):', '');
    for (const u of unchecked) out.push(`- \`${cell(u.source)}\`: ${cell(u.modules.join(', '))}`);
    out.push('');
  }
  if (s.schema) {
    const missing = s.schema.notValidated ? `; ${s.schema.notValidated} not validated (no schema data: ${s.schema.notValidatedTypes.map((t) => `\`${t}\``).join(', ')})` : '';
    out.push(`Schema: ${s.schema.validated} resources validated against provider schemas${missing}.`, '');
  }
  if (report.findings.length === 0) return out.concat('No findings.', '').join('\n');
  out.push('| Severity | Rule | Cloud | Stack | Resource | Type | Message |', '|---|---|---|---|---|---|---|');
  let size = out.join('\n').length;
  let shown = 0;
  for (const f of report.findings) {
    const severity = f.suppressed ? `suppressed (${f.severity})` : f.severity;
    const message = f.suppressed ? `${f.message} — ${suppressionNote(f)}` : f.message;
    const row = `| ${cell(severity)} | \`${cell(f.rule)}\` | ${cell(f.cloud)} | ${cell(f.stack)} | \`${cell(f.resource)}\` | ${cell(f.resourceType)} | ${cell(message)} |`;
    if (size + row.length + 1 > MAX_CHARS) break;
    out.push(row);
    size += row.length + 1;
    shown++;
  }
  if (shown < report.findings.length) out.push('', `_${report.findings.length - shown} more finding(s) not shown; see the full report (json or sarif)._`);
  return out.concat('').join('\n');
}
