/**
 * The topology diff: which fields of the resolved topology (defaults applied) differ between
 * two sides, as field paths. List elements are named by identity (`serving[francecentral]`,
 * `models[gpt-5-6-terra]`, `agents[support_agent]`), so adding a region at the front does not make
 * every other region "change". A field can be applied alone to the *before* topology, which is
 * how resource changes are attributed to the field that causes them (./attribute.ts).
 */
import type { TopologyFieldChange } from './model';
import { canonical, equal } from './values';

type Json = Record<string, unknown>;
const isPlain = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One path step: an object key, or a list element by identity. */
type Step = { readonly key: string } | { readonly id: string };

/** One changed field with what it takes to apply it alone. */
export interface TopologyField extends TopologyFieldChange {
  readonly steps: readonly Step[];
  readonly before: unknown;
  readonly after: unknown;
  /** Added list elements: position in the after list. */
  readonly index?: number;
}

/** Identity of a list element: its `name`, its `region` (and `stamp`), or rule + resource. */
export function identityOf(v: unknown): string | undefined {
  if (!isPlain(v)) return undefined;
  if (typeof v.region === 'string') return typeof v.stamp === 'string' ? `${v.region}-${v.stamp}` : v.region;
  if (typeof v.name === 'string') return v.name;
  if (typeof v.rule === 'string' && typeof v.resource === 'string') return `${v.rule} ${v.resource}`;
  return undefined;
}

function keyed(list: unknown[]): Map<string, unknown> | undefined {
  const m = new Map<string, unknown>();
  for (const v of list) {
    const id = identityOf(v);
    if (id === undefined || m.has(id)) return undefined;
    m.set(id, v);
  }
  return m;
}

const render = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));

export function pathOf(steps: readonly Step[]): string {
  return steps.map((s, i) => ('id' in s ? `[${s.id}]` : `${i === 0 ? '' : '.'}${s.key}`)).join('');
}

function walk(a: unknown, b: unknown, steps: Step[], out: TopologyField[]): void {
  if (equal(a, b)) return;
  if (isPlain(a) && isPlain(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(a[k], b[k], [...steps, { key: k }], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const ka = keyed(a);
    const kb = keyed(b);
    if (ka && kb) {
      for (const [id, v] of ka) if (!kb.has(id)) out.push(field([...steps, { id }], v, undefined));
      for (const [id, v] of ka) if (kb.has(id)) walk(v, kb.get(id), [...steps, { id }], out);
      b.forEach((v, index) => {
        const id = identityOf(v)!;
        if (!ka.has(id)) out.push({ ...field([...steps, { id }], undefined, v), index });
      });
      return;
    }
  }
  out.push(field(steps, a, b));
}

function field(steps: readonly Step[], before: unknown, after: unknown): TopologyField {
  return { path: pathOf(steps), steps, before, after, ...(before !== undefined ? { old: render(before) } : {}), ...(after !== undefined ? { new: render(after) } : {}) };
}

/** Changed fields between two resolved topologies, in a stable order (by path, keys sorted). */
export function diffTopology(before: unknown, after: unknown): TopologyField[] {
  const out: TopologyField[] = [];
  walk(before, after, [], out);
  return out;
}

/** `before` with only `f` changed (a deep copy; `before` is not modified). */
export function applyField(before: unknown, f: TopologyField): unknown {
  const root = JSON.parse(JSON.stringify(before)) as Json;
  if (f.steps.length === 0) return JSON.parse(JSON.stringify(f.after ?? null));
  let parent: unknown = root;
  for (const step of f.steps.slice(0, -1)) {
    parent = 'id' in step ? (parent as unknown[]).find((v) => identityOf(v) === step.id) : (parent as Json)[step.key];
    if (parent === undefined) throw new Error(`topology path ${f.path} does not exist in the before topology`);
  }
  const last = f.steps[f.steps.length - 1];
  const value = f.after === undefined ? undefined : JSON.parse(canonical(f.after));
  if ('id' in last) {
    const list = parent as unknown[];
    const at = list.findIndex((v) => identityOf(v) === last.id);
    if (at >= 0) {
      if (value === undefined) list.splice(at, 1);
      else list[at] = value;
    } else if (value !== undefined) {
      list.splice(Math.min(f.index ?? list.length, list.length), 0, value);
    }
  } else if (value === undefined) {
    delete (parent as Json)[last.key];
  } else {
    (parent as Json)[last.key] = value;
  }
  return root;
}
