/**
 * Findings about the input files themselves (not a resource rule): what a loader noticed while
 * reading a file the way the deploy engine reads it, e.g. a duplicate key CloudFormation resolves
 * last-wins. Loaders collect them in the load context; the engine reports them next to rule findings,
 * with the file and line, and topology suppressions apply to them like to any finding.
 */
import type { Inventory } from './inventory';
import type { SuppressionSet } from './suppressions';
import type { Cloud, Finding, RuleInfo } from './types';

export const DUPLICATE_KEY: RuleInfo = {
  id: 'input/duplicate-key',
  severity: 'warning',
  description: 'A CloudFormation template repeats a mapping key; CloudFormation deploys the last value and silently drops the earlier ones.',
  rationale:
    'CloudFormation accepts duplicate keys in JSON and YAML templates (validate-template passes) and uses the last occurrence, so a reviewer ' +
    'reading the first one sees a value that is never deployed. stateline checks the template as CloudFormation reads it and reports each duplicate.',
  fix: 'Delete the earlier occurrence (or merge the two) so the template says once what is deployed.',
};

/** Input findings in the rules reference. */
export const INPUT_FINDINGS: readonly RuleInfo[] = [DUPLICATE_KEY];

/** One observation about an input file, tied to a resource when it is inside one. */
export interface InputDiagnostic {
  readonly rule: RuleInfo;
  readonly cloud: Cloud;
  readonly source: string;
  readonly stack: string;
  /** Logical id / address, or the template section (`Parameters`, `Outputs`) outside resources. */
  readonly resource: string;
  readonly resourceType: string;
  readonly message: string;
  /** 1-based line in `source`. */
  readonly line: number;
}

/** Findings of the inventory's input diagnostics, suppressions applied when they name a resource. */
export function inputFindings(inventory: Inventory, suppressions: SuppressionSet): Finding[] {
  return inventory.diagnostics.map((d) => {
    const f: Finding = {
      rule: d.rule.id,
      severity: d.rule.severity,
      cloud: d.cloud,
      source: d.source,
      stack: d.stack,
      resource: d.resource,
      resourceType: d.resourceType,
      message: d.message,
      suppressed: false,
      line: d.line,
    };
    const r = inventory.lookup(d.stack, d.resource);
    const match = r ? suppressions.suppressionFor(f.rule, r) : undefined;
    return match ? { ...f, suppressed: true, reason: match.reason, ...(match.expires ? { expires: match.expires } : {}) } : f;
  });
}
