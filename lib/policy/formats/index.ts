/**
 * Report formats. All are deterministic for a given report (findings are already sorted) and
 * contain only paths relative to the working directory.
 */
import type { Report } from '../types';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Renders a report in one of the formats. */
export function formatReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'text':
      return formatText(report);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'junit':
      return formatJunit(report);
    default:
      throw new Error(`unknown report format "${String(format)}" (expected one of ${REPORT_FORMATS.join(', ')})`);
  }
}
