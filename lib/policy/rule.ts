/**
 * Helpers every rule file uses: the three results and type matchers.
 */
import type { RuleResult } from './types';

export const COMPLIANT: RuleResult = Object.freeze({ status: 'compliant' });
export const NOT_APPLICABLE: RuleResult = Object.freeze({ status: 'not-applicable' });
export const nonCompliant = (message: string): RuleResult => ({ status: 'non-compliant', message });

/** Matches exactly these types. */
export function typeIn(...types: string[]): (type: string) => boolean {
  const set = new Set(types);
  return (type) => set.has(type);
}

/** Joins reasons into one message (a resource gets one finding per rule). */
export function reasons(list: readonly string[]): RuleResult {
  if (list.length === 0) return COMPLIANT;
  const shown = list.slice(0, 5).join('; ');
  return nonCompliant(list.length > 5 ? `${shown}; and ${list.length - 5} more` : shown);
}
