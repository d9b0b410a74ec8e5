/**
 * Which inputs are schema-validated, and how the CLI reports it: on by default for synthesized
 * outputs (cloud assemblies, cdktf output directories, however passed), on demand with
 * `--schema` for plain templates and Terraform files, off with `--no-schema`; coverage in every
 * report.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCheck } from '../../lib/policy';
import { cfn, checkOne, tempDir, tf, writeFiles } from '../policy/helpers';
import { run } from '../cli/run';
import { copyScenario } from '../scenarios';

let out: string;
let template: string;

beforeAll(() => {
  out = copyScenario('default', path.join(tempDir(), 'out'));
  template = path.join(out, 'cdk.out', 'stateline-aws-agents-eu-central-1.template.json');
  const t = JSON.parse(fs.readFileSync(template, 'utf8'));
  const [gateway] = Object.values<any>(t.Resources).filter((r) => r.Type === 'AWS::BedrockAgentCore::Gateway');
  gateway.Properties.AuthorizerType = 'IAM';
  fs.writeFileSync(template, JSON.stringify(t));
  const hub = path.join(out, 'cdktf.out', 'stacks', 'stateline-azure-hub', 'cdk.tf.json');
  const h = JSON.parse(fs.readFileSync(hub, 'utf8'));
  h.resource.azurerm_virtual_network_gateway.Gateway_43CB3636.sku = 'VpnGw2AZ ';
  h.resource.azurerm_virtual_network_gateway.Gateway_43CB3636.enable_bgp_ = true;
  fs.writeFileSync(hub, JSON.stringify(h));
});

const schemaRules = (text: string) => [...text.matchAll(/(schema\/[a-z-]+)\s+\S+ (\S+)/g)].map((m) => `${m[1]} ${m[2]}`);

test('synthesized outputs are validated by default, with the coverage line', async () => {
  const r = await run(['check', '--cdk-out', path.join(out, 'cdk.out'), '--cdktf-out', path.join(out, 'cdktf.out')]);
  expect(r.code).toBe(1);
  expect(schemaRules(r.out)).toEqual([
    'schema/invalid-value stateline-aws-agents-eu-central-1/ToolssupportagentDD526569',
    'schema/unknown-attribute stateline-azure-hub/azurerm_virtual_network_gateway.Gateway_43CB3636',
  ]);
  expect(r.out).toContain('enable_bgp_ is not an argument or block of azurerm_virtual_network_gateway (azurerm 4.55.0); did you mean "enable_bgp"?');
  expect(r.out).toMatch(/^Schema: \d+ resources validated against provider schemas; 4 not validated \(no schema data: Custom::AWS, Custom::VpcRestrictDefaultSG\)\.$/m);
});

test('--no-schema turns it off; a cdktf output passed with --terraform is still a synthesized output', async () => {
  const off = await run(['check', '--cdk-out', path.join(out, 'cdk.out'), '--no-schema']);
  expect(off.code).toBe(0);
  expect(off.out).not.toContain('Schema:');
  const tfOut = await run(['check', '--terraform', path.join(out, 'cdktf.out'), '--format', 'json']);
  const json = JSON.parse(tfOut.out);
  // Every Terraform record is covered: every managed resource and the data sources next to them.
  expect(json.summary.resources).toBeGreaterThan(80);
  expect(json.summary.schema).toEqual({ validated: expect.any(Number), notValidated: 0, notValidatedTypes: [] });
  expect(json.summary.schema.validated).toBeGreaterThan(json.summary.resources);
  expect(json.findings.map((f: { rule: string }) => f.rule)).toEqual(['schema/unknown-attribute']);
});

test('a plain template is validated only with --schema', async () => {
  const plain = await run(['check', '--template', template]);
  expect(plain.code).toBe(0);
  expect(plain.out).not.toContain('Schema:');
  const on = await run(['check', '--template', template, '--schema']);
  expect(on.code).toBe(1);
  expect(schemaRules(on.out)).toEqual(['schema/invalid-value stateline-aws-agents-eu-central-1/ToolssupportagentDD526569']);
});

test('raw Terraform JSON with --schema: unknown types (with a suggestion), providers without data counted, data sources checked', async () => {
  const report = await checkOne('tf-json', {
    ...tf({
      azurerm_resource_groups: { rg: { name: 'rg', location: 'westeurope' } },
      random_password: { p: { length: 32 } },
    }, { azurerm_client_config: { current: { tenant: 'x' } } }),
  }, { schema: true });
  expect(report.findings.map((f) => [f.rule, f.resource, f.message])).toEqual([
    ['schema/unknown-type', 'azurerm_resource_groups.rg', 'azurerm_resource_groups.rg: resource type azurerm_resource_groups does not exist in azurerm 4.55.0; did you mean "azurerm_resource_group"?'],
    ['schema/unknown-attribute', 'data.azurerm_client_config.current', 'data.azurerm_client_config.current: tenant is not an argument or block of azurerm_client_config (azurerm 4.55.0)'],
  ]);
  expect(report.summary.schema).toEqual({ validated: 2, notValidated: 1, notValidatedTypes: ['random_password'] });
});

test('HCL with --schema: blocks as HCL writes them, a dynamic block of unknown count, meta-arguments', async () => {
  const hcl = `
resource "azurerm_public_ip" "ip" {
  name                = "pip"
  location            = "westeurope"
  resource_group_name = azurerm_resource_group.rg.name
  allocation_method   = "static"
  count               = 2
  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks"
  location            = "westeurope"
  resource_group_name = "rg"
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }
  dynamic "identity" {
    for_each = var.identities
    content {
      type = identity.value
    }
  }
  identity {
    type = "SystemAssigned"
  }
}
`;
  const report = await checkOne('tf-hcl', hcl, { schema: true });
  expect(report.findings.filter((f) => f.rule.startsWith('schema/')).map((f) => [f.rule, f.message])).toEqual([
    ['schema/invalid-value', 'azurerm_public_ip.ip: allocation_method is "static", not one of "Static", "Dynamic"'],
  ]);
});

test('CloudFormation with --schema: custom resources and third-party types are not validated; an unknown AWS type is', async () => {
  const dir = writeFiles({
    't.json': cfn({
      Custom: { Type: 'Custom::Thing', Properties: { ServiceToken: 'arn:aws:lambda:eu-central-1:123456789012:function:x', Anything: 1 } },
      Vendor: { Type: 'Acme::Widget::Thing', Properties: { Size: 'L' } },
      Typo: { Type: 'AWS::S3::Buckets', Properties: {} },
      Whole: { Type: 'AWS::SQS::Queue', Properties: { 'Fn::If': ['Fifo', { FifoQueue: true }, {}] } as object },
    }),
  });
  const { report } = await runCheck({ cwd: dir, templates: ['t.json'], schema: true });
  expect(report.findings.map((f) => [f.rule, f.message])).toEqual([
    ['schema/unknown-type', 'Typo: AWS::S3::Buckets is not a CloudFormation resource type (@aws-cdk/aws-service-spec@0.1.216); did you mean "AWS::S3::Bucket"?'],
  ]);
  expect(report.summary.schema).toEqual({ validated: 2, notValidated: 2, notValidatedTypes: ['Acme::Widget::Thing', 'Custom::Thing'] });
});
