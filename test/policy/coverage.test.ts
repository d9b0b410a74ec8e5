/**
 * Verdict honesty: a file whose resources are all behind module calls that could not be inspected
 * is reported as not checked in every format, not as a silent pass.
 */
import { formatReport, REPORT_FORMATS, runCheck } from '../../lib/policy';
import { writeFiles } from './helpers';

describe('files behind uninspectable modules', () => {
  const files = {
    'platform/main.tf': `
      module "serving" {
        source  = "acme-corp/llm-platform/aws"
        version = "3.1.0"
        name    = "agents"
      }
      module "aks" {
        source                  = "Azure/aks/azurerm"
        private_cluster_enabled = true
        local_account_disabled  = true
      }
    `,
    'network/main.tf': `
      resource "aws_vpc" "agents" {
        cidr_block = "10.20.0.0/16"
      }
      module "endpoints" {
        source = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
      }
    `,
  };

  it('names the file in every format; files with their own resources are not listed', async () => {
    const dir = writeFiles(files);
    const { report, exitCode } = await runCheck({ cwd: dir, terraform: ['platform/main.tf', 'network/main.tf'] });
    expect(exitCode).toBe(0);
    expect(report.unchecked).toEqual([
      {
        source: 'platform/main.tf',
        modules: ['module.aks (only its mapped inputs)', 'module.serving'],
        reason: 'every resource of this file is behind module calls that could not be inspected: module.aks (only its mapped inputs), module.serving',
      },
    ]);
    const out = Object.fromEntries(REPORT_FORMATS.map((f) => [f, formatReport(report, f)]));
    expect(out.text).toMatch(/^NOT CHECKED platform\/main\.tf$/m);
    expect(out.text).toMatch(/1 file\(s\) NOT CHECKED: all their resources are behind modules that could not be inspected\.\n$/);
    expect(JSON.parse(out.json)).toMatchObject({ summary: { unchecked: 1 }, unchecked: [{ source: 'platform/main.tf' }] });
    const sarif = JSON.parse(out.sarif).runs[0];
    expect(sarif.invocations[0].toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'warning', message: { text: expect.stringMatching(/^platform\/main\.tf was not checked: every resource/) } }),
    ]);
    expect(sarif.properties.uncheckedFiles).toEqual(['platform/main.tf']);
    expect(out.markdown).toContain(':warning: **Placement policy: passed, but 1 file(s) could not be checked**');
    expect(out.markdown).toContain('- `platform/main.tf`: module.aks (only its mapped inputs), module.serving');
    expect(out.junit).toMatch(/<testsuite name="coverage" tests="1" failures="0" errors="0" skipped="1">[\s\S]*name="platform\/main\.tf"[\s\S]*<skipped message="not checked: every resource/);
  });

  it('a followed local module is inspected: its caller is not listed', async () => {
    const dir = writeFiles({
      'main.tf': 'module "net" {\n  source = "./net"\n}\n',
      'net/main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
    });
    const { report } = await runCheck({ cwd: dir, terraform: ['.'] });
    expect(report.unchecked).toEqual([]);
    expect(report.summary.resources).toBe(1);
    expect(formatReport(report, 'markdown')).toContain(':white_check_mark: **Placement policy: passed**');
  });
});
