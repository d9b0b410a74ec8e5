import type { Finding } from '../types';

/**
 * How a suppressed finding reads in every format: its expiry first (a reviewer must see when
 * the exception ends), then its reason. `suppressed until 2027-01-31: <reason>`.
 */
export function suppressionNote(f: Pick<Finding, 'reason' | 'expires'>): string {
  return `suppressed ${f.expires ? `until ${f.expires}` : '(no expiry)'}: ${f.reason ?? ''}`;
}
