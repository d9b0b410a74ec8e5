/**
 * What users read: `stateline cost` in each format, the synth summary's cost line, and the cost
 * delta in the PR diff.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CostReport, costSummaryLine, estimateCost, money, renderCostMarkdown, renderCostText, signedMoney } from '../../lib/cost';
import { loadInventory } from '../../lib/policy';
import { outputDirInputs } from '../../lib/cli/check';
import { run } from '../cli/run';
import { scenarioDir } from '../scenarios';
import { tf, writeFiles } from '../policy/helpers';

/** A literal for a RegExp (money has $ and .). */
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const inputs = (name: string) => ['--cdk-out', path.join(scenarioDir(name), 'cdk.out'), '--cdktf-out', path.join(scenarioDir(name), 'cdktf.out')];

describe('cost output', () => {
  let report: CostReport;
  let region: CostReport;
  beforeAll(async () => {
    const of = async (name: string) => estimateCost(await loadInventory({ cwd: scenarioDir(name), ...outputDirInputs(scenarioDir(name)) }));
    [report, region] = await Promise.all([of('default'), of('region')]);
  });

  test('text: the floor by cloud first, then stacks with each charge\'s arithmetic, usage-based unit prices, free and not priced', async () => {
    const r = await run(['cost', ...inputs('default')]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`stateline cost: monthly floor ${money(report.total.floor, 'USD')} (AWS ${money(report.clouds.aws.floor, 'USD')}, Azure ${money(report.clouds.azure.floor, 'USD')}); ceiling ${money(report.total.ceiling, 'USD')}/month with autoscaled node pools at their maximum`);
    expect(lines[1]).toMatch(/^ {2}prices: USD list prices from lib\/cost\/prices\.json \(checked 2026-12-01\); \d+ of \d+ priced charges use estimated prices \(~\)/);
    expect(r.out).toContain('      $394.20      VPN gateway VpnGw2AZ: 730 gateway-hours x ~$0.54');
    expect(r.out).toMatch(/\$0\.00 \(max \$5,362\.58\) user pool a100 Standard_NC24ads_A100_v4 VMs \(min_count 0, max_count 2\): 0-1,460 VM-hours x ~\$3\.673/);
    expect(r.out).toMatch(/Usage-based charges \(billed by use: unit prices, no totals\) on \d+ resources\n/);
    expect(r.out).toContain('      gpt-5.6-terra output tokens (DataZoneStandard): ~$13.20 per 1M output tokens');
    expect(r.out).toMatch(/\nFree: \d+ resources \(azurerm_private_dns_zone_virtual_network_link 14, azurerm_monitor_diagnostic_setting 12, /);
    expect(r.out).toMatch(/\nNot priced: 0 resources\n$/);
    // Usage-based charges never carry a monthly amount.
    const usage = r.out.slice(r.out.indexOf('Usage-based'), r.out.indexOf('\nFree:'));
    expect(usage).not.toMatch(/\/month|= \$/);
  });

  test('markdown: headline, per-stack table, folded charges, usage table; json: the whole report', async () => {
    const md = await run(['cost', ...inputs('default'), '--format', 'markdown']);
    expect(md.out.startsWith(`## stateline cost\n\n**Monthly floor: ${money(report.total.floor, 'USD')}** (AWS ${money(report.clouds.aws.floor, 'USD')} · Azure ${money(report.clouds.azure.floor, 'USD')})`)).toBe(true);
    expect(md.out).toContain('| Azure | stateline-azure-hub | $583.50 | $583.50 |');
    expect(md.out).toContain('<details><summary>Fixed charges by resource</summary>');
    expect(md.out).toMatch(/\| AWS \| `AWS::BedrockAgentCore::Runtime` \| eu-central-1 \| 1 \| runtime CPU .*~\$0\.0895 per vCPU-hour/);
    expect(md.out).not.toContain('### Not priced');
    const json = await run(['cost', ...inputs('default'), '--format', 'json']);
    const parsed = JSON.parse(json.out) as CostReport;
    expect(parsed.version).toBe(1);
    expect(parsed.total.floor).toBeCloseTo(report.total.floor, 9);
    expect(parsed.stacks.map((s) => s.stack)).toContain('stateline-azure-serving-swedencentral');
  });

  test('--output writes the report to a file', async () => {
    const dir = writeFiles({});
    const file = path.join(dir, 'cost.md');
    const r = await run(['cost', ...inputs('default'), '--format', 'markdown', '--output', file]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^## stateline cost/);
  });

  test('not-priced resources are listed with the reason in every format', async () => {
    const dir = writeFiles({ 'main.tf.json': tf({ azurerm_cosmosdb_account: { db: { location: 'westeurope' } }, azurerm_public_ip: { ip: { location: 'westeurope', sku: 'Standard', allocation_method: 'Static' } } }) });
    const r = estimateCost(await loadInventory({ cwd: dir, terraform: ['main.tf.json'] }));
    expect(renderCostText(r)).toMatch(/\nNot priced: 1 resource \(not counted in the floor\)\n {2}Azure main azurerm_cosmosdb_account\.db \(azurerm_cosmosdb_account\): no cost model for azurerm_cosmosdb_account\n$/);
    const cli = await run(['cost', '--terraform', path.join(dir, 'main.tf.json')]);
    expect(cli.code).toBe(0);
    expect(cli.out.split('\n')[0]).toBe('stateline cost: monthly floor $3.65 (Azure $3.65)');
    expect(renderCostMarkdown(r)).toMatch(/### Not priced \(1, not counted in the floor\)[\s\S]*\| Azure \| main \| `azurerm_cosmosdb_account\.db` \| `azurerm_cosmosdb_account` \| no cost model for azurerm_cosmosdb_account \|/);
  });

  test('synth prints one cost line: floor by cloud, ceiling, usage-based and not-priced counts', () => {
    const line = costSummaryLine(report);
    expect(line).toBe(`  cost   floor ${money(report.total.floor, 'USD')}/month (aws ${money(report.clouds.aws.floor, 'USD')}, azure ${money(report.clouds.azure.floor, 'USD')}), max ${money(report.total.ceiling, 'USD')}; ${report.total.usageBased} usage-based, 0 not priced (stateline cost)`);
    expect(line).not.toContain('\n');
    expect(line.length).toBeLessThan(200);
  });

  test('diff: the markdown summary shows the floor delta and usage-based items, and the floor before/after per cloud', async () => {
    const r = await run(['diff', '--before', scenarioDir('default'), '--after', scenarioDir('region'), '--format', 'markdown', '--no-attribution']);
    expect(r.code).toBe(0);
    const delta = region.total.floor - report.total.floor;
    const usage = region.total.usageBased - report.total.usageBased;
    expect(delta).toBeGreaterThan(0);
    expect(r.out).toContain(`**Cost:** ${signedMoney(delta, 'USD')}/month floor, +${usage} usage-based items (${money(report.total.floor, 'USD')} → ${money(region.total.floor, 'USD')}; usage-based charges are not totalled)`);
    // The floor per cloud is a column of the counts table: before → after (change), or once when unchanged.
    expect(r.out).toMatch(new RegExp(`\\| Azure( \\| \\d+){5} \\| ${esc(money(report.clouds.azure.floor, 'USD'))} → ${esc(money(region.clouds.azure.floor, 'USD'))} \\(${esc(signedMoney(delta, 'USD'))}\\) \\|`));
    expect(r.out).toMatch(new RegExp(`\\| AWS( \\| \\d+){5} \\| ${esc(money(report.clouds.aws.floor, 'USD'))} \\(no change\\) \\|`));
    // The cost sits in the summary, before any detail section.
    expect(r.out.indexOf('**Cost:**')).toBeLessThan(r.out.indexOf('<details>'));
    const json = JSON.parse((await run(['diff', '--before', scenarioDir('default'), '--after', scenarioDir('region'), '--format', 'json', '--no-attribution'])).out);
    expect(json.cost.after.clouds.azure.floor - json.cost.before.clouds.azure.floor).toBeCloseTo(delta, 9);
    const text = await run(['diff', '--before', scenarioDir('default'), '--after', scenarioDir('region'), '--no-attribution']);
    expect(text.out).toContain(`  cost: ${signedMoney(delta, 'USD')}/month floor, +${usage} usage-based items; aws ${money(report.clouds.aws.floor, 'USD')} -> ${money(report.clouds.aws.floor, 'USD')}, azure`);
  });
});
