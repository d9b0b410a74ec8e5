/**
 * JUnit XML for CI test reports: one testsuite per rule, one testcase per finding (a failure for an
 * unsuppressed error, skipped when suppressed, passing with output for a warning), and a passing
 * testcase for a rule without findings.
 */
import type { Finding, Report } from '../types';
import { suppressionNote } from './suppressed';

/** XML text/attribute escape; characters XML 1.0 forbids are dropped. */
export function xml(s: string): string {
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function testcase(rule: string, f: Finding): string {
  const name = `${f.stack ? `${f.stack}/` : ''}${f.resource} (${f.resourceType})`;
  const open = `    <testcase classname="${xml(rule)}" name="${xml(name)}" file="${xml(f.source)}"${f.line !== undefined ? ` line="${f.line}"` : ''}>`;
  if (f.suppressed) return `${open}\n      <skipped message="${xml(suppressionNote(f))}"/>\n    </testcase>`;
  if (f.severity === 'error') {
    return `${open}\n      <failure message="${xml(f.message)}" type="${xml(rule)}">${xml(`${f.cloud} ${f.source}: ${f.message}`)}</failure>\n    </testcase>`;
  }
  return `${open}\n      <system-out>${xml(`warning: ${f.message}`)}</system-out>\n    </testcase>`;
}

export function formatJunit(report: Report): string {
  const byRule = new Map<string, Finding[]>();
  for (const r of report.rules) byRule.set(r.id, []);
  for (const f of report.findings) {
    if (!byRule.has(f.rule)) byRule.set(f.rule, []);
    byRule.get(f.rule)?.push(f);
  }
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const [rule, list] of byRule) {
    const cases = list.length ? list.map((f) => testcase(rule, f)) : [`    <testcase classname="${xml(rule)}" name="no findings"/>`];
    const fails = list.filter((f) => !f.suppressed && f.severity === 'error').length;
    const skipped = list.filter((f) => f.suppressed).length;
    tests += cases.length;
    failures += fails;
    suites.push(`  <testsuite name="${xml(rule)}" tests="${cases.length}" failures="${fails}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  const unchecked = report.unchecked ?? [];
  if (unchecked.length) {
    const cases = unchecked.map((u) => `    <testcase classname="coverage" name="${xml(u.source)}" file="${xml(u.source)}">\n      <skipped message="${xml(`not checked: ${u.reason}`)}"/>\n    </testcase>`);
    tests += cases.length;
    suites.push(`  <testsuite name="coverage" tests="${cases.length}" failures="0" errors="0" skipped="${cases.length}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="stateline policy" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
