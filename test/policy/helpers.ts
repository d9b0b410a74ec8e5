/**
 * Test helpers: write minimal raw inputs (CloudFormation JSON/YAML, Terraform JSON/HCL) to a
 * temp directory and run the real loaders + engine on them, so each rule is tested on inputs
 * exactly as a user or synthesizer would write them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CheckOptions, Finding, Report, runCheck } from '../../lib/policy';

export const FIXTURES = path.join(__dirname, 'fixtures');

/** A fresh temp directory, removed after the test file. */
const dirs: string[] = [];
export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-policy-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Writes files (path -> content; objects are written as JSON) under a new temp dir; returns it. */
export function writeFiles(files: Record<string, string | object>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    const f = path.join(dir, name);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

type Kind = 'cfn-json' | 'cfn-yaml' | 'tf-json' | 'tf-hcl';
const FILE_NAME: Record<Kind, string> = { 'cfn-json': 'stack.template.json', 'cfn-yaml': 'stack.yaml', 'tf-json': 'main.tf.json', 'tf-hcl': 'main.tf' };

/** Checks one input file of a kind; returns the report. */
export async function checkOne(kind: Kind, content: string | object, options: Omit<CheckOptions, 'cwd'> = {}): Promise<Report> {
  const dir = writeFiles({ [FILE_NAME[kind]]: content });
  const input = kind.startsWith('cfn') ? { templates: [FILE_NAME[kind]] } : { terraform: [FILE_NAME[kind]] };
  return (await runCheck({ ...input, ...options, cwd: dir })).report;
}

/** CloudFormation JSON template of resources. */
export const cfn = (resources: Record<string, { Type: string; Properties?: object; Metadata?: object }>) => ({ Resources: resources });

/** Terraform JSON of resources: `{ type: { name: body } }`. */
export const tf = (resource: Record<string, Record<string, object>>, data?: Record<string, Record<string, object>>) => ({
  resource,
  ...(data ? { data } : {}),
});

/** Findings of one rule. */
export const byRule = (report: Report, rule: string): Finding[] => report.findings.filter((f) => f.rule === rule);

/** Resources (ids) flagged by one rule. */
export const flagged = (report: Report, rule: string): string[] => byRule(report, rule).map((f) => f.resource);
