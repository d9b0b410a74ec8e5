/**
 * The engine: runs each rule once over the resources of the types it applies to (types are
 * tested once, not per resource; a rule with `candidates` sees only those), turns a rule that
 * throws into an `engine/rule-error` finding, applies suppressions and builds a sorted report.
 */
import { uncheckedFiles } from './coverage';
import { INPUT_FINDINGS, inputFindings } from './input-findings';
import { schemaCoverage } from '../schema';
import type { Inventory } from './inventory';
import { RULES } from './rules';
import { FINDING_IDS } from './finding-ids';
import { EXPIRED_SUPPRESSION, INVALID_SUPPRESSION, Suppression, SuppressionMatch, SuppressionSet, UNUSED_SUPPRESSION } from './suppressions';
import type { Finding, InventoryResource, Report, ResourceMode, Rule, RuleInfo, RuleResult } from './types';

export const RULE_ERROR: RuleInfo = {
  id: 'engine/rule-error',
  severity: 'error',
  description: 'A rule failed while checking a resource; the resource is unchecked for that rule.',
  rationale: 'A crash must never pass silently: an unchecked resource may break the placement contract.',
  fix: 'Report the message as a bug in stateline; meanwhile review the resource by hand (suppress with a reason once reviewed).',
};

/** Findings the engine itself can produce, next to the rules'. */
export const ENGINE_FINDINGS: readonly RuleInfo[] = [RULE_ERROR, EXPIRED_SUPPRESSION, INVALID_SUPPRESSION, UNUSED_SUPPRESSION, ...INPUT_FINDINGS];

export interface EvaluateOptions {
  /** Rules to run; default the full rule set. */
  readonly rules?: readonly Rule[];
  readonly suppressions?: readonly Suppression[];
  /** Clock for suppression expiry; default now. */
  readonly now?: Date;
}

const DEFAULT_MODES: readonly ResourceMode[] = ['managed'];

export const ruleInfo = (r: RuleInfo): RuleInfo => ({ id: r.id, severity: r.severity, description: r.description, rationale: r.rationale, fix: r.fix });

const finding = (rule: RuleInfo, r: InventoryResource, message: string): Finding => ({
  rule: rule.id,
  severity: rule.severity,
  cloud: r.cloud,
  source: r.source,
  stack: r.stack,
  resource: r.id,
  resourceType: r.type,
  message,
  suppressed: false,
});

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A rule's candidates by type, or undefined when it has none (or computing them failed: then every record is evaluated). */
function candidatesByType(rule: Rule, inventory: Inventory): Map<string, InventoryResource[]> | undefined {
  if (!rule.candidates) return undefined;
  let list: readonly InventoryResource[];
  try {
    list = rule.candidates(inventory);
  } catch {
    return undefined;
  }
  const byType = new Map<string, InventoryResource[]>();
  for (const r of list) {
    const of = byType.get(r.type);
    if (of) of.push(r);
    else byType.set(r.type, [r]);
  }
  return byType;
}

/** Runs one rule over the inventory; returns raw findings paired with their resource. */
function runRule(rule: Rule, inventory: Inventory): Array<[Finding, InventoryResource | undefined]> {
  const out: Array<[Finding, InventoryResource | undefined]> = [];
  const modes = rule.modes ?? DEFAULT_MODES;
  const context = { inventory };
  const only = candidatesByType(rule, inventory);
  for (const type of inventory.types()) {
    const records = only ? only.get(type) : inventory.ofType(type);
    if (!records) continue;
    let applies: boolean;
    try {
      applies = rule.appliesTo(type);
    } catch (e) {
      const first = inventory.ofType(type)[0];
      out.push([finding(RULE_ERROR, first, `rule ${rule.id} failed to decide whether it applies to ${type}: ${errorText(e)}`), first]);
      continue;
    }
    if (!applies) continue;
    for (const r of records) {
      if (!modes.includes(r.mode)) continue;
      let result: RuleResult;
      try {
        result = rule.evaluate(r, context);
      } catch (e) {
        out.push([finding(RULE_ERROR, r, `rule ${rule.id} failed on this resource: ${errorText(e)}`), r]);
        continue;
      }
      if (result.status === 'non-compliant') out.push([finding(rule, r, result.message), r]);
    }
  }
  return out;
}

/** The finding as suppressed (reason and expiry kept) when a suppression matched it. */
export function applySuppression(f: Finding, match: SuppressionMatch | undefined): Finding {
  return match ? { ...f, suppressed: true, reason: match.reason, ...(match.expires ? { expires: match.expires } : {}) } : f;
}

/** Stable order: cloud, stack, resource, rule, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  const keys: Array<keyof Finding> = ['cloud', 'stack', 'resource', 'rule', 'message'];
  for (const k of keys) {
    const x = String(a[k]);
    const y = String(b[k]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Evaluates the rules over an inventory and returns the report. */
export function evaluate(inventory: Inventory, options: EvaluateOptions = {}): Report {
  const rules = options.rules ?? RULES;
  const known = [...new Set([...FINDING_IDS, ...rules.map((r) => r.id)])];
  const suppressions = new SuppressionSet(options.suppressions ?? [], inventory.resources, options.now ?? new Date(), known);
  const findings: Finding[] = [...suppressions.findings, ...inputFindings(inventory, suppressions)];
  for (const rule of rules) {
    for (const [f, r] of runRule(rule, inventory)) findings.push(applySuppression(f, r ? suppressions.suppressionFor(f.rule, r) : undefined));
  }
  findings.push(...suppressions.unusedFindings());
  findings.sort(compareFindings);
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppressed) suppressed++;
    else if (f.severity === 'error') errors++;
    else warnings++;
  }
  // Schema coverage is part of the verdict: what was not validated must be visible.
  const schema = rules.some((r) => r.id.startsWith('schema/')) && inventory.resources.some((r) => r.validateSchema) ? schemaCoverage(inventory) : undefined;
  return {
    version: 1,
    summary: { resources: inventory.managedCount, errors, warnings, suppressed, ...(schema ? { schema } : {}) },
    findings,
    rules: [...rules.map(ruleInfo), ...ENGINE_FINDINGS],
    unchecked: uncheckedFiles(inventory),
  };
}
