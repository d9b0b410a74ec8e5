/**
 * Suppressions: from the topology (`policy.suppressions[]`, globs over rule ids and resources)
 * and in code, as resource metadata under `stateline:suppressions` (CloudFormation `Metadata`,
 * Terraform/cdktf `//`). Every suppression needs a reason; an expired one stops applying and is
 * reported. Suppressed findings stay in the report, marked, with their reason.
 */
import picomatch from 'picomatch';
import { FINDING_IDS, ruleMatcher, unknownRuleProblem } from './finding-ids';
import type { Finding, InventoryResource, RuleInfo } from './types';
import { isObj } from './util/values';

/** Metadata key the construct layers write suppressions under (CloudFormation `Metadata`, Terraform `//`). */
export const SUPPRESSIONS_METADATA_KEY = 'stateline:suppressions';

/** A topology suppression (`policy.suppressions[]`). */
export interface Suppression {
  /** Rule id or glob (`link/*`). */
  readonly rule: string;
  /** Glob over the logical id / Terraform address, also matched against `stack/resource` and the construct path. */
  readonly resource: string;
  /** Why the finding is acceptable (mandatory). */
  readonly reason: string;
  /** Last day the suppression applies, `YYYY-MM-DD` (UTC). */
  readonly expires?: string;
}

/** A suppression written on a resource (the resource is implied). `id` is accepted as an alias of `rule`. */
export interface MetadataSuppression {
  readonly rule: string;
  readonly reason: string;
  readonly expires?: string;
}

export const EXPIRED_SUPPRESSION: RuleInfo = {
  id: 'policy/expired-suppression',
  severity: 'warning',
  description: 'A suppression has passed its expiry date and no longer applies.',
  rationale: 'Suppressions are temporary exceptions; an expired one means the exception was meant to be resolved by now.',
  fix: 'Fix the finding it covered, or renew the suppression with a new date and an updated reason.',
};

export const INVALID_SUPPRESSION: RuleInfo = {
  id: 'policy/invalid-suppression',
  severity: 'error',
  description: 'A suppression is malformed (no reason, no rule, bad expiry date) and was ignored.',
  rationale: 'Every exception to the placement contract must say why; a suppression without a reason is rejected rather than silently honoured.',
  fix: 'Give the suppression a `rule`, a non-empty `reason` and, optionally, `expires: YYYY-MM-DD`.',
};

export const UNUSED_SUPPRESSION: RuleInfo = {
  id: 'policy/unused-suppression',
  severity: 'warning',
  description: 'A suppression matched no finding in the checked inputs.',
  rationale: 'A suppression that suppresses nothing is either stale (the finding was fixed) or wrong (a typo in its resource glob), and a wrong one hides nothing today but reads as if it did.',
  fix: 'Remove the suppression, or correct its `resource` glob (matched against the logical id or Terraform address, `stack/resource` and the construct path).',
};

/** What a finding was suppressed by: the reason, and the last day it applies when dated. */
export interface SuppressionMatch {
  readonly reason: string;
  readonly expires?: string;
}

interface Compiled extends SuppressionMatch {
  readonly matchesRule: (id: string) => boolean;
  readonly matchesResource?: (candidates: readonly string[]) => boolean;
  /** Where it was written, for the unused-suppression finding. */
  readonly where: Omit<Finding, 'rule' | 'severity' | 'message' | 'suppressed'>;
  /** How to name it in a message. */
  readonly label: string;
  used: boolean;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const today = (now: Date) => now.toISOString().slice(0, 10);

/** Why a suppression is invalid, or undefined. */
function invalidReason(s: Record<string, unknown>, needsResource: boolean): string | undefined {
  if (typeof s.rule !== 'string' || s.rule.trim() === '') return 'has no rule';
  if (needsResource && (typeof s.resource !== 'string' || s.resource.trim() === '')) return 'has no resource';
  if (typeof s.reason !== 'string' || s.reason.trim() === '') return 'has no reason (every suppression must say why)';
  if (s.expires !== undefined && (typeof s.expires !== 'string' || !validDate(s.expires))) return `has an invalid expires date "${String(s.expires)}" (use YYYY-MM-DD)`;
  return undefined;
}

const matcher = (glob: string) => picomatch(glob, { dot: true });

/** Names a resource can be matched by: its id, `stack/id`, and the construct path when known. */
export function resourceNames(r: Pick<InventoryResource, 'id' | 'stack' | 'path'>): string[] {
  const names = [r.id, `${r.stack}/${r.id}`];
  if (r.path) names.push(r.path);
  return names;
}

/** Suppression findings carry the rule's metadata and never suppress each other. */
function suppressionFinding(info: RuleInfo, where: Omit<Finding, 'rule' | 'severity' | 'message' | 'suppressed'>, message: string): Finding {
  return { rule: info.id, severity: info.severity, ...where, message, suppressed: false };
}

/** Compiled suppressions plus the findings about suppressions themselves. */
export class SuppressionSet {
  private readonly topology: Compiled[] = [];
  private readonly perResource = new Map<InventoryResource, Compiled[]>();
  readonly findings: Finding[] = [];

  /**
   * @param knownRules finding ids a suppression may name (default: stateline's); one naming none
   * of them is invalid.
   */
  constructor(suppressions: readonly Suppression[], resources: readonly InventoryResource[], now: Date, private readonly knownRules: readonly string[] = FINDING_IDS) {
    const day = today(now);
    suppressions.forEach((raw, i) => {
      const s = raw as unknown as Record<string, unknown>;
      const where = { cloud: 'any', source: `policy.suppressions[${i}]`, stack: '', resource: String(s?.resource ?? ''), resourceType: 'suppression' };
      const invalid = isObj(s) ? this.invalidReason(s, true) : 'is not an object';
      if (invalid) {
        this.findings.push(suppressionFinding(INVALID_SUPPRESSION, where, `suppression of ${String(s?.rule)} ${invalid}`));
      } else if (raw.expires && raw.expires < day) {
        this.findings.push(suppressionFinding(EXPIRED_SUPPRESSION, where, `suppression of ${raw.rule} for ${raw.resource} expired on ${raw.expires}`));
      } else {
        const matchesResource = matcher(raw.resource);
        this.topology.push({
          matchesRule: ruleMatcher(raw.rule), matchesResource: (names) => names.some((n) => matchesResource(n)), reason: raw.reason.trim(),
          ...(raw.expires ? { expires: raw.expires } : {}), where, label: `suppression of ${raw.rule} for ${raw.resource}`, used: false,
        });
      }
    });
    for (const r of resources) {
      if (r.metadata[SUPPRESSIONS_METADATA_KEY] !== undefined) this.readMetadata(r, day);
    }
  }

  /** Why a suppression is invalid (malformed, or naming no known rule), or undefined. */
  private invalidReason(s: Record<string, unknown>, needsResource: boolean): string | undefined {
    const malformed = invalidReason(s, needsResource);
    if (malformed) return malformed;
    const unknown = unknownRuleProblem(String(s.rule), this.knownRules);
    return unknown;
  }

  private readMetadata(r: InventoryResource, day: string): void {
    const where = { cloud: r.cloud, source: r.source, stack: r.stack, resource: r.id, resourceType: r.type };
    const raw = r.metadata[SUPPRESSIONS_METADATA_KEY];
    if (!Array.isArray(raw)) {
      this.findings.push(suppressionFinding(INVALID_SUPPRESSION, where, `${SUPPRESSIONS_METADATA_KEY} must be a list of { rule, reason }`));
      return;
    }
    const list: Compiled[] = [];
    for (const entry of raw) {
      const s = isObj(entry) ? { ...entry, rule: entry.rule ?? entry.id } : undefined;
      const invalid = s ? this.invalidReason(s, false) : 'is not an object';
      if (invalid || !s) {
        this.findings.push(suppressionFinding(INVALID_SUPPRESSION, where, `metadata suppression of ${String(s?.rule)} ${invalid}`));
        continue;
      }
      const m = s as unknown as MetadataSuppression;
      if (m.expires && m.expires < day) {
        this.findings.push(suppressionFinding(EXPIRED_SUPPRESSION, where, `metadata suppression of ${m.rule} expired on ${m.expires}`));
        continue;
      }
      list.push({ matchesRule: ruleMatcher(m.rule), reason: m.reason.trim(), ...(m.expires ? { expires: m.expires } : {}), where, label: `metadata suppression of ${m.rule}`, used: false });
    }
    if (list.length) this.perResource.set(r, list);
  }

  /**
   * The suppression of a finding of `rule` on `resource` (its own metadata first, then the
   * topology's), or undefined. Every suppression that matches counts as used.
   */
  suppressionFor(rule: string, resource: InventoryResource): SuppressionMatch | undefined {
    let first: Compiled | undefined;
    for (const s of this.perResource.get(resource) ?? []) {
      if (!s.matchesRule(rule)) continue;
      s.used = true;
      first ??= s;
    }
    let names: string[] | undefined;
    for (const s of this.topology) {
      if (!s.matchesRule(rule)) continue;
      names ??= resourceNames(resource);
      if (!s.matchesResource?.(names)) continue;
      s.used = true;
      first ??= s;
    }
    return first && { reason: first.reason, ...(first.expires ? { expires: first.expires } : {}) };
  }

  /** Findings for the suppressions that matched nothing; call once every finding was matched. */
  unusedFindings(): Finding[] {
    const all = [...this.topology, ...[...this.perResource.values()].flat()];
    return all.filter((s) => !s.used).map((s) => suppressionFinding(UNUSED_SUPPRESSION, s.where, `${s.label} matched no finding in the checked inputs: remove it, or correct its rule or resource glob`));
  }
}
