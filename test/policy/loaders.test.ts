/**
 * Loaders: every input kind normalizes into one inventory (cloud, provider, type, id, stack,
 * source, properties, tags), and unreadable input fails fast with a PolicyInputError naming the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InventoryResource, loadInventory, PolicyInputError, runCheck } from '../../lib/policy';
import { cloudOf } from '../../lib/policy/loaders/terraform-json';
import { FIXTURES, tempDir, writeFiles } from './helpers';

const byId = (resources: readonly InventoryResource[], id: string) => resources.find((r) => r.id === id);

describe('CDK cloud assembly', () => {
  it('loads stacks, nested stack templates and nested assemblies (stages)', async () => {
    const inv = await loadInventory({ cdkOut: ['cdk-assembly'], cwd: FIXTURES });
    const ids = inv.resources.map((r) => `${r.stack}:${r.id}`).sort();
    expect(ids).toEqual([
      'AgentStack/InferenceNestedStackInferenceNestedStackResourceA1B2C3D4:Endpoint',
      'AgentStack:InferenceNestedStackInferenceNestedStackResourceA1B2C3D4',
      'AgentStack:Runtime',
      'Prod-AgentStack:AgentRoleDefaultPolicy1234ABCD',
    ]);
    const endpoint = byId(inv.resources, 'Endpoint');
    expect(endpoint).toMatchObject({ cloud: 'aws', provider: 'cloudformation', format: 'cloudformation', type: 'AWS::SageMaker::Endpoint' });
    expect(endpoint?.source).toBe('cdk-assembly/AgentStackInferenceA1B2C3D4.nested.template.json');
    expect(byId(inv.resources, 'AgentRoleDefaultPolicy1234ABCD')?.path).toBe('Prod/AgentStack/AgentRole/DefaultPolicy/Resource');
  });

  it('reports findings from nested stacks and stages with relative sources', async () => {
    const { report, exitCode } = await runCheck({ cdkOut: ['cdk-assembly'], cwd: FIXTURES });
    expect(exitCode).toBe(1);
    const got = report.findings.map((f) => [f.rule, f.stack, f.resource, f.source]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['placement/stateless-endpoint-outside-azure', 'AgentStack/InferenceNestedStackInferenceNestedStackResourceA1B2C3D4', 'Endpoint', 'cdk-assembly/AgentStackInferenceA1B2C3D4.nested.template.json'],
        ['placement/model-invocation-outside-azure', 'Prod-AgentStack', 'AgentRoleDefaultPolicy1234ABCD', 'cdk-assembly/assembly-Prod/ProdAgentStack5E6F7A8B.template.json'],
      ]),
    );
    expect(report.findings.some((f) => f.resource === 'Runtime')).toBe(false);
  });

  it('fails with the file name when a nested stack template is missing', async () => {
    const dir = writeFiles({
      'cdk.out/manifest.json': { artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } },
      'cdk.out/S.template.json': { Resources: { N: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'gone.nested.template.json' } } } },
    });
    await expect(loadInventory({ cdkOut: ['cdk.out'], cwd: dir })).rejects.toThrow(/cdk\.out\/S\.template\.json: nested stack "N" points to gone\.nested\.template\.json/);
  });
});

describe('CDKTF output directory', () => {
  it('loads stacks listed in manifest.json with Terraform addresses, metadata and construct paths', async () => {
    const inv = await loadInventory({ cdktfOut: ['cdktf-output'], cwd: FIXTURES });
    expect(inv.resources.map((r) => r.id).sort()).toEqual(['azurerm_cognitive_account.legacy', 'azurerm_cognitive_account.openai', 'azurerm_kubernetes_cluster.serving']);
    const openai = byId(inv.resources, 'azurerm_cognitive_account.openai');
    expect(openai).toMatchObject({ cloud: 'azure', provider: 'azurerm', format: 'terraform', mode: 'managed', stack: 'azure-serving', path: 'azure-serving/openai' });
    expect(openai?.source).toBe('cdktf-output/stacks/azure-serving/cdk.tf.json');
    expect(openai?.properties).not.toHaveProperty('//');
  });

  it('reads stacks/*/cdk.tf.json when there is no manifest', async () => {
    const dir = writeFiles({ 'out/stacks/a/cdk.tf.json': { resource: { aws_s3_bucket: { b: {} } } } });
    const inv = await loadInventory({ cdktfOut: ['out'], cwd: dir });
    expect(inv.resources.map((r) => `${r.stack}:${r.id}`)).toEqual(['a:aws_s3_bucket.b']);
  });

  it('checks ./cdk.out and ./cdktf.out by default, and fails clearly when neither exists', async () => {
    const dir = tempDir();
    fs.cpSync(path.join(FIXTURES, 'cdk-assembly'), path.join(dir, 'cdk.out'), { recursive: true });
    fs.cpSync(path.join(FIXTURES, 'cdktf-output'), path.join(dir, 'cdktf.out'), { recursive: true });
    const inv = await loadInventory({ cwd: dir });
    expect(new Set(inv.resources.map((r) => r.cloud))).toEqual(new Set(['aws', 'azure']));
    const err = await loadInventory({ cwd: tempDir() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PolicyInputError);
    expect((err as PolicyInputError).message).toMatch(/no \.\/cdk\.out or \.\/cdktf\.out/);
    expect((err as PolicyInputError).exitCode).toBe(2);
  });
});

describe('CloudFormation YAML', () => {
  it('maps every short-form intrinsic to its long form', async () => {
    const yaml = [
      'Resources:',
      '  R:',
      '    Type: Custom::Thing',
      '    Properties:',
      '      Ref: !Ref Other',
      '      Att: !GetAtt Bucket.Arn',
      '      AttDots: !GetAtt Db.Endpoint.Address',
      '      AttList: !GetAtt [Bucket, Arn]',
      '      Sub: !Sub "arn:${AWS::Partition}:s3:::x"',
      '      SubList: !Sub ["${a}", { a: !Ref A }]',
      '      Join: !Join ["", ["arn:", !Ref "AWS::Partition"]]',
      '      If: !If [Cond, a, b]',
      '      Select: !Select [0, !GetAZs ""]',
      '      Split: !Split [",", "a,b"]',
      '      Map: !FindInMap [M, k1, k2]',
      '      Import: !ImportValue Shared',
      '      B64: !Base64 "text"',
      '      Cidr: !Cidr ["10.0.0.0/16", 4, 8]',
      '      Eq: !Equals [a, b]',
      '      Not: !Not [!Condition C]',
      '      And: !And [!Condition C, !Condition D]',
      '      Or: !Or [!Condition C, !Condition D]',
    ].join('\n');
    const dir = writeFiles({ 't.yaml': yaml });
    const inv = await loadInventory({ templates: ['t.yaml'], cwd: dir });
    expect(inv.resources[0].properties).toEqual({
      Ref: { Ref: 'Other' },
      Att: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
      AttDots: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
      AttList: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
      Sub: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::x' },
      SubList: { 'Fn::Sub': ['${a}', { a: { Ref: 'A' } }] },
      Join: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }]] },
      If: { 'Fn::If': ['Cond', 'a', 'b'] },
      Select: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      Split: { 'Fn::Split': [',', 'a,b'] },
      Map: { 'Fn::FindInMap': ['M', 'k1', 'k2'] },
      Import: { 'Fn::ImportValue': 'Shared' },
      B64: { 'Fn::Base64': 'text' },
      Cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      Eq: { 'Fn::Equals': ['a', 'b'] },
      Not: { 'Fn::Not': [{ Condition: 'C' }] },
      And: { 'Fn::And': [{ Condition: 'C' }, { Condition: 'D' }] },
      Or: { 'Fn::Or': [{ Condition: 'C' }, { Condition: 'D' }] },
    });
    expect(inv.resources[0]).toMatchObject({ stack: 't', source: 't.yaml', cloud: 'aws' });
  });

  it('reads CloudFormation Tags lists into a flat map', async () => {
    const dir = writeFiles({ 't.json': { Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'role', Value: 'state' }] } } } } });
    const inv = await loadInventory({ templates: ['t.json'], cwd: dir });
    expect(inv.resources[0].tags).toEqual({ role: 'state' });
  });
});

describe('Terraform HCL', () => {
  it('normalizes the hcl2json parse tree to the .tf.json shape, keeps data sources apart and records modules', async () => {
    const hcl = `
      resource "azurerm_cognitive_account" "oai" {
        name = "oai"
        public_network_access_enabled = false
        network_acls {
          default_action = "Deny"
        }
        tags = { role = "serving" }
        custom_subdomain_name = "\${var.prefix}-oai"
      }
      data "aws_iam_policy_document" "d" {
        statement {
          actions = ["s3:GetObject"]
        }
      }
      module "spoke" {
        source = "./modules/spoke"
      }
      variable "prefix" {}
    `;
    const dir = writeFiles({ 'infra/main.tf': hcl });
    const inv = await loadInventory({ terraform: ['infra'], cwd: dir });
    const oai = byId(inv.resources, 'azurerm_cognitive_account.oai');
    expect(oai).toMatchObject({ cloud: 'azure', provider: 'azurerm', mode: 'managed', stack: 'infra', source: 'infra/main.tf', tags: { role: 'serving' } });
    expect(oai?.properties).toMatchObject({ public_network_access_enabled: false, network_acls: [{ default_action: 'Deny' }], custom_subdomain_name: '${var.prefix}-oai' });
    expect(byId(inv.resources, 'data.aws_iam_policy_document.d')).toMatchObject({ mode: 'data', cloud: 'aws' });
    expect(byId(inv.resources, 'module.spoke')).toMatchObject({ mode: 'module', type: 'module' });
    expect(inv.managedCount).toBe(1);
  });

  it('fails with the file name and position on invalid HCL', async () => {
    const dir = writeFiles({ 'bad.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n' });
    const err = await loadInventory({ terraform: ['bad.tf'], cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PolicyInputError);
    expect((err as Error).message).toMatch(/^bad\.tf: invalid HCL: .*bad\.tf:1/);
  });
});

describe('Terraform JSON and cloud mapping', () => {
  it('derives the cloud from the provider prefix', () => {
    expect(['azurerm_lb', 'azapi_resource', 'aws_instance', 'awscc_s3_bucket', 'google_vertex_ai_endpoint', 'kubernetes_deployment', 'helm_release'].map(cloudOf)).toEqual([
      'azure', 'azure', 'aws', 'aws', 'gcp', 'kubernetes', 'helm',
    ]);
  });

  it('accepts block bodies given as lists (valid JSON syntax)', async () => {
    const dir = writeFiles({ 'a.tf.json': { resource: [{ aws_s3_bucket: { b: [{ bucket: 'x' }] } }] } });
    const inv = await loadInventory({ terraform: ['a.tf.json'], cwd: dir });
    expect(inv.resources[0]).toMatchObject({ id: 'aws_s3_bucket.b', stack: 'a', properties: { bucket: 'x' } });
  });
});

describe('robust input handling', () => {
  const expectInputError = async (files: Record<string, string | object>, options: object, pattern: RegExp) => {
    const dir = writeFiles(files);
    const err = await loadInventory({ ...options, cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PolicyInputError);
    expect((err as Error).message).toMatch(pattern);
  };

  it('names the file and position of malformed JSON', () =>
    expectInputError({ 'bad.template.json': '{ "Resources": { "A": { "Type": } } }' }, { templates: ['bad.template.json'] }, /^bad\.template\.json: invalid JSON at line 1, column \d+/));

  it('says a truncated JSON file looks truncated', () =>
    expectInputError({ 'cut.tf.json': '{ "resource": { "aws_s3_bucket": { "b": {' }, { terraform: ['cut.tf.json'] }, /^cut\.tf\.json: invalid JSON at line 1, column \d+: the file ends too early \(truncated\?\)/));

  it('names the file of malformed YAML', () =>
    expectInputError({ 't.yaml': 'Resources:\n  A: [1, 2\n' }, { templates: ['t.yaml'] }, /^t\.yaml: invalid YAML/));

  it('rejects unknown top-level shapes with a clear error', async () => {
    await expectInputError({ 'x.json': { hello: 'world' } }, { templates: ['x.json'] }, /^x\.json: not a CloudFormation template/);
    await expectInputError({ 'x.tf.json': { hello: 'world' } }, { terraform: ['x.tf.json'] }, /^x\.tf\.json: not Terraform JSON/);
    await expectInputError({ 'out/manifest.json': ['nope'] }, { cdkOut: ['out'] }, /^out\/manifest\.json: not a cloud assembly manifest/);
  });

  it('rejects missing files and non-assembly directories by name', async () => {
    await expectInputError({}, { templates: ['missing.json'] }, /^missing\.json: file not found/);
    await expectInputError({ 'empty/.keep': '' }, { cdkOut: ['empty'] }, /^empty\/manifest\.json: file not found/);
  });

  it('loads a generated ~8 MB template with 20,000 resources quickly (no hang)', async () => {
    const resources: Record<string, object> = {};
    for (let i = 0; i < 20_000; i++) {
      resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue', Properties: { QueueName: `queue-${i}`, Tags: [{ Key: 'owner', Value: 'team-a'.repeat(40) }] } };
    }
    const dir = writeFiles({ 'big.template.json': { Resources: resources } });
    expect(fs.statSync(path.join(dir, 'big.template.json')).size).toBeGreaterThan(5_000_000);
    const t0 = Date.now();
    const { report } = await runCheck({ templates: ['big.template.json'], cwd: dir });
    expect(report.summary.resources).toBe(20_000);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('refuses a YAML file above the size limit instead of parsing for minutes', async () => {
    const dir = tempDir();
    const f = path.join(dir, 'huge.yaml');
    fs.writeFileSync(f, 'Resources: {}\n');
    fs.truncateSync(f, 17 * 1024 * 1024);
    const err = await loadInventory({ templates: ['huge.yaml'], cwd: dir }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^huge\.yaml: file is 17\.0 MB, above the 16 MB limit/);
  });
});
