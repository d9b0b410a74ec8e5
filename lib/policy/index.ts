/**
 * The placement policy engine: **no stateless inference endpoint is provisioned outside Azure**,
 * checked on what will actually be deployed (CDK cloud assemblies, cdktf output, CloudFormation
 * templates, Terraform JSON and HCL) with one rule set in one run.
 *
 * @example
 * const { report, exitCode } = await runCheck({ cwd: process.cwd() }); // ./cdk.out and ./cdktf.out
 * process.stdout.write(formatReport(report, 'text'));
 * process.exitCode = exitCode;
 */
import { evaluate } from './engine';
import { loadInventory, type LoadOptions } from './loaders';
import type { Suppression } from './suppressions';
import type { Report, Rule } from './types';

export { classify } from './classify';
export type { ResourceClass } from './classify';
export { renderRulesDoc } from './docs';
export { ENGINE_FINDINGS, evaluate, RULE_ERROR } from './engine';
export type { EvaluateOptions } from './engine';
export { PolicyInputError } from './errors';
export { formatReport, REPORT_FORMATS } from './formats';
export type { ReportFormat } from './formats';
export { Inventory } from './inventory';
export { loadInventory } from './loaders';
export type { LoadOptions } from './loaders';
export { RULES } from './rules';
export { SUPPRESSIONS_METADATA_KEY } from './suppressions';
export type { MetadataSuppression, Suppression } from './suppressions';
export type {
  Cloud, Finding, InventoryResource, InventoryView, ModuleCall, Report, ReportSummary, ResourceMode, Rule, RuleContext, RuleInfo, RuleResult, Severity,
  SourceFormat, UncheckedFile,
} from './types';
export { DUPLICATE_KEY, INPUT_FINDINGS } from './input-findings';
export type { InputDiagnostic } from './input-findings';

export interface CheckOptions extends LoadOptions {
  /** Topology suppressions (`policy.suppressions`). */
  readonly suppressions?: readonly Suppression[];
  /** Clock for suppression expiry (tests pass a fixed date); default now. */
  readonly now?: Date;
  /** Rules to run; default the shipped rule set. */
  readonly rules?: readonly Rule[];
}

export interface CheckResult {
  readonly report: Report;
  /** 0 when no unsuppressed error, 1 otherwise. Unreadable input throws `PolicyInputError` (exit 2) instead. */
  readonly exitCode: 0 | 1;
}

/**
 * Loads the inputs (default `./cdk.out` and `./cdktf.out` under `cwd`), runs the rules, applies
 * suppressions. Throws `PolicyInputError` naming the file for unreadable or malformed input.
 */
export async function runCheck(options: CheckOptions = {}): Promise<CheckResult> {
  const inventory = await loadInventory(options);
  const report = evaluate(inventory, { rules: options.rules, suppressions: options.suppressions, now: options.now });
  return { report, exitCode: report.summary.errors > 0 ? 1 : 0 };
}
