/**
 * Topology pairs for diff/policy/graph tests: each scenario is the default topology with one
 * change. Synthesized once by global-setup.ts.
 */
import * as fs from 'fs';
import * as path from 'path';

export const SCENARIOS: Record<string, (t: any) => void> = {
  default: () => undefined,
  /** A third serving region. */
  region: (t) => {
    t.azure.serving.push({ region: 'westeurope', addressSpace: '10.103.0.0/22', models: [{ name: 'gpt-5-6-terra', model: 'gpt-5.6-terra', version: '2026-07-09', capacity: 20 }] });
  },
  /** Only the Amazon-side ASN changes. */
  asn: (t) => { t.aws.asn = 64600; },
  /** A model capacity change (in place). */
  capacity: (t) => { t.azure.serving[1].models[0].capacity = 60; },
  /** The hub address space moves: the resolver's static inbound IP changes (replacement). */
  hubcidr: (t) => { t.azure.hub.addressSpace = '10.99.0.0/24'; },
  /** Ten serving regions (diagram readability). */
  ten: (t) => {
    ['westeurope', 'northeurope', 'germanywestcentral', 'italynorth', 'polandcentral', 'norwayeast', 'spaincentral', 'switzerlandnorth'].forEach((region, i) => {
      t.azure.serving.push({ region, addressSpace: `10.${110 + i}.0.0/22`, models: [{ name: 'gpt-5-6-terra', model: 'gpt-5.6-terra', version: '2026-07-09', capacity: 10 }], ...(i % 3 === 0 ? { clusters: [{ name: 'llm', gpuPools: [{ name: 'a100', vmSize: 'Standard_NC24ads_A100_v4', maxCount: 2 }] }] } : {}) });
    });
  },
  /** A second agent with its own (bring-your-own) Entra identity calling France Central, which also serves a non-OpenAI model. */
  byo: (t) => {
    t.azure.serving[1].models.push({ name: 'mistral-large', format: 'Mistral AI', model: 'Mistral-Large-2411', version: '2', sku: 'GlobalStandard', capacity: 1 });
    t.aws.agents.push({
      name: 'billing_agent', image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/billing-agent:1.0.0', serving: ['francecentral'],
      azureIdentity: {
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', clientId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', principalId: '11111111-2222-3333-4444-555555555555',
        clientSecretArn: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:billing-entra-AbCdEf',
      },
    });
  },
  /** A second agent: new runtime, memory and IAM grants. */
  twoagents: (t) => {
    t.aws.agents.push({ name: 'billing_agent', image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/billing-agent:1.0.0', protocol: 'HTTP', memory: { eventExpiryDays: 14 } });
  },
};

/** Directory of a synthesized scenario (requires jest's global setup). */
export function scenarioDir(name: keyof typeof SCENARIOS | string): string {
  const root = process.env.STATELINE_TEST_OUTPUTS;
  if (!root) throw new Error('STATELINE_TEST_OUTPUTS is not set: run through jest (global-setup.ts)');
  return path.join(root, name);
}

/** Copies a scenario to `dest` so a test can edit the synthesized files. */
export function copyScenario(name: string, dest: string): string {
  fs.cpSync(scenarioDir(name), dest, { recursive: true });
  return dest;
}
