/** Deep property comparison and value rendering (with secret masking) for diffs. */
import type { PropertyChange } from './model';

const SECRET_NAME = /(password|passwd|secret|shared_?key|pre_?shared|preshared|psk|private_?key|api_?key|token|connection_?string|sas)/i;
/** A value that only references a secret (variable, dynamic reference, intrinsic) is safe to show. */
const REFERENCE = /^\$\{|\{\{resolve:/;

export function render(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (SECRET_NAME.test(name) && !(typeof value === 'string' && REFERENCE.test(value)) && (typeof value !== 'object' || value === null)) return '"****"';
  const s = JSON.stringify(value);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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

/**
 * Leaf-level changes between two values. Objects recurse by key; arrays of equal
 * length recurse by index; anything else is reported at its own path.
 */
export function deepChanges(oldV: unknown, newV: unknown, path: string, isReplacing: (path: string) => boolean, out: PropertyChange[] = []): PropertyChange[] {
  if (equal(oldV, newV)) return out;
  const leafName = path.split(/[.[\]]/).filter(Boolean).pop() ?? path;
  const recurse = (isPlain(oldV) && isPlain(newV)) || (Array.isArray(oldV) && Array.isArray(newV) && oldV.length === newV.length);
  if (recurse && out.length < 200) {
    if (Array.isArray(oldV) && Array.isArray(newV)) {
      oldV.forEach((v, i) => deepChanges(v, newV[i], `${path}[${i}]`, isReplacing, out));
    } else {
      const o = oldV as Record<string, unknown>;
      const n = newV as Record<string, unknown>;
      for (const k of [...new Set([...Object.keys(o), ...Object.keys(n)])].sort()) {
        deepChanges(o[k], n[k], path ? `${path}.${k}` : k, isReplacing, out);
      }
    }
    return out;
  }
  out.push({ path, old: render(oldV, leafName), new: render(newV, leafName), replaces: isReplacing(path) });
  return out;
}
