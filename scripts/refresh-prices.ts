/**
 * Refreshes lib/cost/prices.json from the providers' public price lists. Run it where they are
 * reachable (no credentials needed); it is never run by the tests:
 *
 *   npx tsx scripts/refresh-prices.ts                # every entry with a `query`, every listed region
 *   npx tsx scripts/refresh-prices.ts --only azure/vm --dry-run
 *
 * - Azure: the Retail Prices API (https://prices.azure.com/api/retail/prices), filtered by the
 *   entry's `query.azure` (serviceName, productName, skuName, meterName, armSkuName; `*Contains`
 *   and `exclude*` fields are applied to the returned items) and `armRegionName` per region
 *   (`*` entries read `query.azure.armRegionName`, default `eastus`). Consumption items of the
 *   first tier only; the price is converted from the item's `unitOfMeasure` to the entry's unit.
 * - AWS: the Price List bulk offer files
 *   (https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<offer>/current/<region>/index.json;
 *   `*` entries read us-east-1), products whose attributes equal `query.aws.attributes` and whose
 *   usagetype ends with `query.aws.usagetypeSuffix`, the OnDemand dimension starting at 0, times
 *   `query.aws.scale` (e.g. 10000 for a per-request price quoted per 10K requests).
 *
 * An entry is updated only when every listed region yields exactly one price; then its `checked`
 * date and `basis` are rewritten and its `estimate` note removed. Entries without a `query`
 * (AgentCore: not in the bulk offer files) and entries whose query matches nothing or several
 * prices are listed for a human to fix. Review the diff before committing it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeIfChanged } from './write-if-changed';

const TABLE_FILE = path.join(__dirname, '..', 'lib', 'cost', 'prices.json');
const AZURE_API = 'https://prices.azure.com/api/retail/prices';
const AWS_OFFERS = 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws';

export interface AzureQuery {
  serviceName?: string; productName?: string; skuName?: string; meterName?: string; armSkuName?: string; type?: string; armRegionName?: string;
  meterNameContains?: string; skuNameContains?: string; excludeMeterNameContains?: string[]; excludeProductNameContains?: string[];
}
export interface AwsQuery { offer: string; attributes?: Record<string, string>; usagetypeSuffix?: string; scale?: number }
interface Entry { unit: string; regions: Record<string, number>; query?: { azure?: AzureQuery; aws?: AwsQuery }; checked?: string; basis?: string; estimate?: string }
interface Table { checked: string; prices: Record<string, Entry> }

export interface AzureItem { retailPrice: number; unitOfMeasure: string; type: string; tierMinimumUnits: number; meterName: string; productName: string; skuName: string }

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The OData `$filter` of an Azure query for one region (exact fields only; the rest is filtered client-side). */
export function azureFilter(q: AzureQuery, region: string): string {
  const exact: Array<[string, string | undefined]> = [
    ['serviceName', q.serviceName], ['productName', q.productName], ['skuName', q.skuName], ['meterName', q.meterName],
    ['armSkuName', q.armSkuName], ['type', q.type ?? 'Consumption'], ['armRegionName', region],
  ];
  return exact.filter(([, v]) => v !== undefined).map(([k, v]) => `${k} eq ${quote(v as string)}`).join(' and ');
}

/** The client-side part of a query. */
export function azureItemMatches(q: AzureQuery, item: AzureItem): boolean {
  if ((item.tierMinimumUnits ?? 0) !== 0) return false;
  if (q.meterNameContains && !item.meterName.includes(q.meterNameContains)) return false;
  if (q.skuNameContains && !item.skuName.includes(q.skuNameContains)) return false;
  if (q.excludeMeterNameContains?.some((x) => item.meterName.includes(x))) return false;
  if (q.excludeProductNameContains?.some((x) => item.productName.includes(x))) return false;
  return true;
}

/** How many base units a unit string counts: `1 Hour` 1, `10K` 10000, `1M input tokens` 1e6, `100 tools-month` 100, `GB` 1. */
export function unitScale(unit: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KM])?\b/i.exec(unit.trim());
  if (!m) return 1;
  const mult = m[2]?.toUpperCase() === 'K' ? 1e3 : m[2]?.toUpperCase() === 'M' ? 1e6 : 1;
  return Number(m[1]) * mult;
}

/** An Azure item's price in the entry's unit (`1K` tokens -> `1M input tokens`: x1000). */
export const azurePriceIn = (entryUnit: string, item: AzureItem) => item.retailPrice * (unitScale(entryUnit) / unitScale(item.unitOfMeasure));

interface AwsOffer {
  products: Record<string, { productFamily?: string; attributes: Record<string, string> }>;
  terms: { OnDemand?: Record<string, Record<string, { priceDimensions: Record<string, { beginRange: string; pricePerUnit: Record<string, string>; unit: string }> }>> };
}

/** The distinct first-tier OnDemand USD prices of the products an AWS query selects (times its scale). */
export function awsPrices(offer: AwsOffer, q: AwsQuery): number[] {
  const prices = new Set<number>();
  for (const [sku, p] of Object.entries(offer.products)) {
    if (q.usagetypeSuffix && !(p.attributes.usagetype ?? '').endsWith(q.usagetypeSuffix)) continue;
    if (q.attributes && Object.entries(q.attributes).some(([k, v]) => p.attributes[k] !== v)) continue;
    for (const term of Object.values(offer.terms.OnDemand?.[sku] ?? {})) {
      for (const d of Object.values(term.priceDimensions)) {
        if (d.beginRange !== '0' || d.pricePerUnit.USD === undefined) continue;
        prices.add(Math.round(Number(d.pricePerUnit.USD) * (q.scale ?? 1) * 1e9) / 1e9);
      }
    }
  }
  return [...prices];
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

async function azurePrice(entry: Entry, q: AzureQuery, region: string): Promise<number[]> {
  let url: string | undefined = `${AZURE_API}?$filter=${encodeURIComponent(azureFilter(q, region === '*' ? q.armRegionName ?? 'eastus' : region))}`;
  const prices = new Set<number>();
  while (url) {
    const page = (await getJson(url)) as { Items: AzureItem[]; NextPageLink?: string | null };
    for (const item of page.Items) if (azureItemMatches(q, item)) prices.add(Math.round(azurePriceIn(entry.unit, item) * 1e9) / 1e9);
    url = page.NextPageLink ?? undefined;
  }
  return [...prices];
}

const offerCache = new Map<string, Promise<AwsOffer>>();
function awsOffer(offer: string, region: string): Promise<AwsOffer> {
  const url = `${AWS_OFFERS}/${offer}/current/${region}/index.json`;
  let p = offerCache.get(url);
  if (!p) offerCache.set(url, (p = getJson(url) as Promise<AwsOffer>));
  return p;
}

async function refreshEntry(key: string, entry: Entry, date: string): Promise<{ key: string; status: string; entry?: Entry }> {
  const q = entry.query;
  if (!q?.azure && !q?.aws) return { key, status: 'manual (no query): update it by hand' };
  const regions: Record<string, number> = {};
  for (const region of Object.keys(entry.regions)) {
    const found = q.azure ? await azurePrice(entry, q.azure, region) : await awsOffer(q.aws!.offer, region === '*' ? 'us-east-1' : region).then((o) => awsPrices(o, q.aws!));
    if (found.length !== 1) return { key, status: `not updated: ${region} matched ${found.length === 0 ? 'no price' : `${found.length} prices (${found.join(', ')})`}; fix the query` };
    regions[region] = found[0];
  }
  const basis = q.azure ? `Azure Retail Prices API (${azureFilter(q.azure, '<region>')})` : `AWS Price List bulk API (${q.aws!.offer}, ${q.aws!.usagetypeSuffix ?? 'all usage types'})`;
  const { estimate: _estimate, ...rest } = entry;
  const changed = Object.entries(regions).filter(([r, v]) => entry.regions[r] !== v).map(([r, v]) => `${r} ${entry.regions[r]} -> ${v}`);
  return { key, status: changed.length ? `updated: ${changed.join(', ')}` : 'unchanged', entry: { ...rest, regions, checked: date, basis } };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const date = args.includes('--date') ? args[args.indexOf('--date') + 1] : new Date().toISOString().slice(0, 10);
  const table = JSON.parse(fs.readFileSync(TABLE_FILE, 'utf8')) as Table;
  let failures = 0;
  for (const [key, entry] of Object.entries(table.prices)) {
    if (only && !key.startsWith(only)) continue;
    let r: Awaited<ReturnType<typeof refreshEntry>>;
    try {
      r = await refreshEntry(key, entry, date);
    } catch (e) {
      r = { key, status: `failed: ${(e as Error).message}` };
    }
    if (r.entry) table.prices[key] = r.entry as Entry;
    else failures++;
    process.stdout.write(`${key}: ${r.status}\n`);
  }
  table.checked = date;
  if (!args.includes('--dry-run')) writeIfChanged(TABLE_FILE, `${JSON.stringify(table, null, 1)}\n`);
  process.stdout.write(`${failures} entr${failures === 1 ? 'y' : 'ies'} need attention; review the diff of lib/cost/prices.json before committing.\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
}
