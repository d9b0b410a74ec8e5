/**
 * Random valid topologies for property tests: a seeded generator (mulberry32, so every run and
 * machine draws the same topologies) over the choices a user has: regions, stamps, models and
 * SKUs, clusters and GPU pools, gateway SKU and ASNs, transit or virtual private gateway, DNS
 * firewall, agents, protocols and memory, tags, remote state, deployer IP ranges, account.
 * The topology validator decides what is valid; callers keep only valid draws.
 */
import { DEFAULT_TOPOLOGY } from '../../lib/topology/default';
import { AGENTCORE_AZ_IDS, AZURE_REGIONS, AZURE_REGIONS_WITHOUT_ZONES } from '../../lib/topology/regions';
import { DEPLOYMENT_SKUS, GATEWAY_SKUS, MODEL_FORMATS } from '../../lib/topology/schema';

/** mulberry32: a small, well-distributed 32-bit PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONED = Object.keys(AZURE_REGIONS).filter((r) => !AZURE_REGIONS_WITHOUT_ZONES.includes(r));
const GPU_SIZES = ['Standard_NC24ads_A100_v4', 'Standard_NC48ads_A100_v4', 'Standard_ND96isr_H100_v5', 'Standard_NC40ads_H100_v5', 'Standard_NV36ads_A10_v5'];
const MODELS: Array<[string, string, string]> = [
  ['gpt-5-1', 'gpt-5.1', '2025-11-13'],
  ['gpt-5-mini', 'gpt-5-mini', '2025-08-07'],
  ['gpt-5-nano', 'gpt-5-nano', '2025-08-07'],
  ['embed-large', 'text-embedding-3-large', '1'],
  ['gpt-4-1', 'gpt-4.1', '2025-04-14'],
];

export function randomTopology(seed: number): Record<string, unknown> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const t = JSON.parse(JSON.stringify(DEFAULT_TOPOLOGY));
  t.name = pick(['stateline', 'acme', 'ai-plat', 'x9', 'contoso-ai']);
  t.tags = rand() < 0.5 ? { environment: pick(['dev', 'prod', 'test']), 'cost-center': `cc-${int(1, 999)}` } : {};
  t.azure.hub = { region: pick(ZONED), addressSpace: pick(['10.100.0.0/24', '10.100.0.0/23', '10.100.0.0/26']), gateway: { sku: pick(GATEWAY_SKUS), asn: pick([65010, 64900, 65521, 65534]) } };
  if (rand() < 0.3) t.azure.subscriptionId = '00000000-1111-2222-3333-444444444444';
  if (rand() < 0.3) t.azure.state = { resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate01', containerName: 'tfstate', keyPrefix: pick(['stateline', 'prod/ai']) };
  if (rand() < 0.3) t.azure.encryption = { deployerIpRanges: ['203.0.113.0/24'] };
  const regions = [...ZONED].sort(() => rand() - 0.5).slice(0, int(1, 4));
  t.azure.serving = regions.map((region, i) => {
    const models = [...MODELS].sort(() => rand() - 0.5).slice(0, int(0, 3)).map(([name, model, version]) => ({
      name, format: model.startsWith('gpt') || model.startsWith('text-') ? 'OpenAI' : pick(MODEL_FORMATS), model, version, sku: pick(DEPLOYMENT_SKUS), capacity: int(1, 500),
    }));
    const clusters = models.length === 0 || rand() < 0.4
      ? [{ name: pick(['llm', 'oss', 'vllm-a']), gpuPools: Array.from({ length: int(1, 2) }, (_, p) => ({ name: `gpu${p}`, vmSize: pick(GPU_SIZES), minCount: 0, maxCount: int(1, 4) })), ...(rand() < 0.3 ? { kubernetesVersion: '1.33' } : {}) }]
      : [];
    return { region, addressSpace: `10.${110 + i}.0.0/22`, ...(rand() < 0.2 ? { stamp: 'b' } : {}), models, clusters };
  });
  const awsRegion = pick(Object.keys(AGENTCORE_AZ_IDS).filter((r) => !r.startsWith('us-gov')));
  const account = '123456789012';
  t.aws = {
    region: awsRegion,
    ...(rand() < 0.4 ? { account } : {}),
    vpc: { cidr: pick(['10.20.0.0/16', '172.16.0.0/20', '10.30.0.0/24']), maxAzs: int(2, 3) },
    asn: pick([64512, 64600, 4200000001]),
    vpnGateway: pick(['vgw', 'tgw']),
    agents: Array.from({ length: int(1, 3) }, (_, i) => ({
      name: `agent_${i}`,
      image: `${account}.dkr.ecr.${awsRegion}.amazonaws.com/agent-${i}:${int(1, 9)}.0.0`,
      protocol: pick(['HTTP', 'MCP', 'A2A']),
      memory: { eventExpiryDays: int(7, 365), longTerm: pick(['none', 'self-managed']) },
      ...(rand() < 0.3 ? { idleTimeoutSeconds: int(60, 3600) } : {}),
    })),
  };
  t.link = { dnsFirewall: rand() < 0.7 };
  return t;
}
