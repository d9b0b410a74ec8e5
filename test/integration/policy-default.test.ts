/**
 * Policy snapshot tests on the default topology's real synthesized outputs: the placement
 * verdict is clean, and the classification of every resource (stateless serving, stateful
 * runtime, network, ...) per cloud is pinned so any placement change shows up in review.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { classify, loadInventory, runCheck } from '../../lib/policy';
import { outputDirInputs } from '../../lib/cli/check';
import { copyScenario, scenarioDir } from '../scenarios';
import { run } from '../cli/run';

describe('placement policy on the default topology', () => {
  const dir = scenarioDir('default');

  test('the placement verdict is clean', async () => {
    const { report, exitCode } = await runCheck({ cwd: dir, ...outputDirInputs(dir) });
    expect(report.findings.filter((f) => !f.suppressed)).toEqual([]);
    expect(exitCode).toBe(0);
    expect(report.summary.resources).toBeGreaterThan(100);
  });

  test('classification: stateless serving only on Azure, agent state only on AWS (snapshot)', async () => {
    const inventory = await loadInventory({ cwd: dir, ...outputDirInputs(dir) });
    const counts = new Map<string, number>();
    for (const r of inventory.resources.filter((x) => x.mode === 'managed')) {
      const key = `${r.cloud} ${classify(r).padEnd(17)} ${r.type}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const lines = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} x${n}`);
    // Intent first: where each class lives.
    expect(lines.filter((l) => l.startsWith('aws stateless-serving'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('azure stateful-runtime'))).toEqual([]);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^azure stateless-serving +azurerm_cognitive_deployment x3$/), expect.stringMatching(/^aws stateful-runtime +AWS::BedrockAgentCore::Runtime x1$/)]));
    // The agent's tool (a Lambda gateway target) is agent state, not serving.
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^aws stateful-runtime +AWS::BedrockAgentCore::GatewayTarget x1$/)]));
    expect(lines.join('\n')).toMatchSnapshot();
  });

  test('injecting a SageMaker endpoint into the AWS stack makes check exit 1 naming it', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-inject-'));
    try {
      copyScenario('default', tmp);
      const template = path.join(tmp, 'cdk.out', 'stateline-aws-agents-eu-central-1.template.json');
      const t = JSON.parse(fs.readFileSync(template, 'utf8'));
      t.Resources.InjectedEndpoint = { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'llama-serverless' } };
      fs.writeFileSync(template, JSON.stringify(t));
      const r = await run(['check', '--cdk-out', path.join(tmp, 'cdk.out'), '--cdktf-out', path.join(tmp, 'cdktf.out'), '--format', 'json']);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.out);
      expect(report.findings).toEqual([expect.objectContaining({ rule: 'placement/stateless-endpoint-outside-azure', resource: 'InjectedEndpoint', resourceType: 'AWS::SageMaker::Endpoint', cloud: 'aws', suppressed: false })]);
      expect(report.summary).toMatchObject({ errors: 1 });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('check exits 2 naming a malformed file', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-bad-'));
    try {
      fs.writeFileSync(path.join(tmp, 'bad.template.json'), '{"Resources": {"A": ');
      const r = await run(['check', '--template', path.join(tmp, 'bad.template.json')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/bad\.template\.json/);
      expect(r.err).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
