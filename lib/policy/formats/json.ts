/**
 * The JSON report: a stable contract (`version: 1`). Keys are emitted in a fixed order and only
 * the documented fields appear, so consumers can diff reports.
 */
import type { Report } from '../types';

export function formatJson(report: Report): string {
  const findings = report.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    cloud: f.cloud,
    source: f.source,
    stack: f.stack,
    resource: f.resource,
    resourceType: f.resourceType,
    message: f.message,
    suppressed: f.suppressed,
    ...(f.reason !== undefined ? { reason: f.reason } : {}),
    ...(f.expires !== undefined ? { expires: f.expires } : {}),
    ...(f.line !== undefined ? { line: f.line } : {}),
  }));
  const { resources, errors, warnings, suppressed, schema } = report.summary;
  const unchecked = (report.unchecked ?? []).map((u) => ({ source: u.source, modules: u.modules, reason: u.reason }));
  const schemaSummary = schema ? { schema: { validated: schema.validated, notValidated: schema.notValidated, notValidatedTypes: [...schema.notValidatedTypes] } } : {};
  return JSON.stringify({ version: 1, summary: { resources, errors, warnings, suppressed, unchecked: unchecked.length, ...schemaSummary }, findings, unchecked }, null, 2) + '\n';
}
