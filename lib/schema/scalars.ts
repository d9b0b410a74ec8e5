/**
 * Scalar checks shared by both clouds. Both convert between primitive types the way their
 * languages do (Terraform: a number or a bool where a string is expected, `"5"` where a number is;
 * CloudFormation: template strings for numbers and booleans), so only values no conversion can
 * turn into the expected type are wrong. Tokens are never checked: they are not values yet.
 */
import { isToken } from '../policy/util/values';
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
 * Checks a scalar (or a list element) against its type code and enumeration. Returns false when
 * the value has the wrong type.
 */
export function checkScalar(v: unknown, type: string, allowed: ReadonlyArray<string | number> | undefined, path: string, out: SchemaProblem[]): boolean {
  if (isToken(v)) return true;
  if (!convertsTo(v, type)) {
    out.push({ kind: 'wrong-type', path, message: `${path} must be ${describe(type)}, got ${typeOfValue(v)}` });
    return false;
  }
  if (allowed && allowed.length && !allowed.some((a) => String(a) === String(v))) {
    const list = allowed.length > 12 ? `${allowed.slice(0, 12).map(show).join(', ')}, ... (${allowed.length} values)` : allowed.map(show).join(', ');
    out.push({ kind: 'invalid-value', path, message: `${path} is ${show(v)}, not one of ${list}` });
  }
  return true;
}
