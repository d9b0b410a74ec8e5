/**
 * Report formats: the JSON contract, SARIF 2.1.0 for code scanning, Markdown for PR comments,
 * JUnit XML for CI, text; all deterministic and free of absolute paths.
 */
import * as os from 'os';
import { formatReport, Report, runCheck, SUPPRESSIONS_METADATA_KEY } from '../../lib/policy';
import { cfn, writeFiles } from './helpers';

const NOW = new Date('2026-06-15T00:00:00Z');

let report: Report;
let dir: string;
beforeAll(async () => {
  dir = writeFiles({
    'infra/agent.template.json': cfn({
      'Endpoint': { Type: 'AWS::SageMaker::Endpoint', Properties: {} },
      'Accepted': { Type: 'AWS::SageMaker::Model', Metadata: { [SUPPRESSIONS_METADATA_KEY]: [{ rule: 'placement/*', reason: 'offline eval | <not served>', expires: '2026-12-31' }] } },
    }),
    'infra/azure.tf.json': { resource: { azurerm_cognitive_account: { 'oai': { kind: 'OpenAI', public_network_access_enabled: false } } }, module: { m: { source: './m' } } },
  });
  report = (await runCheck({ templates: ['infra/agent.template.json'], terraform: ['infra/azure.tf.json'], cwd: dir, now: NOW })).report;
});

describe('json', () => {
  it('follows the version 1 contract exactly', () => {
    const out = JSON.parse(formatReport(report, 'json'));
    // `unchecked` (files behind uninspectable modules) was added to version 1 without changing existing fields.
    expect(Object.keys(out)).toEqual(['version', 'summary', 'findings', 'unchecked']);
    expect(out.version).toBe(1);
    expect(out.summary).toEqual({ resources: 3, errors: 1, warnings: 2, suppressed: 1, unchecked: 0 });
    expect(out.unchecked).toEqual([]);
    expect(out.findings.find((f: { resource: string }) => f.resource === 'Endpoint')).toEqual({
      rule: 'placement/stateless-endpoint-outside-azure',
      severity: 'error',
      cloud: 'aws',
      source: 'infra/agent.template.json',
      stack: 'agent',
      resource: 'Endpoint',
      resourceType: 'AWS::SageMaker::Endpoint',
      message: expect.stringMatching(/SageMaker endpoint/),
      suppressed: false,
    });
    const accepted = out.findings.find((f: { resource: string }) => f.resource === 'Accepted');
    expect(accepted).toMatchObject({ suppressed: true, reason: 'offline eval | <not served>', expires: '2026-12-31' });
    for (const f of out.findings) {
      expect(Object.keys(f)).toEqual(['rule', 'severity', 'cloud', 'source', 'stack', 'resource', 'resourceType', 'message', 'suppressed', ...(f.suppressed ? ['reason', 'expires'] : [])]);
    }
  });

  it('is deterministic and contains no absolute paths in any format', () => {
    for (const format of ['text', 'json', 'sarif', 'markdown', 'junit'] as const) {
      const out = formatReport(report, format);
      expect(formatReport(report, format)).toBe(out);
      expect(out).not.toContain(dir);
      expect(out).not.toContain(os.tmpdir());
    }
  });
});

describe('sarif', () => {
  it('is SARIF 2.1.0 with rules, levels, relative locations and external suppressions', () => {
    const sarif = JSON.parse(formatReport(report, 'sarif'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('stateline');
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toEqual(expect.arrayContaining(['placement/stateless-endpoint-outside-azure', 'link/minimum-tunnels', 'engine/rule-error']));
    for (const r of run.tool.driver.rules) {
      expect(r.shortDescription.text).toEqual(expect.any(String));
      expect(r.help.text).toEqual(expect.any(String));
    }
    const endpoint = run.results.find((r: { message: { text: string } }) => r.message.text.startsWith('agent/Endpoint'));
    expect(endpoint).toMatchObject({
      ruleId: 'placement/stateless-endpoint-outside-azure',
      ruleIndex: ruleIds.indexOf('placement/stateless-endpoint-outside-azure'),
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'infra/agent.template.json' } } }],
    });
    expect(endpoint.suppressions).toBeUndefined();
    const accepted = run.results.find((r: { message: { text: string } }) => r.message.text.startsWith('agent/Accepted'));
    expect(accepted.suppressions).toEqual([{ kind: 'external', justification: 'offline eval | <not served> (until 2026-12-31)' }]);
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === 'policy/module-not-inspected').level).toBe('warning');
  });
});

describe('markdown', () => {
  it('has a summary table, then a findings table with pipes escaped', () => {
    const md = formatReport(report, 'markdown');
    expect(md).toContain('| Resources | Errors | Warnings | Suppressed |');
    expect(md).toContain('| 3 | 1 | 2 | 1 |');
    expect(md).toContain(':x: **Placement policy: failed**');
    const row = md.split('\n').find((l) => l.includes('`Accepted`'));
    expect(row).toContain('offline eval \\| &lt;not served>');
    // Every table row has the same number of unescaped cell separators.
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && l.includes('`'));
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|').length).toBe(9);
  });
});

describe('junit', () => {
  /** Minimal well-formedness check: declaration, balanced tags, quoted attributes, escaped text. */
  function assertWellFormed(xml: string): void {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
    const stack: string[] = [];
    const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/g;
    let last = 0;
    for (let m = tag.exec(body); m; m = tag.exec(body)) {
      const text = body.slice(last, m.index);
      expect(text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/);
      last = tag.lastIndex;
      const [, close, name, , selfClose] = m;
      if (close) expect(stack.pop()).toBe(name);
      else if (!selfClose) stack.push(name);
    }
    expect(body.slice(last).trim()).toBe('');
    expect(stack).toEqual([]);
  }

  it('is well-formed XML with a testsuite per rule and failures for unsuppressed errors only', () => {
    const xml = formatReport(report, 'junit');
    assertWellFormed(xml);
    expect(xml).toMatch(/<testsuites name="stateline policy" tests="\d+" failures="1" errors="0">/);
    expect(xml).toMatch(/<testsuite name="placement\/stateless-endpoint-outside-azure" tests="2" failures="1" errors="0" skipped="1">/);
    expect(xml).toContain('<skipped message="suppressed until 2026-12-31: offline eval | &lt;not served&gt;"/>');
    expect(xml).toContain('<testsuite name="link/minimum-tunnels" tests="1" failures="0" errors="0" skipped="0">');
  });
});

describe('text', () => {
  it('prints one block per finding and a summary line', () => {
    const text = formatReport(report, 'text');
    expect(text).toMatch(/^ERROR\s+placement\/stateless-endpoint-outside-azure\s+aws agent\/Endpoint \(AWS::SageMaker::Endpoint\)\s+infra\/agent\.template\.json$/m);
    // The expiry is on the suppressed finding's own lines: a reviewer sees when the exception ends.
    expect(text).toMatch(/^SUPPRESSED placement\/stateless-endpoint-outside-azure\s+aws agent\/Accepted .*\n.*\n {11}suppressed until 2026-12-31: offline eval \| <not served>$/m);
    expect(text.trimEnd().split('\n').pop()).toBe('3 resources checked: 1 error(s), 2 warning(s), 1 suppressed.');
  });

  it('rejects unknown formats', () => {
    expect(() => formatReport(report, 'yaml' as never)).toThrow(/unknown report format "yaml"/);
  });
});
