/**
 * The price table carries its facts (unit, source, date checked, and why a number may be off), and
 * `--prices` override files change exactly the prices they name, with every problem reported at once.
 */
import { builtinPrices, CostReport, estimateCost, lookupPrice, METERED_TYPES, withOverrides } from '../../lib/cost';
import { loadInventory } from '../../lib/policy';
import { outputDirInputs } from '../../lib/cli/check';
import { UserInputError } from '../../lib/topology/problems';
import { run } from '../cli/run';
import { scenarioDir } from '../scenarios';
import { writeFiles } from '../policy/helpers';

describe('price table', () => {
  const table = builtinPrices();

  test('USD list prices, 730 hours a month, checked 2026-12-01', () => {
    expect(table).toMatchObject({ currency: 'USD', hoursPerMonth: 730, checked: '2026-12-01' });
  });

  test('every entry has a unit, a public source, a basis, the date checked and at least one region price', () => {
    for (const [key, e] of Object.entries(table.prices)) {
      expect({ key, unit: typeof e.unit, source: /^https:\/\//.test(e.source), basis: typeof e.basis, checked: e.checked }).toEqual({ key, unit: 'string', source: true, basis: 'string', checked: '2026-12-01' });
      const prices = Object.values(e.regions);
      expect(prices.length).toBeGreaterThan(0);
      for (const p of prices) expect(Number.isFinite(p) && p >= 0).toBe(true);
    }
  });

  test('entries not read from a provider price list say so (estimate), and most entries name how to refresh them', () => {
    const estimates = Object.values(table.prices).filter((e) => e.estimate);
    expect(estimates.length).toBeGreaterThan(0);
    for (const e of estimates) expect(e.estimate).toMatch(/\w+ \w+/);
    const refreshable = Object.values(table.prices).filter((e) => e.query);
    expect(refreshable.length / Object.keys(table.prices).length).toBeGreaterThan(0.8);
  });

  test('lookups: per-region price, "*" for every region, and a clear reason when missing', () => {
    expect(lookupPrice(table, 'azure/private-link/endpoint', 'brazilsouth')).toMatchObject({ ok: true, price: 0.01 });
    expect(lookupPrice(table, 'azure/vm/Standard_D4ds_v5', 'brazilsouth')).toEqual({ ok: false, reason: 'no price for azure/vm/Standard_D4ds_v5 in brazilsouth' });
    expect(lookupPrice(table, 'azure/nope', 'westeurope')).toEqual({ ok: false, reason: 'no price for azure/nope in the table' });
  });

  test('the meters know the types the issue names', () => {
    for (const t of ['azurerm_virtual_network_gateway', 'azurerm_public_ip', 'azurerm_private_dns_resolver_inbound_endpoint', 'azurerm_private_dns_resolver_outbound_endpoint', 'azurerm_private_endpoint', 'azurerm_key_vault_key', 'azurerm_log_analytics_workspace', 'azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool', 'azurerm_cognitive_deployment', 'AWS::EC2::VPNConnection', 'AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::VPCEndpoint', 'AWS::Route53Resolver::ResolverEndpoint', 'AWS::Route53Resolver::ResolverRule', 'AWS::Route53Resolver::FirewallRuleGroupAssociation', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret', 'AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::BedrockAgentCore::Runtime', 'AWS::BedrockAgentCore::Memory', 'AWS::BedrockAgentCore::Gateway', 'AWS::BedrockAgentCore::OAuth2CredentialProvider', 'AWS::Logs::LogGroup']) {
      expect(METERED_TYPES).toContain(t);
    }
  });
});

describe('--prices overrides', () => {
  let defaultReport: CostReport;
  const inventory = () => loadInventory({ cwd: scenarioDir('default'), ...outputDirInputs(scenarioDir('default')) });
  beforeAll(async () => {
    defaultReport = estimateCost(await inventory());
  });

  test('an override changes that one price, for that region, and nothing else', async () => {
    const dir = writeFiles({ 'p.json': { prices: { 'azure/vm/Standard_D4ds_v5': { regions: { swedencentral: 0.2 }, source: 'EA price sheet 2026-11' } } } });
    const prices = withOverrides(builtinPrices(), `${dir}/p.json`);
    expect(prices.prices['azure/vm/Standard_D4ds_v5'].regions).toMatchObject({ swedencentral: 0.2, westeurope: 0.226 });
    const r = estimateCost(await inventory(), prices);
    // Two system nodes x 730 h x (0.226 - 0.2).
    expect(defaultReport.total.floor - r.total.floor).toBeCloseTo(2 * 730 * 0.026, 6);
    expect(r.clouds.aws.floor).toBe(defaultReport.clouds.aws.floor);
    expect(r.prices.origin).toEqual(['lib/cost/prices.json', `${dir}/p.json (1 override)`]);
    const line = r.stacks.flatMap((s) => s.resources).flatMap((x) => x.lines).find((l) => l.key === 'azure/vm/Standard_D4ds_v5')!;
    expect(line.estimate).toBe(false);
  });

  test('YAML works too, and "*" sets one price everywhere', async () => {
    const dir = writeFiles({ 'p.yaml': 'prices:\n  aws/vpn/connection:\n    regions: { "*": 0.04 }\n' });
    const prices = withOverrides(builtinPrices(), `${dir}/p.yaml`);
    expect(prices.prices['aws/vpn/connection'].regions).toEqual({ '*': 0.04 });
    expect(estimateCost(await inventory(), prices).clouds.aws.floor).toBeCloseTo(defaultReport.clouds.aws.floor - 2 * 730 * 0.01, 6);
  });

  test('another currency prices only what the file names; the rest is "not priced", not mixed with USD', async () => {
    const dir = writeFiles({ 'eur.json': { currency: 'EUR', prices: { 'aws/kms/key': { regions: { '*': 0.93 } } } } });
    const r = estimateCost(await inventory(), withOverrides(builtinPrices(), `${dir}/eur.json`));
    expect(r.currency).toBe('EUR');
    expect(r.clouds.aws.floor).toBeCloseTo(3 * 0.93, 6);
    const vpn = r.stacks.flatMap((s) => s.resources).find((x) => x.type === 'AWS::EC2::VPNConnection')!;
    expect(vpn.status).toBe('unpriced');
    expect(vpn.unpriced[0]).toMatch(/no EUR price for aws\/vpn\/connection \(the table has USD; add it to the --prices file\)/);
  });

  test('a bad override file reports every problem at once, with the field and the bad value', () => {
    const dir = writeFiles({
      'bad.json': { currency: 'euro', prices: { 'azure/vm/Standard_D4ds_v5': { regions: { swedencentral: -1, 'West Europe': 0.2 } }, 'aws/vpn/conection': { regions: { '*': 0.05 } } }, extra: true },
    });
    let error: UserInputError | undefined;
    try {
      withOverrides(builtinPrices(), `${dir}/bad.json`);
    } catch (e) {
      error = e as UserInputError;
    }
    expect(error).toBeInstanceOf(UserInputError);
    expect(error!.message).toMatch(/bad\.json: \d+ problems/);
    expect(error!.message).toMatch(/currency: an ISO 4217 code such as USD or EUR \(got "euro"\)/);
    expect(error!.message).toMatch(/prices\.azure\/vm\/Standard_D4ds_v5\.regions\.swedencentral: a price: a number >= 0 in the file's currency \(got -1\)/);
    expect(error!.message).toMatch(/regions\.West Europe: not a region name: use the API name such as westeurope/);
    expect(error!.message).toMatch(/unknown field\(s\) extra/);
  });

  test('an unknown key is named with the closest real one; a unit that differs from the table is refused', () => {
    const dir = writeFiles({ 'p.json': { prices: { 'aws/vpn/conection': { regions: { '*': 0.05 } }, 'aws/kms/key': { unit: 'hour', regions: { '*': 0.001 } } } } });
    expect(() => withOverrides(builtinPrices(), `${dir}/p.json`)).toThrow(/prices\.aws\/vpn\/conection: unknown price key \(did you mean aws\/vpn\/connection\?\)[\s\S]*prices\.aws\/kms\/key\.unit: must be "month"/);
  });

  test('the CLI exits 2 with the message and no stack trace; unreadable and malformed files too', async () => {
    const dir = writeFiles({ 'p.json': { prices: { nope: { regions: { '*': 1 } } } }, 'broken.json': '{ "prices": ', 'p.yml': 'prices: [' });
    for (const [file, msg] of [['p.json', /prices\.nope: unknown price key/], ['broken.json', /broken\.json: not valid JSON/], ['p.yml', /p\.yml: not valid YAML/], ['missing.json', /missing\.json: file not found/]] as const) {
      const r = await run(['cost', '--cdk-out', `${scenarioDir('default')}/cdk.out`, '--prices', `${dir}/${file}`]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
    }
  });
});
