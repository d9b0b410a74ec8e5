/**
 * What schema validation reports: one problem per bad attribute, each of a kind that one
 * `schema/*` rule reports, with the attribute path inside the resource.
 */
import { closest, distance } from 'fastest-levenshtein';

export type ProblemKind =
  | 'unknown-type'
  | 'unknown-attribute'
  | 'read-only-attribute'
  | 'missing-required'
  | 'wrong-type'
  | 'invalid-value'
  | 'too-many-blocks';

export interface SchemaProblem {
  readonly kind: ProblemKind;
  /** Attribute path inside the resource (`ip_configuration[0].subnet_id`, `Tags[1].Key`); '' for the resource itself. */
  readonly path: string;
  readonly message: string;
}

/** `a.b` / `a[0]` path joins. */
export const join = (base: string, key: string): string => (base ? `${base}.${key}` : key);
export const index = (base: string, i: number): string => `${base}[${i}]`;

/**
 * `; did you mean "x"?` for a near miss among the allowed names (a few edits away, or the same
 * name shortened or extended: `Retention` -> `RetentionInDays`), else ''.
 */
export function suggestion(name: string, allowed: readonly string[]): string {
  if (allowed.length === 0) return '';
  const best = closest(name, allowed as string[]);
  const limit = Math.max(2, Math.floor(name.length / 3));
  if (distance(name.toLowerCase(), best.toLowerCase()) <= limit) return `; did you mean "${best}"?`;
  const lower = name.toLowerCase();
  const affix = allowed
    .filter((a) => Math.min(a.length, name.length) >= 2 && (a.toLowerCase().startsWith(lower) || lower.startsWith(a.toLowerCase())))
    .sort((a, b) => Math.abs(a.length - name.length) - Math.abs(b.length - name.length) || (a < b ? -1 : 1))[0];
  return affix ? `; did you mean "${affix}"?` : '';
}

/** A value shown in a message: short, JSON-quoted. */
export function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const KIND_OF: Record<string, string> = { s: 'a string', n: 'a number', i: 'an integer', b: 'a boolean', t: 'a date-time string', g: 'a tag ({ Key, Value })', j: 'any value' };

/** Human description of a type code (`[s` -> "a list of strings"). */
export function describe(type: string): string {
  if (type.includes('|')) return type.split('|').map(describe).join(' or ');
  if (type.startsWith('[')) return `a list of ${plural(type.slice(1))}`;
  if (type.startsWith('{')) return `a map of ${plural(type.slice(1))}`;
  if (type.startsWith('@')) return `an object (${type.slice(1)})`;
  return KIND_OF[type] ?? type;
}
const plural = (type: string) => describe(type).replace(/^an? /, '').replace(/^(\w+)/, '$1s').replace(/^(list|map)s of/, '$1s of');

/** What a JSON value is, for "got ..." in messages. */
export function typeOfValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return `${typeof v === 'string' ? 'the string' : typeof v === 'number' ? 'the number' : 'the boolean'} ${show(v)}`;
}
