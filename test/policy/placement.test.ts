/**
 * checkPlacement, the library entry of the policy: every kind of input (paths recognized by
 * content, named paths, documents in memory) gives the JSON report contract of `check --format json`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPlacement, checkPlacementSync, placementClassification, PolicyInputError } from '../../lib/api/policy';
import { formatReport, runCheck } from '../../lib/policy';
import { outputDirInputs } from '../../lib/cli/check';
import { scenarioDir } from '../scenarios';

const SAGEMAKER = { Resources: { LlamaEndpoint: { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'llama-serverless' } } } };
const PUBLIC_OPENAI = {
  resource: { azurerm_cognitive_account: { ai: { name: 'acme-ai', location: 'swedencentral', resource_group_name: 'rg', kind: 'OpenAI', sku_name: 'S0', custom_subdomain_name: 'acme-ai', public_network_access_enabled: true } } },
};

describe('checkPlacement', () => {
  test('on the default outputs, recognized from the paths alone: the same report as `check --format json`', async () => {
    const dir = scenarioDir('default');
    const report = await checkPlacement([path.join(dir, 'cdk.out'), path.join(dir, 'cdktf.out')], { cwd: dir });
    const { report: cli } = await runCheck({ cwd: dir, ...outputDirInputs(dir) });
    expect(report).toEqual(JSON.parse(formatReport(cli, 'json')));
    expect(report.summary.errors).toBe(0);
    expect(report.summary.schema?.validated).toBeGreaterThan(100);
  });

  test('a template in memory with a SageMaker endpoint: one error naming it; its stack is the given name', async () => {
    const report = await checkPlacement({ cloudFormation: SAGEMAKER, name: 'Agents' });
    expect(report.summary).toMatchObject({ resources: 1, errors: 1 });
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'placement/stateless-endpoint-outside-azure', resource: 'LlamaEndpoint', resourceType: 'AWS::SageMaker::Endpoint', stack: 'Agents', source: 'Agents', suppressed: false })]);
    // Schema validation is for synthesized outputs unless asked for.
    expect(report.summary.schema).toBeUndefined();
    expect((await checkPlacement({ cloudFormation: SAGEMAKER }, { schema: true })).summary.schema).toMatchObject({ validated: 1 });
  });

  test('Terraform JSON text in memory (what Testing.synth returns) and a suppression with its reason', () => {
    const report = checkPlacementSync({ terraformJson: JSON.stringify(PUBLIC_OPENAI), name: 'serving' });
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.resource])).toEqual(expect.arrayContaining([['privacy/public-serving-endpoint', 'azurerm_cognitive_account.ai']]));
    const suppressed = checkPlacementSync({ terraformJson: PUBLIC_OPENAI, name: 'serving' }, {
      suppressions: report.findings.map((f) => ({ rule: f.rule, resource: f.resource, reason: 'sandbox account, torn down nightly' })),
    });
    expect(suppressed.summary.errors).toBe(0);
    expect(suppressed.findings.every((f) => f.suppressed && f.reason === 'sandbox account, torn down nightly')).toBe(true);
  });

  test('template and Terraform files, by path and by named kind', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-placement-'));
    try {
      fs.writeFileSync(path.join(tmp, 'agents.template.json'), JSON.stringify(SAGEMAKER));
      fs.mkdirSync(path.join(tmp, 'tf'));
      fs.writeFileSync(path.join(tmp, 'tf', 'main.tf.json'), JSON.stringify(PUBLIC_OPENAI));
      const byPath = await checkPlacement(['agents.template.json', 'tf'], { cwd: tmp });
      const byKind = await checkPlacement([{ template: 'agents.template.json' }, { terraform: 'tf' }], { cwd: tmp });
      expect(byKind).toEqual(byPath);
      expect(byPath.findings.map((f) => `${f.source} ${f.resource}`)).toEqual(expect.arrayContaining(['agents.template.json LlamaEndpoint', 'tf/main.tf.json azurerm_cognitive_account.ai']));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('bad inputs throw PolicyInputError naming the input', async () => {
    await expect(checkPlacement('no-such-dir', { cwd: os.tmpdir() })).rejects.toThrow(PolicyInputError);
    await expect(checkPlacement('no-such-dir', { cwd: os.tmpdir() })).rejects.toThrow(/no-such-dir/);
    await expect(checkPlacement([])).rejects.toThrow(/nothing to check/);
    expect(() => checkPlacementSync({ terraformJson: '{"resource": ', name: 'broken' })).toThrow(/broken.*not valid JSON/);
    expect(() => checkPlacementSync({ cloudFormation: { Foo: 1 } })).toThrow(/not a CloudFormation template/);
  });

  test('placementClassification: one line per cloud, class and type', () => {
    expect(placementClassification([{ cloudFormation: SAGEMAKER }, { terraformJson: PUBLIC_OPENAI }])).toEqual([
      'aws stateless-serving AWS::SageMaker::Endpoint x1',
      'azure stateless-serving azurerm_cognitive_account x1',
    ]);
  });
});
