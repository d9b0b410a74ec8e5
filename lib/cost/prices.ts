/**
 * The price table (prices.json, USD list prices with their sources and the date checked) and
 * `--prices FILE` overrides: negotiated rates, other currencies, regions the table lacks.
 *
 * An override file is JSON or YAML:
 *
 *   currency: EUR                       # optional; default the table's (USD)
 *   prices:
 *     azure/vm/Standard_D4ds_v5:
 *       regions: { swedencentral: 0.19 }  # merged over the table's regions; "*" = every region
 *       source: EA price sheet 2026-11    # optional, shown in the report's origin
 *
 * Every problem in the file is reported at once (field path, bad value, what is allowed).
 */
import * as path from 'path';
import { readDocument } from '../io/document';
import { MiB } from '../io/text';
import type { z } from 'zod';
import { closest } from '../topology/suggest';
import { formatProblems, Problem, UserInputError } from '../topology/problems';
import TABLE from './prices.json';

/** Units charged by time: they make the monthly floor. Anything else is a usage unit. */
export const HOURLY = 'hour';
export const MONTHLY = 'month';

export interface PriceEntry {
  readonly description: string;
  /** `hour`, `month`, or a usage unit (`GB`, `1M input tokens`, `rotation`, ...). */
  readonly unit: string;
  /** What one unit is of (`gateway`, `key`), for fixed charges. */
  readonly per?: string;
  /** Region -> price; `*` applies to every region not listed. */
  readonly regions: Readonly<Record<string, number>>;
  /** ISO 4217 code; default the table's. */
  readonly currency?: string;
  readonly source: string;
  readonly checked?: string;
  readonly basis?: string;
  /** Why the number may be off (not read from the provider's price list). */
  readonly estimate?: string;
  /** How scripts/refresh-prices.ts reads it from the providers' price APIs. */
  readonly query?: unknown;
}

export interface PriceTable {
  readonly currency: string;
  readonly hoursPerMonth: number;
  readonly checked: string;
  readonly prices: Readonly<Record<string, PriceEntry>>;
  /** The files the prices came from, for the report. */
  readonly origin: readonly string[];
}

export const BUILTIN_PRICES_FILE = 'lib/cost/prices.json';

/** The table shipped in the repository. */
export function builtinPrices(): PriceTable {
  const t = TABLE as unknown as Omit<PriceTable, 'origin'>;
  return { currency: t.currency, hoursPerMonth: t.hoursPerMonth, checked: t.checked, prices: t.prices, origin: [BUILTIN_PRICES_FILE] };
}

export type PriceLookup =
  | { readonly ok: true; readonly price: number; readonly entry: PriceEntry }
  | { readonly ok: false; readonly reason: string };

/** The price of `key` in `region` in the table's currency, or why there is none. */
export function lookupPrice(table: PriceTable, key: string, region: string | undefined): PriceLookup {
  const entry = table.prices[key];
  if (!entry) return { ok: false, reason: `no price for ${key} in the table` };
  const price = region !== undefined && region in entry.regions ? entry.regions[region] : entry.regions['*'];
  if (price === undefined) {
    return { ok: false, reason: region === undefined ? `region unknown, and ${key} is priced per region` : `no price for ${key} in ${region}` };
  }
  const currency = entry.currency ?? table.currency;
  if (currency !== table.currency) return { ok: false, reason: `no ${table.currency} price for ${key} (the table has ${currency}; add it to the --prices file)` };
  return { ok: true, price, entry };
}

const REGION = /^(\*|[a-z][a-z0-9-]*)$/;

/**
 * The schema of a `--prices` file, built on first use: `stateline cost` and the synth and diff
 * cost lines without a price file never load zod.
 */
function overrideFileSchema() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { z } = require('zod') as typeof import('zod');
  const CURRENCY = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD or EUR');
  const AMOUNT = z.number({ error: 'a price: a number >= 0 in the file\'s currency' }).finite().nonnegative({ error: 'a price: a number >= 0 in the file\'s currency' });
  const REGIONS = z.record(z.string(), AMOUNT).superRefine((r, ctx) => {
    if (Object.keys(r).length === 0) ctx.addIssue({ code: 'custom', message: 'at least one region price' });
    for (const k of Object.keys(r)) {
      if (!REGION.test(k)) ctx.addIssue({ code: 'custom', path: [k], message: 'not a region name: use the API name such as westeurope or eu-central-1, or "*" for every region' });
    }
  });
  const OVERRIDE_ENTRY = z.object({
    regions: REGIONS,
    unit: z.string().optional(),
    source: z.string().optional(),
    description: z.string().optional(),
    checked: z.string().optional(),
    basis: z.string().optional(),
  }).strict();
  const OVERRIDE_FILE = z.object({
    currency: CURRENCY.optional(),
    checked: z.string().optional(),
    $comment: z.string().optional(),
    prices: z.record(z.string(), OVERRIDE_ENTRY),
  }).strict();
  return OVERRIDE_FILE;
}

type OverrideFile = z.infer<ReturnType<typeof overrideFileSchema>>;

/**
 * A price file is a few KB (every key of the table with a price per region: ~60 KB); past this a
 * file is not one.
 */
export const MAX_PRICES_BYTES = 4 * MiB;

/** The override file's content, through the same guards as every user input (size, UTF-8, nesting, aliases). */
function readOverrideFile(file: string): unknown {
  const r = readDocument(file, /\.ya?ml$/i.test(file) ? 'yaml' : 'json', MAX_PRICES_BYTES, 'a price file');
  if ('problem' in r) throw new UserInputError(`--prices ${file}: ${r.problem}`);
  return r.value;
}

function zodProblems(error: z.ZodError, raw: unknown): Problem[] {
  return error.issues.map((i) => {
    const p = i.path.map((s) => (typeof s === 'number' ? s : String(s)));
    let value: unknown = raw;
    for (const seg of p) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[seg] : undefined;
    const where = p.length ? p.map((s, n) => (typeof s === 'number' ? `[${s}]` : n === 0 ? s : `.${s}`)).join('') : '(root)';
    if (i.code === 'unrecognized_keys') {
      return { path: where, value: i.keys, message: `unknown field(s) ${i.keys.join(', ')}: allowed are currency, checked, prices and, per price, regions, unit, source, description, checked, basis` };
    }
    return { path: where, value, message: i.message };
  });
}

/** Checks an override against the table: known keys, matching units. */
function tableProblems(table: PriceTable, o: OverrideFile): Problem[] {
  const keys = Object.keys(table.prices);
  const problems: Problem[] = [];
  for (const [key, entry] of Object.entries(o.prices)) {
    const known = table.prices[key];
    if (!known) {
      const hint = closest(key, keys);
      problems.push({ path: `prices.${key}`, value: key, message: `unknown price key${hint ? ` (did you mean ${hint}?)` : ''}; keys are listed in ${BUILTIN_PRICES_FILE}` });
      continue;
    }
    if (entry.unit !== undefined && entry.unit !== known.unit) {
      problems.push({ path: `prices.${key}.unit`, value: entry.unit, message: `must be "${known.unit}" (the table's unit for this key): convert the price instead` });
    }
  }
  return problems;
}

/**
 * The table with a `--prices` file applied. An entry's regions are merged over the table's; a
 * `*` price (or a different currency) replaces the table's regions for that key. Throws
 * `UserInputError` (exit 2) with every problem in the file.
 */
export function withOverrides(table: PriceTable, file: string): PriceTable {
  const raw = readOverrideFile(file);
  const parsed = overrideFileSchema().safeParse(raw);
  const problems = parsed.success ? tableProblems(table, parsed.data) : zodProblems(parsed.error, raw);
  if (!parsed.success || problems.length) {
    throw new UserInputError(`--prices ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${formatProblems(problems)}`, problems);
  }
  const o = parsed.data;
  const currency = o.currency ?? table.currency;
  // Entries the file does not name keep the table's currency, so a EUR file never prices them as EUR.
  const prices: Record<string, PriceEntry> = {};
  for (const [key, entry] of Object.entries(table.prices)) prices[key] = entry.currency ? entry : { ...entry, currency: table.currency };
  for (const [key, entry] of Object.entries(o.prices)) {
    const base = table.prices[key];
    const replace = '*' in entry.regions || currency !== (base.currency ?? table.currency);
    prices[key] = {
      ...base,
      regions: replace ? entry.regions : { ...base.regions, ...entry.regions },
      currency,
      source: entry.source ?? `override file ${path.basename(file)}`,
      checked: entry.checked ?? o.checked ?? base.checked,
      basis: entry.basis ?? 'override',
      estimate: undefined,
      ...(entry.description ? { description: entry.description } : {}),
    };
  }
  const n = Object.keys(o.prices).length;
  return { ...table, currency, prices, origin: [...table.origin, `${file} (${n} override${n === 1 ? '' : 's'}${currency !== table.currency ? `, ${currency}` : ''})`] };
}
