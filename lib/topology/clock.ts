/**
 * The date checks run against. Synthesis never reads the clock (outputs stay deterministic);
 * only date-dependent checks do (model retirements, suppression expiry), and they take the date
 * as a value so tests and CI (`--as-of YYYY-MM-DD`) can pin it.
 */
import { UserInputError } from './problems';

/** Returns "today". */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` as midnight UTC; null when it is not a real calendar date. */
export function parseDay(text: string): Date | null {
  if (!DAY.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? null : date;
}

/** The value of `--as-of`: a real calendar date, else a user error naming the flag. */
export function parseAsOf(text: string, flag = '--as-of'): Date {
  const date = parseDay(text);
  if (!date) throw new UserInputError(`${flag} "${text}" is not a date: use YYYY-MM-DD, e.g. ${flag} 2026-12-01`);
  return date;
}

/** `YYYY-MM-DD` of a date (UTC). */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (UTC days; negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  const end = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  return Math.round((end - start) / 86_400_000);
}
