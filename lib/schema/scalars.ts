/**
 * Scalar checks shared by both clouds. Both convert between primitive types the way their
 * languages do (Terraform: a number or a bool where a string is expected, `"5"` where a number is;
 * CloudFormation: template strings for numbers and booleans), so only values no conversion can
 * turn into the expected type are wrong. Tokens are never checked: they are not values yet.
 */
import { isToken } from '../policy/util/values';
import type { CompiledAttr } from './compiled';
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
export function fitsTrivially(v: unknown, type: string, attr: { readonly allowedSet?: unknown } | undefined): boolean {
  switch (typeof v) {
    case 'string':
      return type === 's' && attr?.allowedSet === undefined;
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
export function checkScalar(v: unknown, type: string, attr: Pick<CompiledAttr, 'allowed' | 'allowedSet'> | undefined): ((path: string) => SchemaProblem) | undefined {
  if (isToken(v)) return undefined;
  if (!convertsTo(v, type)) return (path) => ({ kind: 'wrong-type', path, message: `${path} must be ${describe(type)}, got ${typeOfValue(v)}` });
  const allowed = attr?.allowed;
  if (allowed && attr?.allowedSet && !attr.allowedSet.has(String(v))) {
    const list = allowed.length > 12 ? `${allowed.slice(0, 12).map(show).join(', ')}, ... (${allowed.length} values)` : allowed.map(show).join(', ');
    return (path) => ({ kind: 'invalid-value', path, message: `${path} is ${show(v)}, not one of ${list}` });
  }
  return undefined;
}
