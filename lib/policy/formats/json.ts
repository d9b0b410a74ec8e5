/**
 * The JSON report: a stable contract (`version: 1`). Keys are emitted in a fixed order and only
 * the documented fields appear, so consumers can diff reports.
 */
import type { Report, Severity } from '../types';

/** One finding of the JSON report. */
export interface JsonFinding {
  /** Rule id, e.g. `placement/stateless-endpoint-outside-azure` (see docs/RULES.md). */
  readonly rule: string;
  readonly severity: Severity;
  /** `aws` or `azure` (the cloud the resource deploys to). */
  readonly cloud: string;
  /** The file (relative to the working directory) or in-memory document the resource came from. */
  readonly source: string;
  readonly stack: string;
  /** CloudFormation logical id, or Terraform resource address (`azurerm_cognitive_account.ai`). */
  readonly resource: string;
  /** CloudFormation type (`AWS::SageMaker::Endpoint`) or Terraform type (`azurerm_cognitive_account`). */
  readonly resourceType: string;
  readonly message: string;
  /** Whether a suppression with a reason covers it (suppressed findings never fail a check). */
  readonly suppressed: boolean;
  /** The suppression's reason, when suppressed. */
  readonly reason?: string;
  /** The suppression's expiry (`YYYY-MM-DD`), when suppressed by one that has it. */
  readonly expires?: string;
  /** 1-based line in `source`, for findings about one place in a file. */
  readonly line?: number;
}

/** The JSON report (`stateline check --format json`, and what `checkPlacement` returns). */
export interface JsonReport {
  readonly version: 1;
  readonly summary: {
    /** Managed resources checked. */
    readonly resources: number;
    /** Unsuppressed errors: the check fails when this is above 0. */
    readonly errors: number;
    readonly warnings: number;
    readonly suppressed: number;
    /** Inputs nothing of which could be inspected (e.g. only remote module calls). */
    readonly unchecked: number;
    /** Schema validation coverage, when the schema rules ran. */
    readonly schema?: { readonly validated: number; readonly notValidated: number; readonly notValidatedTypes: readonly string[] };
  };
  /** Sorted by cloud, stack, resource, rule. */
  readonly findings: readonly JsonFinding[];
  readonly unchecked: readonly { readonly source: string; readonly modules: readonly string[]; readonly reason: string }[];
}

/** The JSON report of a policy run, as an object. */
export function toJsonReport(report: Report): JsonReport {
  const findings = report.findings.map((f): JsonFinding => ({
    rule: f.rule,
    severity: f.severity,
    cloud: f.cloud,
    source: f.source,
    stack: f.stack,
    resource: f.resource,
    resourceType: f.resourceType,
    message: f.message,
    suppressed: f.suppressed,
    ...(f.reason !== undefined ? { reason: f.reason } : {}),
    ...(f.expires !== undefined ? { expires: f.expires } : {}),
    ...(f.line !== undefined ? { line: f.line } : {}),
  }));
  const { resources, errors, warnings, suppressed, schema } = report.summary;
  const unchecked = (report.unchecked ?? []).map((u) => ({ source: u.source, modules: u.modules, reason: u.reason }));
  const schemaSummary = schema ? { schema: { validated: schema.validated, notValidated: schema.notValidated, notValidatedTypes: [...schema.notValidatedTypes] } } : {};
  return { version: 1, summary: { resources, errors, warnings, suppressed, unchecked: unchecked.length, ...schemaSummary }, findings, unchecked };
}

export function formatJson(report: Report): string {
  return JSON.stringify(toJsonReport(report), null, 2) + '\n';
}
