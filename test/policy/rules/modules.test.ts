/**
 * Findings behind Terraform module calls: local modules are followed (`module.x.` addresses),
 * well-known registry modules are checked through their mapped inputs, and any module's arguments
 * are scanned for model-server images, accelerator instance types and model-invocation permissions.
 */
import { runCheck } from '../../../lib/policy';
import { knownModule, registryAddress } from '../../../lib/policy/detect/known-modules';
import { byRule, checkOne, writeFiles } from '../helpers';

const PUBLIC = 'privacy/public-serving-endpoint';
const LOCAL_AUTH = 'privacy/local-auth-enabled';
const STATELESS = 'placement/stateless-endpoint-outside-azure';
const INPUT = 'placement/module-model-input';
const GAP = 'policy/module-not-inspected';

const summary = (report: Awaited<ReturnType<typeof checkOne>>) =>
  report.findings.map((f) => `${f.rule} ${f.resource}: ${f.message}`);

describe('well-known registry modules', () => {
  it('a public AKS cluster declared through Azure/aks/azurerm is found on the module address', async () => {
    const report = await checkOne('tf-hcl', `
      module "aks" {
        source                  = "Azure/aks/azurerm"
        version                 = "10.2.0"
        resource_group_name     = "rg-serving"
        prefix                  = "serving"
        private_cluster_enabled = false
        local_account_disabled  = true
        agents_size             = "Standard_D4s_v5"
      }
    `);
    expect(byRule(report, PUBLIC).map((f) => [f.resource, f.resourceType, f.message])).toEqual([
      ['module.aks.azurerm_kubernetes_cluster.main', 'azurerm_kubernetes_cluster', 'private_cluster_enabled is not true: the Kubernetes API server is public'],
    ]);
    expect(byRule(report, LOCAL_AUTH)).toEqual([]);
    expect(byRule(report, GAP).map((f) => f.message)).toEqual([
      'module module.aks (source "Azure/aks/azurerm") is inspected only in part: well-known module: its inputs were mapped to azurerm_kubernetes_cluster.main; its other resources are not inspected',
    ]);
  });

  it('module defaults apply when an input is not set: Azure/openai/azurerm keeps local auth on unless told otherwise', async () => {
    const defaults = await checkOne('tf-json', { module: { openai: { source: 'Azure/openai/azurerm', resource_group_name: 'rg', location: 'swedencentral' } } });
    expect(byRule(defaults, LOCAL_AUTH).map((f) => f.resource)).toEqual(['module.openai.azurerm_cognitive_account.this']);
    expect(byRule(defaults, PUBLIC)).toEqual([]); // public_network_access_enabled defaults to false in the module
    const keyless = await checkOne('tf-json', { module: { openai: { source: 'Azure/openai/azurerm', local_auth_enabled: false } } });
    expect(byRule(keyless, LOCAL_AUTH)).toEqual([]);
  });

  it('a vLLM image and GPU instance types passed through locals into terraform-aws-modules ecs / autoscaling / eks are found', async () => {
    const report = await checkOne('tf-hcl', `
      locals {
        image    = "vllm/vllm-openai:v0.6.3"
        gpu_type = "g6e.2xlarge"
      }
      variable "node_types" {
        type    = list(string)
        default = ["p5.48xlarge"]
      }
      module "ecs" {
        source       = "terraform-aws-modules/ecs/aws"
        version      = "7.5.0"
        cluster_name = "agents"
        services = {
          llm = {
            cpu    = 4096
            memory = 16384
            container_definitions = {
              server = {
                image     = local.image
                essential = true
              }
            }
          }
        }
      }
      module "asg" {
        source        = "terraform-aws-modules/autoscaling/aws"
        name          = "llm-hosts"
        instance_type = local.gpu_type
        image_id      = "ami-0123456789abcdef0"
      }
      module "eks" {
        source = "terraform-aws-modules/eks/aws"
        name   = "agents"
        eks_managed_node_groups = {
          gpu = {
            instance_types = var.node_types
            ami_type       = "AL2023_x86_64_NVIDIA"
          }
        }
      }
    `);
    expect(byRule(report, STATELESS).map((f) => `${f.resource}: ${f.message}`)).toEqual([
      'module.asg.aws_launch_template.this[0]: uses accelerated instance type g6e.2xlarge (GPU/Inferentia/Trainium: model hosting); stateless inference must be served only from Azure',
      'module.ecs.module.service["llm"].aws_ecs_task_definition.this[0]: runs a model server (vllm); stateless inference must be served only from Azure',
      'module.eks.module.eks_managed_node_group["gpu"].aws_eks_node_group.this[0]: uses accelerated instance type p5.48xlarge (GPU/Inferentia/Trainium: model hosting); stateless inference must be served only from Azure',
    ]);
    expect(byRule(report, INPUT)).toEqual([]); // mapped modules report on their resources, not twice
  });

  it('maps registry addresses written as registry or GitHub sources', () => {
    expect(registryAddress('registry.terraform.io/terraform-aws-modules/ecs/aws//modules/service')).toBe('terraform-aws-modules/ecs/aws//modules/service');
    expect(registryAddress('git::https://github.com/Azure/terraform-azurerm-aks.git?ref=10.2.0')).toBe('Azure/aks/azurerm');
    expect(knownModule('github.com/terraform-aws-modules/terraform-aws-eks')?.source).toBe('terraform-aws-modules/eks/aws');
    expect(registryAddress('./modules/x')).toBeUndefined();
  });
});

describe('any module: arguments with model-server images, accelerators and model permissions', () => {
  it('reports an unknown registry module given a TGI image and a GPU type through a variable default, against the module call', async () => {
    const report = await checkOne('tf-hcl', `
      variable "instance" {
        default = "g5.12xlarge"
      }
      locals {
        serving = {
          image = "ghcr.io/huggingface/text-generation-inference:2.4.0"
        }
      }
      module "inference" {
        source        = "acme-corp/llm-service/aws"
        version       = "1.2.0"
        name          = "vllm-gateway"
        container     = local.serving
        instance_type = var.instance
      }
      module "proxy" {
        source = "acme-corp/web-service/aws"
        name   = "vllm-proxy"
        image  = "nginx:1.27"
        endpoint = "https://vllm.serving.internal:8000"
      }
    `);
    expect(byRule(report, INPUT).map((f) => `${f.resource}: ${f.message}`)).toEqual([
      'module.inference: argument container.image is a model-server image or command (text-generation-inference); stateless inference must be served only from Azure; ' +
        'argument instance_type is an accelerated instance type (g5.12xlarge: GPU/Inferentia/Trainium model hosting); stateless inference must be served only from Azure',
    ]);
    expect(byRule(report, GAP).map((f) => f.resource)).toEqual(['module.inference', 'module.proxy']);
  });

  it('reports model-invocation actions and managed policies passed to modules (policy statements, documents, ARNs)', async () => {
    const report = await checkOne('tf-hcl', `
      module "task_role" {
        source = "terraform-aws-modules/iam/aws//modules/iam-policy"
        name   = "agent-task"
        policy = jsonencode({
          Version   = "2012-10-17"
          Statement = [{ Effect = "Allow", Action = ["bedrock:InvokeModel"], Resource = "*" }]
        })
      }
      module "runner" {
        source = "cloudposse/iam-role/aws"
        policy_arns = ["arn:aws:iam::aws:policy/AmazonBedrockFullAccess"]
      }
      module "ecs_service" {
        source = "terraform-aws-modules/ecs/aws//modules/service"
        name   = "agent"
        container_definitions = {
          agent = { image = "111122223333.dkr.ecr.eu-central-1.amazonaws.com/agent:1" }
        }
        tasks_iam_role_statements = [{
          actions   = ["bedrock:InvokeModelWithResponseStream", "dynamodb:GetItem"]
          resources = ["*"]
        }]
      }
      module "readonly" {
        source = "cloudposse/iam-role/aws"
        policy_actions = ["s3:GetObject", "bedrock-agentcore:InvokeAgentRuntime"]
      }
    `);
    expect(byRule(report, INPUT).map((f) => `${f.resource}: ${f.message}`)).toEqual([
      'module.ecs_service: argument tasks_iam_role_statements.0 allows bedrock:InvokeModelWithResponseStream; stateless inference must be served only from Azure',
      'module.runner: argument policy_arns.0 attaches the AWS managed policy AmazonBedrockFullAccess, which allows model invocation; stateless inference must be served only from Azure',
      'module.task_role: argument policy is a policy document allowing bedrock:InvokeModel; stateless inference must be served only from Azure',
    ]);
  });

  it('Azure modules may take GPU sizes and model images: placement allows them there', async () => {
    const report = await checkOne('tf-json', {
      module: { gpu: { source: 'acme-corp/aks-gpu-pool/azurerm', vm_size: 'Standard_NC24ads_A100_v4', image: 'vllm/vllm-openai:v0.6.3' } },
    });
    expect(byRule(report, INPUT)).toEqual([]);
  });
});

describe('local modules are followed', () => {
  it('reads ./modules/serving with its variables bound to the call, nested local modules included, under module addresses', async () => {
    const dir = writeFiles({
      'main.tf': `
        locals {
          model_image = "vllm/vllm-openai:v0.6.3"
        }
        module "serving" {
          source   = "./modules/serving"
          image    = local.model_image
          replicas = 2
        }
        module "missing" {
          source = "./modules/not-here"
        }
      `,
      'modules/serving/variables.tf': `
        variable "image" {
          type = string
        }
        variable "replicas" {
          type    = number
          default = 1
        }
      `,
      'modules/serving/main.tf': `
        resource "aws_ecs_task_definition" "server" {
          family                = "llm"
          container_definitions = jsonencode([{ name = "server", image = var.image, essential = true }])
        }
        module "endpoint" {
          source = "../endpoint"
          name   = "llm"
        }
      `,
      'modules/endpoint/main.tf': `
        variable "name" {}
        resource "aws_sagemaker_endpoint" "this" {
          name                 = var.name
          endpoint_config_name = "cfg"
        }
      `,
    });
    const { report } = await runCheck({ cwd: dir, terraform: ['.'] });
    expect(byRule(report, STATELESS).map((f) => [f.resource, f.source])).toEqual([
      ['module.serving.aws_ecs_task_definition.server', 'modules/serving/main.tf'],
      ['module.serving.module.endpoint.aws_sagemaker_endpoint.this', 'modules/endpoint/main.tf'],
    ]);
    expect(byRule(report, GAP).map((f) => f.message)).toEqual([
      'module module.missing (source "./modules/not-here") is not inspected: its directory modules/not-here has no Terraform files here',
    ]);
    expect(summary(report).filter((s) => s.startsWith(INPUT))).toEqual([]);
  });
});
