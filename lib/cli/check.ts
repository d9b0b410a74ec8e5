/**
 * `stateline check` and the policy steps of `synth` and `diff`: thin glue between the CLI
 * flags, the topology's suppressions and the policy engine.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CheckOptions, formatReport, ReportFormat, runCheck } from '../policy';
import type { Report } from '../policy/types';
import type { PolicyFindingRef } from '../diff/model';
import type { Suppression } from '../topology/schema';

export interface CheckFlags {
  readonly cdkOut?: readonly string[];
  readonly cdktfOut?: readonly string[];
  readonly template?: readonly string[];
  readonly terraform?: readonly string[];
  readonly suppressions?: readonly Suppression[];
  readonly now?: Date;
  /** `--schema` (validate every input against provider schemas) / `--no-schema` (none); default: synthesized outputs only. */
  readonly schema?: boolean;
}

export function checkOptions(flags: CheckFlags, cwd = process.cwd()): CheckOptions {
  return {
    cwd,
    cdkOut: flags.cdkOut,
    cdktfOut: flags.cdktfOut,
    templates: flags.template,
    terraform: flags.terraform,
    suppressions: flags.suppressions,
    now: flags.now,
    schema: flags.schema,
  };
}

/** Inputs of a synthesized output directory (whichever halves exist). */
export function outputDirInputs(dir: string): Pick<CheckOptions, 'cdkOut' | 'cdktfOut'> {
  const cdk = path.join(dir, 'cdk.out');
  const cdktf = path.join(dir, 'cdktf.out');
  return {
    cdkOut: fs.existsSync(cdk) ? [cdk] : [],
    cdktfOut: fs.existsSync(cdktf) ? [cdktf] : [],
  };
}

/** The unsuppressed findings of a report, as the diff's policy delta compares them. */
export function findingRefs(report: Report): PolicyFindingRef[] {
  return report.findings.filter((f) => !f.suppressed).map((f) => ({ rule: f.rule, severity: f.severity, cloud: f.cloud, stack: f.stack, resource: f.resource, message: f.message }));
}

/** Unsuppressed findings of one output directory, for the diff's policy delta. */
export async function policyFindingsOf(dir: string, suppressions: readonly Suppression[] = []): Promise<PolicyFindingRef[]> {
  // Sources are made relative to the directory so both sides of a diff key findings alike.
  const { report } = await runCheck({ cwd: dir, ...outputDirInputs(dir), suppressions });
  return findingRefs(report);
}

/** The synth summary's verdict, one line: the policy result, then schema coverage when the schema rules ran. */
export function verdictLine(report: Report): string {
  const s = report.summary;
  const status = s.errors > 0 ? 'FAILED' : 'passed';
  const line = schemaLine(report);
  return `  policy ${status}: ${s.resources} resources checked, ${s.errors} errors, ${s.warnings} warnings, ${s.suppressed} suppressed${line ? `; ${line}` : ''}`;
}

/** `schema: 196 resources validated against provider schemas, 4 not validated (no schema data: Custom::AWS)`. */
export function schemaLine(report: Report): string | undefined {
  const c = report.summary.schema;
  if (!c) return undefined;
  const missing = c.notValidated ? `, ${c.notValidated} not validated (no schema data: ${c.notValidatedTypes.join(', ')})` : '';
  return `schema: ${c.validated} resources validated against provider schemas${missing}`;
}

export function renderCheck(report: Report, format: ReportFormat): string {
  const text = formatReport(report, format);
  return text.endsWith('\n') ? text : `${text}\n`;
}
