/**
 * Plain text for terminals: one line per finding, suppressed ones last in their group with their
 * reason, then a summary line.
 */
import type { Report } from '../types';

export function formatText(report: Report): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    const level = f.suppressed ? 'suppressed' : f.severity;
    const where = [f.cloud, f.stack ? `${f.stack}/${f.resource}` : f.resource].filter(Boolean).join(' ');
    lines.push(`${level.toUpperCase().padEnd(10)} ${f.rule}  ${where} (${f.resourceType})  ${f.source}`);
    lines.push(`           ${f.message}`);
    if (f.suppressed) lines.push(`           suppressed: ${f.reason}`);
  }
  const s = report.summary;
  if (report.findings.length === 0) lines.push('No findings.');
  if (s.schema) {
    const missing = s.schema.notValidated ? `; ${s.schema.notValidated} not validated (no schema data: ${s.schema.notValidatedTypes.join(', ')})` : '';
    lines.push(`Schema: ${s.schema.validated} resources validated against provider schemas${missing}.`);
  }
  lines.push(`${s.resources} resources checked: ${s.errors} error(s), ${s.warnings} warning(s), ${s.suppressed} suppressed.`);
  return lines.join('\n') + '\n';
}
