/**
 * The example topology (examples/stateline.config.yaml) puts its agents in eu-west-1: every fixed
 * AWS charge there is priced from the table (hand-checked below), nothing is "not priced", and
 * the usage-based charges still without a eu-west-1 unit price are exactly the ones listed, each
 * said in the report rather than shown as zero.
 */
import * as path from 'path';
import { CostReport, estimateCost, renderCostText, ResourceCost } from '../../lib/cost';
import { loadInventory } from '../../lib/policy';
import { outputDirInputs } from '../../lib/cli/check';
import { synthesize } from '../../lib/cli/synth';
import { loadTopology } from '../../lib/topology/load';
import { tempDir } from '../policy/helpers';

const H = 730;
const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'stateline.config.yaml');

/** AWS, eu-west-1 (stack acme-aws-agents-eu-west-1): maxAzs 3, so 3 ENIs per interface endpoint. */
const AWS_ITEMS: ReadonlyArray<readonly [string, number]> = [
  ['10 interface endpoints x 3 subnets (ENIs) x 730 h x $0.011', 10 * 3 * H * 0.011], // 240.90
  ['2 Site-to-Site VPN connections x 730 h x $0.05', 2 * H * 0.05], // 73.00
  ['Route 53 Resolver outbound endpoint: 2 ENIs x 730 h x $0.125', 2 * H * 0.125], // 182.50
  ['DNS Firewall domain list: 504 domains x $0.0005', 504 * 0.0005], // 0.252
  ['3 KMS keys x $1', 3 * 1], // 3.00
  ['1 Secrets Manager secret (the agent Entra client secret) x $0.40', 1 * 0.4], // 0.40
];

describe('cost of the example topology (agents in eu-west-1)', () => {
  let report: CostReport;
  const aws = (): ResourceCost[] => report.stacks.filter((s) => s.cloud === 'aws').flatMap((s) => s.resources);
  beforeAll(async () => {
    const dir = tempDir();
    synthesize(loadTopology(EXAMPLE), dir);
    report = estimateCost(await loadInventory({ cwd: dir, ...outputDirInputs(dir) }));
  });

  test('nothing is "not priced", and the AWS floor is the hand-checked eu-west-1 sum (about $500.05)', () => {
    expect(report.total.unpriced).toBe(0);
    expect(report.clouds.aws.floor).toBeCloseTo(AWS_ITEMS.reduce((n, [, v]) => n + v, 0), 6);
    expect(new Set(aws().filter((r) => r.status !== 'free').map((r) => r.region))).toEqual(new Set(['eu-west-1']));
    expect(renderCostText(report)).toMatch(/^Not priced: 0 resources$/m);
  });

  test('AgentCore, SNS, CloudWatch Logs, endpoint data and tunnel traffic have eu-west-1 unit prices; the rest say which price is missing', () => {
    const lines = aws().flatMap((r) => r.usage);
    const priced = new Set(lines.filter((u) => u.unitPrice !== undefined).map((u) => u.key));
    for (const k of ['aws/agentcore/runtime-vcpu', 'aws/agentcore/runtime-memory', 'aws/agentcore/gateway-invocations', 'aws/agentcore/memory-events',
      'aws/agentcore/memory-records-self-managed', 'aws/agentcore/memory-retrievals', 'aws/agentcore/identity-requests', 'aws/sns/requests',
      'aws/cloudwatch/logs-ingestion', 'aws/cloudwatch/logs-storage', 'aws/cloudwatch/vended-logs-ingestion', 'aws/vpc-endpoint/data-processed',
      'aws/data-transfer/internet-out', 'aws/kms/requests', 'aws/secrets-manager/api']) {
      expect(priced).toContain(k);
    }
    const missing = lines.filter((u) => u.unitPrice === undefined);
    // Not sourced for eu-west-1 (see lib/cost/prices.json): listed with the reason, never priced at zero.
    expect([...new Set(missing.map((u) => u.key))].sort()).toEqual([
      'aws/dynamodb/pitr', 'aws/dynamodb/read-request', 'aws/dynamodb/storage', 'aws/dynamodb/write-request',
      'aws/lambda/duration', 'aws/lambda/requests', 'aws/s3/get-requests', 'aws/s3/put-requests', 'aws/s3/standard-storage', 'aws/xray/traces-recorded',
    ]);
    for (const u of missing) expect(u.missing).toBe(`no price for ${u.key} in eu-west-1`);
  });
});
