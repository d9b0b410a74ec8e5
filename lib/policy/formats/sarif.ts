/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per stateline rule, one result per finding with
 * a relative artifact location and the resource as a logical location; suppressed findings carry
 * an external suppression with its justification.
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { createHash } from 'crypto';
import type { Report } from '../types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const RULES_DOC = 'docs/RULES.md';

export function formatSarif(report: Report, toolVersion = '0.1.0'): string {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const rules = report.rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: r.rationale },
    help: { text: `${r.rationale}\n\nFix: ${r.fix}`, markdown: `${r.rationale}\n\n**Fix:** ${r.fix}\n\nSee ${RULES_DOC}.` },
    defaultConfiguration: { level: r.severity },
    properties: { tags: ['stateline', r.id.split('/')[0]], precision: 'high', 'problem.severity': r.severity },
  }));
  const results = report.findings.map((f) => ({
    ruleId: f.rule,
    ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
    level: f.severity,
    message: { text: `${f.stack ? `${f.stack}/` : ''}${f.resource} (${f.resourceType}): ${f.message}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: f.source, uriBaseId: '%SRCROOT%' }, region: { startLine: f.line ?? 1 } },
        logicalLocations: [{ name: f.resource, fullyQualifiedName: f.stack ? `${f.stack}/${f.resource}` : f.resource, kind: 'resource' }],
      },
    ],
    partialFingerprints: {
      'statelineFinding/v1': createHash('sha256').update([f.rule, f.stack, f.resource, f.resourceType].join('\u0000')).digest('hex').slice(0, 32),
    },
    ...(f.suppressed ? { suppressions: [{ kind: 'external', justification: f.expires ? `${f.reason ?? ''} (until ${f.expires})` : f.reason ?? '' }] } : {}),
  }));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'stateline', version: toolVersion, rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory stateline ran in.' } } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: (report.unchecked ?? []).map((u) => ({
              level: 'warning',
              descriptor: { id: 'coverage/not-checked' },
              message: { text: `${u.source} was not checked: ${u.reason}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: u.source, uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
        properties: { uncheckedFiles: (report.unchecked ?? []).map((u) => u.source) },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
