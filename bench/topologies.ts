/**
 * Generated topologies of growing size for benchmarks: N serving regions (as stamps across
 * the known Azure regions), 1-8 agents, every address range distinct.
 */
import { AZURE_REGIONS, AZURE_REGIONS_WITHOUT_ZONES } from '../lib/topology/regions';
import { DEFAULT_TOPOLOGY } from '../lib/topology/default';

export function generateTopology(servingRegions: number, agents: number): Record<string, unknown> {
  const t = JSON.parse(JSON.stringify(DEFAULT_TOPOLOGY));
  const regions = Object.keys(AZURE_REGIONS).filter((r) => !AZURE_REGIONS_WITHOUT_ZONES.includes(r));
  t.azure.hub.addressSpace = '10.0.0.0/24';
  t.aws.vpc.cidr = '172.16.0.0/16';
  t.azure.serving = Array.from({ length: servingRegions }, (_, i) => {
    const region = regions[i % regions.length];
    const stamp = i >= regions.length ? `s${Math.floor(i / regions.length)}` : undefined;
    // /22 per region from 10.4.0.0 upwards: 64 regions fit in 10.4.0.0-10.7.255.255.
    const third = (i * 4) % 256;
    const second = 4 + Math.floor((i * 4) / 256);
    return {
      region,
      ...(stamp ? { stamp } : {}),
      addressSpace: `10.${second}.${third}.0/22`,
      models: [
        { name: 'gpt-5-6-terra', model: 'gpt-5.6-terra', version: '2026-07-09', capacity: 10 + i },
        { name: 'text-embedding-3-large', model: 'text-embedding-3-large', version: '1', sku: 'Standard', capacity: 50 },
      ],
      clusters: i % 4 === 0 ? [{ name: 'llm', gpuPools: [{ name: 'a100', vmSize: 'Standard_NC24ads_A100_v4', minCount: 0, maxCount: 2 }] }] : [],
    };
  });
  // Every agent uses the default's tools (a topology may not declare a tool no agent uses): one gateway per agent.
  const tools = ((t.aws.tools ?? []) as { name: string }[]).map((x) => x.name);
  t.aws.agents = Array.from({ length: agents }, (_, i) => ({
    name: `agent_${i + 1}`,
    image: `123456789012.dkr.ecr.eu-central-1.amazonaws.com/agent-${i + 1}:1.0.0`,
    protocol: 'HTTP',
    memory: { eventExpiryDays: 30 },
    ...(tools.length ? { tools } : {}),
  }));
  return t;
}
