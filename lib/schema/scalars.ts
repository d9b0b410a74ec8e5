/**
 * Scalar checks shared by both clouds. Both convert between primitive types the way their
 * languages do (Terraform: a number or a bool where a string is expected, `"5"` where a number is;
 * CloudFormation: template strings for numbers and booleans), so only values no conversion can
 * turn into the expected type are wrong. Tokens are never checked: they are not values yet.
 *
 * String constraints (CloudFormation registry `pattern`, `minLength`, `maxLength`) apply to
 * literal strings only; lengths count Unicode code points (JSON Schema's rule). A pattern is not
 * tried on a value ending in a line break (the registry's Java-style `$`/`\Z` would match before
 * it, JavaScript's does not: undecidable here, so not guessed) nor on a value longer than
 * `PATTERN_MAX_INPUT` (a registry pattern may backtrack badly; no real property value is that long).
 */
import { isToken } from '../policy/util/values';
import type { CompiledAttr, CompiledText } from './compiled';
import { describe, show, SchemaProblem, typeOfValue } from './problems';

const NUMERIC_RE = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Whether a scalar value converts to the scalar type code (`s`, `n`, `i`, `b`, `t`). */
export function convertsTo(v: unknown, type: string): boolean {
  switch (type) {
    case 's':
    case 't':
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    case 'n':
      return typeof v === 'number' || (typeof v === 'string' && NUMERIC_RE.test(v));
    case 'i':
      return (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v));
    case 'b':
      return typeof v === 'boolean' || (typeof v === 'string' && /^(?:true|false)$/i.test(v));
    default:
      return true;
  }
}

/**
 * The common case, decided without a call: a string for a string without enumeration, a boolean
 * for a boolean, a number for a number (most values of most resources).
 */
export function fitsTrivially(v: unknown, type: string, attr: { readonly allowedSet?: unknown; readonly text?: unknown } | undefined): boolean {
  switch (typeof v) {
    case 'string':
      return type === 's' && attr?.allowedSet === undefined && attr?.text === undefined;
    case 'boolean':
      return type === 'b';
    case 'number':
      return type === 'n' && attr?.allowedSet === undefined;
    default:
      return false;
  }
}

/**
 * Checks a scalar (or a list element) against its type code and enumeration. Returns undefined
 * when it is fine, else the problem for a path (paths are built only for problems: most values
 * have none).
 */
export function checkScalar(v: unknown, type: string, attr: Pick<CompiledAttr, 'allowed' | 'allowedSet' | 'text'> | undefined): ((path: string) => SchemaProblem) | undefined {
  if (isToken(v)) return undefined;
  if (!convertsTo(v, type)) return (path) => ({ kind: 'wrong-type', path, message: `${path} must be ${describe(type)}, got ${typeOfValue(v)}` });
  const allowed = attr?.allowed;
  if (allowed && attr?.allowedSet && !attr.allowedSet.has(String(v))) {
    const list = allowed.length > 12 ? `${allowed.slice(0, 12).map(show).join(', ')}, ... (${allowed.length} values)` : allowed.map(show).join(', ');
    return (path) => ({ kind: 'invalid-value', path, message: `${path} is ${show(v)}, not one of ${list}` });
  }
  const text = attr?.text;
  if (text && typeof v === 'string') return checkText(v, text);
  return undefined;
}

/** Longest value a registry pattern is tried on. */
export const PATTERN_MAX_INPUT = 10_000;

/** Length in Unicode code points (a surrogate pair counts once). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

const chars = (n: number) => `${n} character${n === 1 ? '' : 's'}`;

/** What a property's string constraints allow, as in "a string of 1 to 64 characters matching ^[a-z]+$". */
export function describeText(t: CompiledText): string {
  const { minLength: min, maxLength: max } = t;
  let length = '';
  if (min !== undefined && max !== undefined) length = min === max ? ` of exactly ${chars(min)}` : ` of ${min} to ${max} characters`;
  else if (min !== undefined) length = ` of at least ${chars(min)}`;
  else if (max !== undefined) length = ` of at most ${chars(max)}`;
  return `a string${length}${t.patternText !== undefined ? ` matching ${t.patternText}` : ''}`;
}

/** A literal string against its length limits and pattern; undefined when it fits. */
function checkText(v: string, t: CompiledText): ((path: string) => SchemaProblem) | undefined {
  let badLength: number | undefined;
  if (t.minLength !== undefined || t.maxLength !== undefined) {
    const n = codePoints(v);
    if ((t.minLength !== undefined && n < t.minLength) || (t.maxLength !== undefined && n > t.maxLength)) badLength = n;
  }
  const last = v.charCodeAt(v.length - 1);
  const patternFails = t.pattern !== undefined && v.length <= PATTERN_MAX_INPUT && last !== 10 && last !== 13 && !t.pattern.test(v);
  if (badLength === undefined && !patternFails) return undefined;
  const note = badLength !== undefined ? ` (${chars(badLength)})` : '';
  return (path) => ({ kind: 'invalid-value', path, message: `${path} is ${show(v)}${note}, not ${describeText(t)}` });
}
