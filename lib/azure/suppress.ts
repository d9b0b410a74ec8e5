/**
 * Construct-level policy suppressions for Terraform resources.
 *
 * The policy engine reads a resource's `"//"` metadata object (where cdktf keeps its own
 * metadata) and honours `"stateline:suppressions": [{ rule, reason }]` there. Use this only
 * where a finding is understood and accepted, with a reason specific to the resource.
 *
 * @example
 * suppress(publicIp, 'network/public-ip-in-front-of-model', 'VPN gateway tunnel endpoint: terminates IPsec only, serves no model');
 */
import type { TerraformResource } from 'cdktf';

/** Metadata key the policy engine reads under the resource's `"//"` object. */
export const SUPPRESSIONS_KEY = 'stateline:suppressions';
const RULE_ID = /^[a-z]+\/[a-z0-9-]+$/;
const MIN_REASON = 10;

export interface PolicySuppression {
  /** Rule id, `category/name`. */
  readonly rule: string;
  /** Why the finding is accepted for this resource (at least 10 characters). */
  readonly reason: string;
}

// Overrides replace rather than append, so the full list per resource is kept here.
const applied = new WeakMap<TerraformResource, PolicySuppression[]>();

/** Suppresses `rule` on `resource`; repeated calls accumulate. Throws on a malformed rule id or a missing reason. */
export function suppress(resource: TerraformResource, rule: string, reason: string): void {
  const problems: string[] = [];
  if (!RULE_ID.test(rule)) problems.push(`rule "${rule}" must be a rule id like network/no-public-ip`);
  if (reason.trim().length < MIN_REASON) problems.push(`the reason must say why, in at least ${MIN_REASON} characters (got "${reason}")`);
  if (problems.length > 0) throw new Error(`invalid policy suppression on ${resource.node.path}: ${problems.join('; ')}`);
  const list = [...(applied.get(resource) ?? []), { rule, reason: reason.trim() }];
  applied.set(resource, list);
  resource.addOverride(`//.${SUPPRESSIONS_KEY}`, list);
}

/** Suppressions recorded on `resource` by {@link suppress}. */
export function suppressionsOf(resource: TerraformResource): readonly PolicySuppression[] {
  return applied.get(resource) ?? [];
}
