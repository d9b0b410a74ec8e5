/**
 * Deep property comparison for diffs: objects by key, lists element by element (as a multiset
 * where the provider treats the list as a set, else by longest common subsequence), scalars by
 * value. Produces raw changes (for the security classifier) and rendered ones (for reports),
 * with secrets masked. Values are never cut: renderers window long values around the change.
 */
import type { ElementChange, PropertyChange } from './model';

const SECRET_NAME = /(password|passwd|secret|shared_?key|pre_?shared|preshared|psk|private_?key|api_?key|token|connection_?string|sas)/i;
/** A value that only references a secret (variable, dynamic reference, intrinsic) is safe to show. */
const REFERENCE = /^\$\{|\{\{resolve:/;

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Replaces literal secret values (by key name) anywhere inside `value`. */
export function maskSecrets(value: unknown, name = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, name));
  if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  if (SECRET_NAME.test(name) && (typeof value === 'number' || (typeof value === 'string' && !REFERENCE.test(value)))) return '****';
  return value;
}

/** JSON of a value with secrets masked; `undefined` stays undefined. */
export function render(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  return JSON.stringify(maskSecrets(value, name));
}

/** JSON with sorted keys: equal values give equal keys whatever their key order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isPlain(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => equal(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export interface RawElement {
  readonly value: unknown;
  /** Position in the old list (removed, moved) or the new list (added). */
  readonly index: number;
  /** Moved elements: position in the new list. */
  readonly to?: number;
}

/** One change before rendering: raw values, for the security classifier. */
export interface RawChange {
  readonly path: string;
  readonly old?: unknown;
  readonly new?: unknown;
  /** Present for list changes reported element by element. */
  readonly list?: { readonly set: boolean; readonly added: readonly RawElement[]; readonly removed: readonly RawElement[]; readonly moved: readonly RawElement[] };
  readonly replaces: boolean;
}

export interface DiffContext {
  /** This property change forces replacement. */
  readonly replaces: (path: string) => boolean;
  /** The provider treats the list at this path as a set. */
  readonly isSet: (path: string) => boolean;
}

/** Most raw changes one resource reports (a runaway diff of a huge document stays bounded). */
const MAX_CHANGES = 400;

/** Pairs removed and added objects that keep at least half their keys' values: their differences recurse. */
function pairSimilar(removed: RawElement[], added: RawElement[]): Array<[RawElement, RawElement]> {
  const pairs: Array<[RawElement, RawElement]> = [];
  for (const r of [...removed]) {
    if (!isPlain(r.value)) continue;
    const ro = r.value;
    let best: { a: RawElement; score: number } | undefined;
    for (const a of added) {
      if (!isPlain(a.value)) continue;
      const ao = a.value;
      const keys = new Set([...Object.keys(ro), ...Object.keys(ao)]);
      const same = [...keys].filter((k) => equal(ro[k], ao[k])).length;
      const score = same / keys.size;
      if (score >= 0.5 && (!best || score > best.score)) best = { a, score };
    }
    if (best) {
      pairs.push([r, best.a]);
      removed.splice(removed.indexOf(r), 1);
      added.splice(added.indexOf(best.a), 1);
    }
  }
  return pairs;
}

/** Longest common subsequence of two key lists: the indexes kept on each side. */
function lcs(a: readonly string[], b: readonly string[]): { keptA: Set<number>; keptB: Set<number> } {
  const n = a.length;
  const m = b.length;
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  const keptA = new Set<number>();
  const keptB = new Set<number>();
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i] === b[j]) { keptA.add(i++); keptB.add(j++); } else if (t[i + 1][j] >= t[i][j + 1]) i++; else j++;
  }
  return { keptA, keptB };
}

/** Elements of `values` (keys `keys`) left over after matching each against `others` once: a multiset difference. */
function unmatched(values: unknown[], keys: readonly string[], others: readonly string[]): RawElement[] {
  const pool = new Map<string, number>();
  others.forEach((k) => pool.set(k, (pool.get(k) ?? 0) + 1));
  const out: RawElement[] = [];
  keys.forEach((k, i) => {
    const left = pool.get(k) ?? 0;
    if (left > 0) pool.set(k, left - 1);
    else out.push({ value: values[i], index: i });
  });
  return out;
}

function diffLists(oldV: unknown[], newV: unknown[], path: string, ctx: DiffContext, out: RawChange[]): void {
  const set = ctx.isSet(path);
  if (!set && oldV.length === newV.length && oldV.every(isPlain) && newV.every(isPlain)) {
    oldV.forEach((v, i) => deepRawChanges(v, newV[i], `${path}[${i}]`, ctx, out));
    return;
  }
  const oldKeys = oldV.map(canonical);
  const newKeys = newV.map(canonical);
  let removed: RawElement[];
  let added: RawElement[];
  let moved: RawElement[] = [];
  if (set) {
    removed = unmatched(oldV, oldKeys, newKeys);
    added = unmatched(newV, newKeys, oldKeys);
  } else {
    const { keptA, keptB } = lcs(oldKeys, newKeys);
    removed = oldV.map((value, index) => ({ value, index })).filter((e) => !keptA.has(e.index));
    added = newV.map((value, index) => ({ value, index })).filter((e) => !keptB.has(e.index));
    // An element that left one place and arrived at another moved.
    moved = [];
    for (const r of [...removed]) {
      const a = added.find((x) => newKeys[x.index] === oldKeys[r.index]);
      if (!a) continue;
      moved.push({ value: r.value, index: r.index, to: a.index });
      removed.splice(removed.indexOf(r), 1);
      added.splice(added.indexOf(a), 1);
    }
  }
  for (const [r, a] of pairSimilar(removed, added)) deepRawChanges(r.value, a.value, `${path}[${a.index}]`, ctx, out);
  if (removed.length || added.length || moved.length) {
    out.push({ path, list: { set, added, removed, moved }, replaces: ctx.replaces(path) });
  }
}

/** Raw changes between two values at `path` (empty when equal). */
export function deepRawChanges(oldV: unknown, newV: unknown, path: string, ctx: DiffContext, out: RawChange[] = []): RawChange[] {
  if (equal(oldV, newV) || out.length >= MAX_CHANGES) return out;
  if (isPlain(oldV) && isPlain(newV)) {
    for (const k of [...new Set([...Object.keys(oldV), ...Object.keys(newV)])].sort()) {
      deepRawChanges(oldV[k], newV[k], path ? `${path}.${k}` : k, ctx, out);
    }
    return out;
  }
  if (Array.isArray(oldV) && Array.isArray(newV)) {
    diffLists(oldV, newV, path, ctx, out);
    return out;
  }
  out.push({ path, old: oldV, new: newV, replaces: ctx.replaces(path) });
  return out;
}

const leafName = (path: string) => path.split(/[.[\]]/).filter(Boolean).pop() ?? path;

/** Stable element order: removals, additions, moves; sets by value, lists by position. */
function elementsOf(c: RawChange): ElementChange[] {
  const name = leafName(c.path);
  const l = c.list!;
  const one = (op: ElementChange['op'], e: RawElement): ElementChange => (op === 'move'
    ? { op, value: render(e.value, name)!, from: e.index, to: e.to! }
    : { op, value: render(e.value, name)!, ...(l.set ? {} : { index: e.index }) });
  const order = (xs: ElementChange[]) => (l.set ? xs.sort((a, b) => a.value.localeCompare(b.value)) : xs);
  return [
    ...order(l.removed.map((e) => one('remove', e))),
    ...order(l.added.map((e) => one('add', e))),
    ...l.moved.map((e) => one('move', e)),
  ];
}

export function renderChange(c: RawChange): PropertyChange {
  if (c.list) return { path: c.path, elements: elementsOf(c), ...(c.list.set ? { set: true } : {}), replaces: c.replaces };
  const name = leafName(c.path);
  return { path: c.path, old: render(c.old, name), new: render(c.new, name), replaces: c.replaces };
}

/**
 * Rendered leaf-level changes between two values (objects by key, lists element by element).
 * `isReplacing` is kept as the simple form for callers without list semantics.
 */
export function deepChanges(oldV: unknown, newV: unknown, path: string, ctx: DiffContext | ((path: string) => boolean)): PropertyChange[] {
  const context: DiffContext = typeof ctx === 'function' ? { replaces: ctx, isSet: () => false } : ctx;
  return deepRawChanges(oldV, newV, path, context).map(renderChange);
}

/**
 * A display window over a long old/new pair that always shows where they differ: the common
 * prefix and suffix are elided, the differing middle is kept (up to `width` characters each).
 */
export function windowPair(oldS: string | undefined, newS: string | undefined, width = 120): [string | undefined, string | undefined] {
  if (oldS === undefined || newS === undefined || (oldS.length <= width && newS.length <= width)) {
    const cut = (s: string | undefined) => (s !== undefined && s.length > width * 2 ? `${s.slice(0, width * 2 - 1)}…` : s);
    return [cut(oldS), cut(newS)];
  }
  let p = 0;
  while (p < oldS.length && p < newS.length && oldS[p] === newS[p]) p++;
  let s = 0;
  while (s < oldS.length - p && s < newS.length - p && oldS[oldS.length - 1 - s] === newS[newS.length - 1 - s]) s++;
  const lead = Math.max(0, p - 24);
  const show = (x: string) => {
    const end = x.length - s;
    const mid = x.slice(lead, Math.min(end + 24, x.length));
    const body = mid.length > width ? `${mid.slice(0, width - 1)}…` : mid;
    return `${lead > 0 ? '…' : ''}${body}${end + 24 < x.length && mid.length <= width ? '…' : ''}`;
  };
  return [show(oldS), show(newS)];
}
