/**
 * Security classification of a resource change by what it does (direction and kind), not by
 * which resource type it touches: removing a subnet from a VPC endpoint is not a security
 * change; adding one, opening a security group, widening IAM, making something public or
 * touching keys and secrets is. One file per kind; docs/DIFF.md is generated from them.
 */
import { dns } from './dns';
import { iam } from './iam';
import { keysSecrets } from './keys-secrets';
import { networkPlacement } from './network-placement';
import { networkRules } from './network-rules';
import { publicAccess } from './public-access';
import type { SecurityInput, SecurityKind } from './types';

export type { SecurityInput, SecurityKind } from './types';

export const SECURITY_KINDS: readonly SecurityKind[] = [networkPlacement, networkRules, iam, publicAccess, keysSecrets, dns];

/** Reasons a change is security-relevant (`kind: what it does`); empty when it is not. */
export function classifySecurity(input: SecurityInput): string[] {
  const reasons: string[] = [];
  for (const k of SECURITY_KINDS) {
    try {
      reasons.push(...k.classify(input).map((r) => `${k.title}: ${r}`));
    } catch (e) {
      // A classifier bug must not hide a change: report it as security-relevant, with the reason.
      reasons.push(`${k.title}: could not classify (${(e as Error).message})`);
    }
  }
  return [...new Set(reasons)];
}
