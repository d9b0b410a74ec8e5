/**
 * Plain text for terminals: one line per finding, suppressed ones last in their group with their
 * reason, then a summary line.
 */
import type { Report } from '../types';
import { suppressionNote } from './suppressed';

export function formatText(report: Report): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    const level = f.suppressed ? 'suppressed' : f.severity;
    const where = [f.cloud, f.stack ? `${f.stack}/${f.resource}` : f.resource].filter(Boolean).join(' ');
    lines.push(`${level.toUpperCase().padEnd(10)} ${f.rule}  ${where} (${f.resourceType})  ${f.source}${f.line !== undefined ? `:${f.line}` : ''}`);
    lines.push(`           ${f.message}`);
    if (f.suppressed) lines.push(`           ${suppressionNote(f)}`);
  }
  const s = report.summary;
  const unchecked = report.unchecked ?? [];
  for (const u of unchecked) lines.push(`NOT CHECKED ${u.source}`, `           ${u.reason}`);
  if (report.findings.length === 0 && unchecked.length === 0) lines.push('No findings.');
  if (s.schema) {
    const missing = s.schema.notValidated ? `; ${s.schema.notValidated} not validated (no schema data: ${s.schema.notValidatedTypes.join(', ')})` : '';
    lines.push(`Schema: ${s.schema.validated} resources validated against provider schemas${missing}.`);
  }
  const gap = unchecked.length ? ` ${unchecked.length} file(s) NOT CHECKED: all their resources are behind modules that could not be inspected.` : '';
  lines.push(`${s.resources} resources checked: ${s.errors} error(s), ${s.warnings} warning(s), ${s.suppressed} suppressed.${gap}`);
  return lines.join('\n') + '\n';
}
