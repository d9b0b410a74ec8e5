import { servingCatalogParts } from '../../lib/aws/agent-runtime';
import { AZURE_REGIONS, AZURE_REGIONS_WITHOUT_ZONES } from '../../lib/topology/regions';
import { deriveFrom, rawDefault, withServingRegions } from '../helpers';

test('the serving catalog splits into environment values of at most 2048 characters and loses nothing', () => {
  const regions = Object.keys(AZURE_REGIONS).filter((r) => !AZURE_REGIONS_WITHOUT_ZONES.includes(r) && r !== 'swedencentral' && r !== 'francecentral').slice(0, 30);
  const d = deriveFrom(withServingRegions(rawDefault(), regions));
  const parts = servingCatalogParts(d.serving);
  expect(parts.length).toBeGreaterThan(1);
  for (const p of parts) expect(p.length).toBeLessThanOrEqual(2048);
  const all = parts.flatMap((p) => JSON.parse(p) as { region: string; deployments: string[] }[]);
  expect(all.map((x) => x.region)).toEqual(d.serving.map((s) => s.region));
  expect(all[0]).toEqual({
    stamp: 'swedencentral', region: 'swedencentral', openAiEndpoint: 'https://stateline-sdc-ai.openai.azure.com/', cognitiveEndpoint: 'https://stateline-sdc-ai.cognitiveservices.azure.com/',
    deployments: ['gpt-5-6-terra', 'text-embedding-3-large'], modelServers: [{ cluster: 'llm', address: '10.101.1.36' }],
  });
  // The default topology keeps one value.
  expect(servingCatalogParts(deriveFrom(rawDefault()).serving)).toHaveLength(1);
});

test('a stamp that only runs a cluster lists its model server, and no AI Services endpoint that does not exist', () => {
  const t = rawDefault();
  t.azure.serving[0].models = [];
  const [first] = JSON.parse(servingCatalogParts(deriveFrom(t).serving)[0]);
  expect(first).toEqual({ stamp: 'swedencentral', region: 'swedencentral', modelServers: [{ cluster: 'llm', address: '10.101.1.36' }] });
});
