/**
 * policy/module-not-inspected: module calls are reported as a gap, not silently skipped.
 */
import { byRule, checkOne, tf } from '../helpers';

const RULE = 'policy/module-not-inspected';

describe(RULE, () => {
  it('warns once per module call (HCL and JSON) and stays silent without modules', async () => {
    const hcl = await checkOne('tf-hcl', 'module "serving" {\n  source = "./modules/serving"\n}\n');
    expect(byRule(hcl, RULE).map((f) => [f.resource, f.severity, f.message])).toEqual([
      ['module.serving', 'warning', 'module module.serving (source "./modules/serving") is not inspected: its directory modules/serving has no Terraform files here'],
    ]);
    const json = await checkOne('tf-json', { module: { vpc: { source: 'terraform-aws-modules/vpc/aws' } } });
    expect(byRule(json, RULE).map((f) => [f.resource, f.message])).toEqual([
      ['module.vpc', 'module module.vpc (source "terraform-aws-modules/vpc/aws") is not inspected: its source is not local and not a well-known module; only its arguments were scanned'],
    ]);
    expect(byRule(await checkOne('tf-json', tf({ aws_s3_bucket: { b: {} } })), RULE)).toEqual([]);
  });
});
