/** Helpers shared by the security kinds. */
import type { RawChange } from '../values';

/** The value at a dotted path with `[i]` indexes, e.g. `PolicyDocument.Statement[2].Effect`. */
export function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split(/\.|(?=\[)/).filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const idx = /^\[(\d+)\]$/.exec(part);
    cur = idx ? (cur as unknown[])[Number(idx[1])] : (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The last name in a path: `a.b[2].c` -> `c`; `a.b[2]` -> `b`. */
export const leaf = (path: string) => path.split(/[.[\]]/).filter((s) => s && !/^\d+$/.test(s)).pop() ?? path;

/** Paths that never change behaviour: tags, descriptions, names shown to humans. */
const COSMETIC = /^(Tags|tags|Description|description|display_name|DisplayName)$/;
export const isCosmetic = (c: RawChange) => COSMETIC.test(c.path.split(/[.[]/)[0]);

export const short = (v: unknown) => {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 100 ? `${s.slice(0, 99)}…` : s;
};

/** A reference to a resource that is only re-created keeps its identity: `X` vs `X (replaced)`. */
export const sameReference = (a: unknown, b: unknown) => JSON.stringify(a)?.replace(/ \(replaced\)/g, '') === JSON.stringify(b)?.replace(/ \(replaced\)/g, '');
