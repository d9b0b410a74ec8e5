/**
 * The engine: rule errors become findings, suppressions (topology globs, expiry, reasons,
 * CloudFormation Metadata and Terraform "//"), exit codes and stable ordering.
 */
import { Rule, RULES, runCheck, Suppression, SUPPRESSIONS_METADATA_KEY } from '../../lib/policy';
import { byRule, cfn, checkOne, tf, writeFiles } from './helpers';

const NOW = new Date('2026-06-15T12:00:00Z');
const ENDPOINT = 'placement/stateless-endpoint-outside-azure';

const inference = cfn({
  ModelEndpoint: { Type: 'AWS::SageMaker::Endpoint', Properties: {} },
  OtherEndpoint: { Type: 'AWS::SageMaker::Endpoint', Properties: {} },
});

describe('engine', () => {
  it('turns a rule that throws into an engine/rule-error finding and keeps checking', async () => {
    const broken: Rule = {
      id: 'test/broken',
      severity: 'error',
      description: 'throws',
      rationale: 'r',
      fix: 'f',
      scope: 'all',
      appliesTo: (type) => type === 'AWS::SageMaker::Endpoint',
      evaluate: (r) => {
        if (r.id === 'ModelEndpoint') throw new Error('boom');
        return { status: 'compliant' };
      },
    };
    const report = await checkOne('cfn-json', inference, { rules: [broken, ...RULES] });
    expect(byRule(report, 'engine/rule-error').map((f) => [f.resource, f.severity, f.message])).toEqual([
      ['ModelEndpoint', 'error', 'rule test/broken failed on this resource: boom'],
    ]);
    expect(byRule(report, ENDPOINT)).toHaveLength(2);
    expect(report.rules.map((r) => r.id)).toContain('engine/rule-error');
  });

  it('evaluates a rule with candidates on those records only, and on every record when computing them throws', async () => {
    const seen: string[] = [];
    const base: Rule = {
      id: 'test/candidates',
      severity: 'error',
      description: 'flags every record it evaluates',
      rationale: 'r',
      fix: 'f',
      scope: 'all',
      appliesTo: () => true,
      evaluate: (r) => {
        seen.push(r.id);
        return { status: 'non-compliant', message: `${r.id} evaluated` };
      },
    };
    const only: Rule = { ...base, candidates: (inv) => inv.resources.filter((r) => r.id === 'OtherEndpoint') };
    const report = await checkOne('cfn-json', inference, { rules: [only] });
    expect(seen).toEqual(['OtherEndpoint']);
    expect(byRule(report, 'test/candidates').map((f) => f.resource)).toEqual(['OtherEndpoint']);

    seen.length = 0;
    const failing: Rule = {
      ...base,
      candidates: () => {
        throw new Error('no index');
      },
    };
    const all = await checkOne('cfn-json', inference, { rules: [failing] });
    expect(seen.sort()).toEqual(['ModelEndpoint', 'OtherEndpoint']);
    expect(byRule(all, 'test/candidates')).toHaveLength(2);
  });

  it('exits 0 without unsuppressed errors and 1 with one; warnings alone do not fail', async () => {
    const clean = writeFiles({ 'a.tf.json': tf({ aws_s3_bucket: { b: {} } }) });
    expect((await runCheck({ terraform: ['a.tf.json'], cwd: clean })).exitCode).toBe(0);
    const warnOnly = writeFiles({ 'a.tf.json': { module: { m: { source: './m' } } } });
    const w = await runCheck({ terraform: ['a.tf.json'], cwd: warnOnly });
    expect([w.exitCode, w.report.summary.warnings, w.report.summary.errors]).toEqual([0, 1, 0]);
    const bad = writeFiles({ 't.json': inference });
    expect((await runCheck({ templates: ['t.json'], cwd: bad })).exitCode).toBe(1);
  });

  it('orders findings by cloud, stack, resource, rule regardless of input order', async () => {
    const dir = writeFiles({
      'b.template.json': cfn({ Z: { Type: 'AWS::SageMaker::Model' }, A: { Type: 'AWS::SageMaker::Model' } }),
      'a.tf.json': tf({ azurerm_cognitive_account: { x: {} }, aws_sagemaker_model: { m: {} } }),
    });
    const { report } = await runCheck({ templates: ['b.template.json'], terraform: ['a.tf.json'], cwd: dir });
    const keys = report.findings.map((f) => [f.cloud, f.stack, f.resource, f.rule].join('|'));
    expect(keys).toEqual([...keys].sort());
    expect(keys[0]).toBe('aws|a|aws_sagemaker_model.m|placement/stateless-endpoint-outside-azure');
  });
});

describe('topology suppressions', () => {
  const run = (suppressions: Suppression[]) => checkOne('cfn-json', inference, { suppressions, now: NOW });

  it('suppresses by rule glob and resource glob, keeping the finding with its reason', async () => {
    const report = await run([{ rule: 'placement/*', resource: 'Model*', reason: 'decommissioned next sprint, ticket OPS-12' }]);
    const f = byRule(report, ENDPOINT);
    expect(f.map((x) => [x.resource, x.suppressed, x.reason])).toEqual([
      ['ModelEndpoint', true, 'decommissioned next sprint, ticket OPS-12'],
      ['OtherEndpoint', false, undefined],
    ]);
    expect(report.summary).toMatchObject({ errors: 1, suppressed: 1 });
  });

  it('matches the resource glob against stack/resource too', async () => {
    const report = await run([{ rule: ENDPOINT, resource: 'stack/*', reason: 'the whole legacy stack is being retired' }]);
    expect(byRule(report, ENDPOINT).every((f) => f.suppressed)).toBe(true);
  });

  it('stops applying an expired suppression and reports it; the expiry day itself still applies', async () => {
    const expired = await run([{ rule: ENDPOINT, resource: 'ModelEndpoint', reason: 'temporary exception', expires: '2026-06-14' }]);
    expect(byRule(expired, ENDPOINT).every((f) => !f.suppressed)).toBe(true);
    expect(byRule(expired, 'policy/expired-suppression').map((f) => [f.severity, f.message])).toEqual([
      ['warning', `suppression of ${ENDPOINT} for ModelEndpoint expired on 2026-06-14`],
    ]);
    const lastDay = await run([{ rule: ENDPOINT, resource: 'ModelEndpoint', reason: 'temporary exception', expires: '2026-06-15' }]);
    expect(byRule(lastDay, ENDPOINT).find((f) => f.resource === 'ModelEndpoint')?.suppressed).toBe(true);
  });

  it('rejects a suppression without a reason (an error finding) and does not apply it', async () => {
    const report = await run([{ rule: ENDPOINT, resource: '*', reason: '  ' }]);
    expect(byRule(report, ENDPOINT).every((f) => !f.suppressed)).toBe(true);
    expect(byRule(report, 'policy/invalid-suppression').map((f) => [f.severity, f.source, f.message])).toEqual([
      ['error', 'policy.suppressions[0]', `suppression of ${ENDPOINT} has no reason (every suppression must say why)`],
    ]);
  });
});

describe('metadata suppressions', () => {
  it('honours CloudFormation Metadata stateline:suppressions and rejects entries without reason', async () => {
    const template = cfn({
      Accepted: { Type: 'AWS::SageMaker::Model', Metadata: { [SUPPRESSIONS_METADATA_KEY]: [{ rule: ENDPOINT, reason: 'batch transform for offline eval only' }] } },
      NoReason: { Type: 'AWS::SageMaker::Model', Metadata: { [SUPPRESSIONS_METADATA_KEY]: [{ rule: ENDPOINT }] } },
      OtherRule: { Type: 'AWS::SageMaker::Model', Metadata: { [SUPPRESSIONS_METADATA_KEY]: [{ rule: 'link/*', reason: 'not a link resource at all' }] } },
    });
    const report = await checkOne('cfn-json', template, { now: NOW });
    expect(byRule(report, ENDPOINT).map((f) => [f.resource, f.suppressed])).toEqual([
      ['Accepted', true],
      ['NoReason', false],
      ['OtherRule', false],
    ]);
    expect(byRule(report, 'policy/invalid-suppression').map((f) => f.resource)).toEqual(['NoReason']);
  });

  it('honours the Terraform "//" metadata object (as cdktf writes it), with expiry', async () => {
    const report = await checkOne(
      'tf-json',
      tf({
        aws_sagemaker_model: {
          ok: { '//': { metadata: { path: 's/ok' }, [SUPPRESSIONS_METADATA_KEY]: [{ rule: ENDPOINT, reason: 'shadow model for a migration test' }] } },
          old: { '//': { [SUPPRESSIONS_METADATA_KEY]: [{ rule: ENDPOINT, reason: 'shadow model for a migration test', expires: '2026-01-01' }] } },
        },
      }),
      { now: NOW },
    );
    expect(byRule(report, ENDPOINT).map((f) => [f.resource, f.suppressed, f.reason])).toEqual([
      ['aws_sagemaker_model.ok', true, 'shadow model for a migration test'],
      ['aws_sagemaker_model.old', false, undefined],
    ]);
    expect(byRule(report, 'policy/expired-suppression').map((f) => f.resource)).toEqual(['aws_sagemaker_model.old']);
  });

  it('matches topology globs against the construct path', async () => {
    const report = await checkOne('cfn-json', cfn({ R: { Type: 'AWS::SageMaker::Model', Metadata: { 'aws:cdk:path': 'App/Legacy/Model/Resource' } } }), {
      suppressions: [{ rule: ENDPOINT, resource: 'App/Legacy/**', reason: 'legacy construct tree being removed' }],
      now: NOW,
    });
    expect(byRule(report, ENDPOINT)[0].suppressed).toBe(true);
  });

  it('accepts `*` for every rule and `id` as an alias of `rule` (cdk-nag habit)', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        All: { Type: 'AWS::SageMaker::Model', Metadata: { [SUPPRESSIONS_METADATA_KEY]: [{ rule: '*', reason: 'sandbox account, torn down nightly' }] } },
        Alias: { Type: 'AWS::SageMaker::Model', Metadata: { [SUPPRESSIONS_METADATA_KEY]: [{ id: ENDPOINT, reason: 'sandbox account, torn down nightly' }] } },
      }),
      { now: NOW },
    );
    expect(byRule(report, ENDPOINT).map((f) => [f.resource, f.suppressed])).toEqual([
      ['Alias', true],
      ['All', true],
    ]);
  });
});

describe('suppressions that do nothing', () => {
  it('reports a topology suppression that matched no finding, and not one that did', async () => {
    const report = await checkOne('cfn-json', inference, {
      now: NOW,
      suppressions: [
        { rule: ENDPOINT, resource: 'ModelEndpoint', reason: 'decommissioned next sprint, ticket OPS-12' },
        { rule: ENDPOINT, resource: 'ModelEndpoitn', reason: 'typo in the resource glob, matches nothing' },
      ],
    });
    expect(byRule(report, 'policy/unused-suppression').map((f) => [f.severity, f.source, f.message])).toEqual([
      ['warning', 'policy.suppressions[1]', `suppression of ${ENDPOINT} for ModelEndpoitn matched no finding in the checked inputs: remove it, or correct its rule or resource glob`],
    ]);
    expect(report.summary).toMatchObject({ errors: 1, suppressed: 1, warnings: 1 });
  });

  it('reports an unused metadata suppression on its resource', async () => {
    const report = await checkOne('cfn-json', cfn({ Bucket: { Type: 'AWS::S3::Bucket', Metadata: { [SUPPRESSIONS_METADATA_KEY]: [{ rule: ENDPOINT, reason: 'copied from another resource by mistake' }] } } }), { now: NOW });
    expect(byRule(report, 'policy/unused-suppression').map((f) => [f.resource, f.message])).toEqual([
      ['Bucket', `metadata suppression of ${ENDPOINT} matched no finding in the checked inputs: remove it, or correct its rule or resource glob`],
    ]);
  });

  it('rejects a suppression naming no rule (through the API; the topology rejects it at validation), with the closest id', async () => {
    const report = await checkOne('cfn-json', inference, { now: NOW, suppressions: [{ rule: 'placement/stateless-endpoint-outside-aws', resource: '*', reason: 'typo in the rule id, suppresses nothing' }] });
    expect(byRule(report, ENDPOINT).every((f) => !f.suppressed)).toBe(true);
    expect(byRule(report, 'policy/invalid-suppression').map((f) => f.message)).toEqual([
      expect.stringMatching(/^suppression of placement\/stateless-endpoint-outside-aws is not a rule id \(did you mean "placement\/stateless-endpoint-outside-azure"\?\)/),
    ]);
  });

  it('keeps the expiry of a dated suppression on the suppressed finding', async () => {
    const report = await checkOne('cfn-json', inference, { now: NOW, suppressions: [{ rule: ENDPOINT, resource: 'ModelEndpoint', reason: 'decommissioned next sprint, ticket OPS-12', expires: '2026-07-01' }] });
    expect(byRule(report, ENDPOINT).find((f) => f.resource === 'ModelEndpoint')).toMatchObject({ suppressed: true, expires: '2026-07-01' });
  });
});
