/**
 * The refresh script's pure parts on recorded shapes of the two price APIs (the script itself
 * needs the network and is never run by the tests).
 */
import { awsPrices, azureFilter, azureItemMatches, azurePriceIn, unitScale } from '../../scripts/refresh-prices';
import { builtinPrices } from '../../lib/cost';

describe('refresh-prices', () => {
  test('Azure filter: exact fields in OData, the region per call, quotes escaped', () => {
    expect(azureFilter({ serviceName: 'VPN Gateway', meterName: 'VpnGw2AZ' }, 'swedencentral')).toBe("serviceName eq 'VPN Gateway' and meterName eq 'VpnGw2AZ' and type eq 'Consumption' and armRegionName eq 'swedencentral'");
    expect(azureFilter({ productName: "O'Brien" }, 'x')).toContain("productName eq 'O''Brien'");
  });

  test('Azure items: first tier only, contains/exclude applied; token prices converted from per-1K to per-1M', () => {
    const item = { retailPrice: 0.0022, unitOfMeasure: '1K', type: 'Consumption', tierMinimumUnits: 0, meterName: 'gpt 4.1 Inp DZone', productName: 'Azure OpenAI', skuName: 'gpt 4.1 Inp DZone' };
    const q = { meterNameContains: 'gpt 4.1 Inp DZone', excludeMeterNameContains: ['cached'] };
    expect(azureItemMatches(q, item)).toBe(true);
    expect(azureItemMatches(q, { ...item, meterName: 'gpt 4.1 cached Inp DZone' })).toBe(false);
    expect(azureItemMatches(q, { ...item, tierMinimumUnits: 1000000 })).toBe(false);
    expect(azurePriceIn('1M input tokens', item)).toBeCloseTo(2.2, 9);
    expect(azurePriceIn('hour', { ...item, retailPrice: 0.54, unitOfMeasure: '1 Hour' })).toBe(0.54);
    expect([unitScale('10K operations'), unitScale('1/Month'), unitScale('100 tools-month'), unitScale('GB')]).toEqual([10000, 1, 100, 1]);
  });

  test('AWS offer: attributes and usage type select products; first-tier OnDemand USD times the scale', () => {
    const offer = {
      products: {
        A: { attributes: { usagetype: 'EUC1-KMS-Requests', operation: 'x' } },
        B: { attributes: { usagetype: 'EUC1-KMS-Keys' } },
      },
      terms: { OnDemand: {
        A: { 'A.T': { priceDimensions: { d0: { beginRange: '0', pricePerUnit: { USD: '0.0000030000' }, unit: 'Requests' }, d1: { beginRange: '1000000', pricePerUnit: { USD: '0.000001' }, unit: 'Requests' } } } },
        B: { 'B.T': { priceDimensions: { d: { beginRange: '0', pricePerUnit: { USD: '1.0000000000' }, unit: 'Keys' } } } },
      } },
    };
    expect(awsPrices(offer, { offer: 'awskms', usagetypeSuffix: 'KMS-Requests', scale: 10000 })).toEqual([0.03]);
    expect(awsPrices(offer, { offer: 'awskms', usagetypeSuffix: 'KMS-Keys' })).toEqual([1]);
    expect(awsPrices(offer, { offer: 'awskms', attributes: { operation: 'y' } })).toEqual([]);
  });

  test('every entry is refreshable or says why not', () => {
    for (const [key, e] of Object.entries(builtinPrices().prices)) {
      const q = e.query as { azure?: unknown; aws?: { offer: string } } | undefined;
      if (q) expect({ key, ok: !!q.azure !== !!q.aws }).toEqual({ key, ok: true });
      else expect({ key, estimate: /not in the public Price List/.test(e.estimate ?? '') }).toEqual({ key, estimate: true });
    }
  });
});
