/**
 * Loader features that make more of a template checkable: CloudFormation `Fn::ForEach` loops,
 * HCL `dynamic` blocks, Terraform variables and locals; and bounded, printable parse errors.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { InventoryResource, loadInventory, PolicyInputError, runCheck } from '../../lib/policy';
import { hclErrorMessage } from '../../lib/policy/loaders/terraform-hcl';
import { HclSyntaxError } from '../../lib/policy/loaders/hcl/lexer';
import { byRule, checkOne, flagged, tempDir, writeFiles } from './helpers';

const SERVE = 'placement/stateless-endpoint-outside-azure';
const INVOKE = 'placement/model-invocation-outside-azure';
const ids = (rs: readonly InventoryResource[]) => rs.map((r) => r.id).sort();

describe('CloudFormation Fn::ForEach (AWS::LanguageExtensions)', () => {
  it('expands a loop over a literal list in JSON: logical ids and values substituted, rules see each copy', async () => {
    const template = {
      Transform: 'AWS::LanguageExtensions',
      Resources: {
        'Fn::ForEach::Endpoints': [
          'Name',
          ['Chat', 'Embed'],
          {
            'Endpoint${Name}': { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: { 'Fn::Sub': '${Name}-config' }, EndpointName: { Ref: 'Name' } } },
          },
        ],
        'Fn::ForEach::Tables': ['T', ['a-b', 'c'], { 'Table&{T}': { Type: 'AWS::DynamoDB::Table', Properties: { TableName: '${T}' } } }],
        Plain: { Type: 'AWS::S3::Bucket' },
      },
    };
    const dir = writeFiles({ 't.json': template });
    const inv = await loadInventory({ templates: ['t.json'], cwd: dir });
    expect(ids(inv.resources)).toEqual(['EndpointChat', 'EndpointEmbed', 'Plain', 'Tableab', 'Tablec']);
    const chat = inv.resources.find((r) => r.id === 'EndpointChat');
    expect(chat?.properties).toEqual({ EndpointConfigName: { 'Fn::Sub': 'Chat-config' }, EndpointName: 'Chat' });
    expect(inv.resources.find((r) => r.id === 'Tableab')?.properties).toEqual({ TableName: 'a-b' });
    const { report } = await runCheck({ templates: ['t.json'], cwd: dir });
    expect(flagged(report, SERVE).sort()).toEqual(['EndpointChat', 'EndpointEmbed']);
  });

  it('expands nested loops in YAML, and keeps one templated record when the collection is a parameter', async () => {
    const report = await checkOne('cfn-yaml', `
Transform: AWS::LanguageExtensions
Parameters:
  Models: { Type: CommaDelimitedList }
Resources:
  Fn::ForEach::Teams:
    - Team
    - [red, blue]
    - Fn::ForEach::Models:
        - Model
        - [claude, gpt]
        - \${Team}\${Model}Policy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: !Sub "\${Team}-\${Model}"
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: bedrock:InvokeModel
                    Resource: "*"
  Fn::ForEach::FromParameter:
    - M
    - !Ref Models
    - Server\${M}:
        Type: AWS::ECS::TaskDefinition
        Properties:
          ContainerDefinitions:
            - Name: !Ref M
              Image: vllm/vllm-openai:latest
`);
    expect(flagged(report, INVOKE).sort()).toEqual(['blueclaudePolicy', 'bluegptPolicy', 'redclaudePolicy', 'redgptPolicy']);
    expect(flagged(report, SERVE)).toEqual(['Server${M}']);
  });

  it('rejects a malformed loop with a clear message', async () => {
    const dir = writeFiles({ 't.json': { Resources: { 'Fn::ForEach::Bad': ['X', ['a']] } } });
    await expect(loadInventory({ templates: ['t.json'], cwd: dir })).rejects.toThrow(/^t\.json: "Fn::ForEach::Bad" must be \[identifier, collection, /);
  });
});

describe('HCL dynamic blocks', () => {
  it('turns dynamic "<name>" content into <name> blocks, next to the static ones, at any depth', async () => {
    const dir = writeFiles({
      'main.tf': `
        data "aws_iam_policy_document" "x" {
          statement {
            actions = ["s3:GetObject"]
          }
          dynamic "statement" {
            for_each = [1]
            content {
              actions = ["bedrock:Invoke*"]
              dynamic "condition" {
                for_each = var.conditions
                iterator = c
                content {
                  test = "StringEquals"
                }
              }
            }
          }
          dynamic "statement" {
            for_each = []
            content {
              actions = ["sagemaker:InvokeEndpoint"]
            }
          }
        }
        data "aws_iam_policy_document" "plain" {
          dynamic "statement" {
            for_each = var.statements
            content {
              actions = statement.value.actions
            }
          }
        }
      `,
    });
    const inv = await loadInventory({ terraform: ['main.tf'], cwd: dir });
    const x = inv.resources.find((r) => r.id === 'data.aws_iam_policy_document.x');
    expect(x?.properties).toEqual({
      statement: [{ actions: ['s3:GetObject'] }, { actions: ['bedrock:Invoke*'], condition: [{ test: 'StringEquals' }] }],
    });
    const { report } = await runCheck({ terraform: ['main.tf'], cwd: dir });
    expect(flagged(report, INVOKE)).toEqual(['data.aws_iam_policy_document.x']);
    expect(byRule(report, INVOKE)[0].message).toMatch(/bedrock:InvokeModel \(via "bedrock:Invoke\*"\)/);
  });

  it('reads dynamic blocks in Terraform JSON too (cdktf writes them as "dynamic")', async () => {
    const report = await checkOne('tf-json', {
      resource: {
        aws_instance: { gpu: { ami: 'ami-1', dynamic: { instance_market_options: { for_each: '${var.spot}', content: { market_type: 'spot' } } }, instance_type: 'g5.xlarge' } },
      },
      data: {
        aws_iam_policy_document: { d: { dynamic: { statement: { for_each: '${local.s}', content: { actions: ['bedrock:*'] } } } } },
      },
    });
    expect(flagged(report, INVOKE)).toEqual(['data.aws_iam_policy_document.d']);
    expect(flagged(report, SERVE)).toEqual(['aws_instance.gpu']);
  });
});

describe('Terraform variables and locals', () => {
  it('substitutes literal variable defaults and locals across the files of a module directory (HCL)', async () => {
    const dir = writeFiles({
      'mod/variables.tf': `
        variable "gpu_type" {
          default = "g5.xlarge"
        }
        variable "cpu_type" {
          type    = string
          default = "m7i.large"
        }
        variable "no_default" {}
        variable "psk" {
          sensitive = true
          default   = "abcdefgh12345678"
        }
      `,
      'mod/locals.tf': `
        locals {
          actions   = ["bedrock:InvokeModel"]
          safe      = ["dynamodb:GetItem"]
          instance  = var.gpu_type
          computed  = "\${var.prefix}-x"
        }
      `,
      'mod/main.tf': `
        resource "aws_instance" "gpu" {
          instance_type = var.gpu_type
        }
        resource "aws_instance" "via_local" {
          instance_type = local.instance
        }
        resource "aws_instance" "cpu" {
          instance_type = var.cpu_type
        }
        resource "aws_instance" "unknown" {
          instance_type = var.no_default
        }
        data "aws_iam_policy_document" "models" {
          statement {
            actions = local.actions
          }
        }
        data "aws_iam_policy_document" "list" {
          statement {
            actions = [local.safe, "s3:GetObject"]
          }
        }
        resource "azurerm_virtual_network_gateway_connection" "c" {
          type       = "IPsec"
          shared_key = var.psk
          name       = local.computed
        }
      `,
    });
    const inv = await loadInventory({ terraform: ['mod'], cwd: dir });
    const props = (id: string) => inv.resources.find((r) => r.id === id)?.properties;
    expect(props('aws_instance.gpu')).toEqual({ instance_type: 'g5.xlarge' });
    expect(props('aws_instance.unknown')).toEqual({ instance_type: '${var.no_default}' });
    expect(props('azurerm_virtual_network_gateway_connection.c')).toMatchObject({ shared_key: '${var.psk}', name: '${local.computed}' });
    expect(props('data.aws_iam_policy_document.list')).toEqual({ statement: [{ actions: [['dynamodb:GetItem'], 's3:GetObject'] }] });
    const { report } = await runCheck({ terraform: ['mod'], cwd: dir });
    expect(flagged(report, SERVE).sort()).toEqual(['aws_instance.gpu', 'aws_instance.via_local']);
    expect(flagged(report, INVOKE)).toEqual(['data.aws_iam_policy_document.models']);
    expect(flagged(report, 'secrets/plaintext-secret')).toEqual([]);
  });

  it('lets terraform.tfvars override a default, and resolves ${var.x} / ${local.x} in .tf.json', async () => {
    const dir = writeFiles({
      'm/main.tf.json': {
        variable: { gpu_type: { default: 'm7i.large' }, size: { default: 'p5.48xlarge' } },
        locals: { actions: ['sagemaker:InvokeEndpoint'] },
        resource: {
          aws_instance: { a: { instance_type: '${var.gpu_type}' }, b: { instance_type: '${var.size}' } },
          aws_iam_policy: { p: { policy: '{}' } },
        },
        data: { aws_iam_policy_document: { d: { statement: [{ actions: '${local.actions}' }] } } },
      },
      'm/terraform.tfvars': 'gpu_type = "g6e.xlarge"\nundeclared = "x"\n',
      'm/override.auto.tfvars.json': { size: 't3.micro' },
    });
    const { report } = await runCheck({ terraform: ['m'], cwd: dir });
    expect(flagged(report, SERVE)).toEqual(['aws_instance.a']);
    expect(flagged(report, INVOKE)).toEqual(['data.aws_iam_policy_document.d']);
  });

  it('scopes variables to the files loaded together: a lone file resolves only its own', async () => {
    const dir = writeFiles({
      'a.tf': 'variable "t" {\n  default = "g5.xlarge"\n}\nresource "aws_instance" "a" {\n  instance_type = var.t\n}\n',
      'b.tf': 'resource "aws_instance" "b" {\n  instance_type = var.t\n}\n',
    });
    const { report } = await runCheck({ terraform: ['a.tf', 'b.tf'], cwd: dir });
    expect(flagged(report, SERVE)).toEqual(['aws_instance.a']);
  });
});

describe('parse errors stay short and printable', () => {
  it('reports the first HCL diagnostic of a garbage .tf file, capped, with the count of the others', async () => {
    const dir = tempDir();
    // Text garbage (binary data is refused before any parser: see test/faults/hostile-inputs.test.ts).
    const bytes = crypto.randomBytes(64 * 1024).map((b) => 0x21 + (b % 0x5e));
    fs.writeFileSync(path.join(dir, 'garbage.tf'), bytes);
    const err = await loadInventory({ terraform: ['garbage.tf'], cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PolicyInputError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^garbage\.tf: invalid HCL: garbage\.tf:\d+,\d+: .+$/);
    expect(msg.length).toBeLessThan(400);
    expect(msg).not.toMatch(/[\u0000-\u001f\u007f-\u009f\ufffd]/);
  });

  it('formats HCL syntax errors as file:line,column: summary; detail, capped', () => {
    const text = 'a = 1\nb = 1 2\n';
    const e = new HclSyntaxError(text.indexOf('2'), 'Missing newline after argument', 'An argument must end with a newline.');
    expect(hclErrorMessage(e, text, 'x.tf')).toBe('x.tf:2,7: Missing newline after argument; An argument must end with a newline.');
    expect(hclErrorMessage(new HclSyntaxError(0, 'S', 'a'.repeat(1000)), text, 'x.tf')).toHaveLength(300);
    expect(hclErrorMessage(new HclSyntaxError(0, 'S', 'odd\u0000 byte\nsecond line'), text, 'x.tf')).toBe('x.tf:1,1: S; odd? byte second line');
  });

  it('never echoes binary bytes or huge lines from JSON and YAML parsers', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'bin.template.json'), Buffer.concat([Buffer.from('{"Resources": '), Buffer.from([0, 1, 2, 0xff, 0xfe]), crypto.randomBytes(5000)]));
    fs.writeFileSync(path.join(dir, 'bin.yaml'), Buffer.concat([Buffer.from('Resources:\n  A: ['), crypto.randomBytes(20000)]));
    for (const f of ['bin.template.json', 'bin.yaml']) {
      const err = await loadInventory({ templates: [f], cwd: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PolicyInputError);
      const msg = (err as Error).message;
      expect(msg.length).toBeLessThan(400);
      expect(msg).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/);
    }
  });
});
