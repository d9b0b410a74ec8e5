/**
 * A corpus of realistic inputs written for this test (not copied from public files), across
 * CloudFormation JSON/YAML, SAM, Terraform JSON/HCL, local and registry modules, on both clouds:
 * half of them clean, each with its exact verdict (the rule ids it must raise, nothing more) and
 * whether it is reported as not checked (all resources behind uninspectable modules).
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCheck } from '../../lib/policy';

const ROOT = path.join(__dirname, 'fixtures', 'corpus');

/** input (relative to the corpus) -> sorted rule ids of its unsuppressed findings. */
const EXPECTED: Record<string, string[]> = {
  // Clean: identifiers with "key" in them, references to secrets, private serving, agent state, local modules.
  'clean/action-group.tf': [],
  'clean/agent-runtime-vpc.template.json': [],
  'clean/agent-workflow.yaml': [],
  'clean/ai-services-azapi.tf.json': [],
  'clean/aks-private-gpu': [],
  'clean/azure-openai-private': [],
  'clean/connection-references.yaml': [],
  'clean/http-api-routes.tf.json': [],
  'clean/local-module': [],
  'clean/sam-agent-api.yaml': [],
  'clean/state-store.template.json': [],
  'clean/webapp-keyvault': [],
  // Violating.
  'violating/agentcore-public-runtime.yaml': ['privacy/public-agent-runtime', 'secrets/plaintext-secret'],
  'violating/aks-module-public': ['policy/module-not-inspected', 'privacy/public-serving-endpoint'],
  'violating/apigw-bedrock-join.template.json': ['placement/stateless-endpoint-outside-azure'],
  'violating/azure-openai-public': ['privacy/local-auth-enabled', 'privacy/public-serving-endpoint', 'secrets/plaintext-secret'],
  'violating/duplicate-key.yaml': ['input/duplicate-key', 'placement/stateless-endpoint-outside-azure'],
  'violating/ecs-vllm-locals': ['placement/stateless-endpoint-outside-azure', 'policy/module-not-inspected'],
  'violating/eventbridge-bedrock.tf.json': ['placement/stateless-endpoint-outside-azure', 'secrets/plaintext-secret'],
  'violating/events-literal-secrets.template.json': ['secrets/plaintext-secret'],
  'violating/local-module-sagemaker': ['placement/stateless-endpoint-outside-azure'],
  'violating/modules-only': ['policy/module-not-inspected'],
  'violating/sam-bedrock-proxy.yaml': ['placement/model-invocation-outside-azure'],
  'violating/unknown-module-tgi.tf.json': ['placement/module-model-input', 'policy/module-not-inspected'],
};

/** Inputs whose every resource is behind a module the check could not follow. */
const UNCHECKED = new Set(['violating/aks-module-public', 'violating/ecs-vllm-locals', 'violating/modules-only', 'violating/unknown-module-tgi.tf.json']);

const isTerraform = (rel: string) => /\.tf(\.json)?$/.test(rel) || fs.statSync(path.join(ROOT, rel)).isDirectory();

describe('policy corpus', () => {
  it('covers every corpus input, at least 20, half of them clean, on both clouds and every input kind', () => {
    const onDisk = ['clean', 'violating'].flatMap((g) => fs.readdirSync(path.join(ROOT, g)).map((n) => `${g}/${n}`)).sort();
    expect(onDisk).toEqual(Object.keys(EXPECTED).sort());
    expect(onDisk.length).toBeGreaterThanOrEqual(20);
    const clean = onDisk.filter((k) => EXPECTED[k].length === 0).length;
    expect(clean).toBeGreaterThanOrEqual(Math.floor(onDisk.length / 2));
    const kinds = new Set(onDisk.map((k) => (k.endsWith('.tf.json') ? 'tf-json' : k.endsWith('.json') ? 'cfn-json' : /\.ya?ml$/.test(k) ? (fs.readFileSync(path.join(ROOT, k), 'utf8').includes('AWS::Serverless-2016-10-31') ? 'sam' : 'cfn-yaml') : 'tf-hcl')));
    expect([...kinds].sort()).toEqual(['cfn-json', 'cfn-yaml', 'sam', 'tf-hcl', 'tf-json']);
  });

  for (const [rel, rules] of Object.entries(EXPECTED)) {
    it(`${rel} -> ${rules.length ? rules.join(', ') : 'clean'}`, async () => {
      const input = isTerraform(rel) ? { terraform: [rel] } : { templates: [rel] };
      const { report, exitCode } = await runCheck({ cwd: ROOT, ...input });
      const raised = [...new Set(report.findings.filter((f) => !f.suppressed).map((f) => f.rule))].sort();
      expect(raised).toEqual(rules);
      expect(exitCode).toBe(report.findings.some((f) => f.severity === 'error' && !f.suppressed) ? 1 : 0);
      expect((report.unchecked ?? []).length > 0).toBe(UNCHECKED.has(rel));
      // Secret values never leak into a report.
      expect(JSON.stringify(report)).not.toMatch(/crm_live_5f1c|Winter2026!|3f0c1b2a9d8e7f6a|Qx8~Zk2/);
    });
  }
});
