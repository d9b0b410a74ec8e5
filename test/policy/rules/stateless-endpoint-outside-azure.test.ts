/**
 * placement/stateless-endpoint-outside-azure on raw CloudFormation JSON/YAML and Terraform JSON/HCL.
 */
import { cfn, checkOne, flagged, byRule, tf } from '../helpers';

const RULE = 'placement/stateless-endpoint-outside-azure';

describe(RULE, () => {
  it('flags inference resource types in CloudFormation JSON and leaves agent runtime pieces alone', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        Endpoint: { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'c' } },
        Config: { Type: 'AWS::SageMaker::EndpointConfig', Properties: { ProductionVariants: [{ ServerlessConfig: { MaxConcurrency: 1, MemorySizeInMB: 2048 } }] } },
        Router: { Type: 'AWS::Bedrock::IntelligentPromptRouter', Properties: {} },
        Profile: { Type: 'AWS::Bedrock::ApplicationInferenceProfile', Properties: {} },
        Agent: { Type: 'AWS::Bedrock::Agent', Properties: { AgentName: 'a' } },
        Harness: { Type: 'AWS::BedrockAgentCore::Harness', Properties: {} },
        Runtime: { Type: 'AWS::BedrockAgentCore::Runtime', Properties: { NetworkConfiguration: { NetworkMode: 'VPC' } } },
        RuntimeEndpoint: { Type: 'AWS::BedrockAgentCore::RuntimeEndpoint', Properties: {} },
        Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
      }),
    );
    expect(flagged(report, RULE).sort()).toEqual(['Agent', 'Config', 'Endpoint', 'Harness', 'Profile', 'Router']);
    expect(byRule(report, RULE).find((f) => f.resource === 'Endpoint')?.message).toMatch(/SageMaker endpoint serves model inference/);
  });

  describe('AgentCore Memory strategies', () => {
    const memory = (strategies?: object[]) => ({ Type: 'AWS::BedrockAgentCore::Memory', Properties: { Name: 'm', EventExpiryDuration: 30, ...(strategies ? { MemoryStrategies: strategies } : {}) } });

    it('flags built-in and override strategies, accepts none or self-managed only', async () => {
      const report = await checkOne(
        'cfn-json',
        cfn({
          NoStrategies: memory(),
          SelfManaged: memory([{ CustomMemoryStrategy: { Name: 's', Configuration: { SelfManagedConfiguration: { TriggerConditions: [] } } } }]),
          Semantic: memory([{ SemanticMemoryStrategy: { Name: 'facts' } }]),
          Override: memory([{ CustomMemoryStrategy: { Name: 'o', Configuration: { SemanticOverride: { Extraction: { ModelId: 'anthropic.claude', AppendToPrompt: 'x' } } } } }]),
          Mixed: memory([{ CustomMemoryStrategy: { Name: 's', Configuration: { SelfManagedConfiguration: {} } } }, { SummaryMemoryStrategy: { Name: 'sum' } }]),
        }),
      );
      expect(flagged(report, RULE).sort()).toEqual(['Mixed', 'Override', 'Semantic']);
      expect(byRule(report, RULE).find((f) => f.resource === 'Override')?.message).toMatch(/custom memory strategy "o" is not self-managed/);
    });

    it('flags Terraform memory strategies except custom self-managed ones', async () => {
      const report = await checkOne('tf-hcl', `
        resource "aws_bedrockagentcore_memory_strategy" "semantic" {
          memory_id = "m"
          type = "SEMANTIC"
          name = "s"
          namespaces = ["default"]
        }
        resource "aws_bedrockagentcore_memory_strategy" "mine" {
          memory_id = "m"
          type = "CUSTOM"
          name = "c"
          namespaces = ["default"]
          configuration {
            type = "SELF_MANAGED"
          }
        }
        resource "aws_bedrockagentcore_memory" "plain" {
          name = "plain"
          event_expiry_duration = 30
        }
      `);
      expect(flagged(report, RULE)).toEqual(['aws_bedrockagentcore_memory_strategy.semantic']);
    });
  });

  it('flags YAML integrations that call a model (short-form intrinsics) and accepts ones that do not', async () => {
    const yaml = `
Resources:
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Join
        - ""
        - - '{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:'
          - !Ref AWS::Partition
          - ':states:::bedrock:invokeModel","End":true}}}'
  LambdaFlow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: Run
        States:
          Run: { Type: Task, Resource: !Sub "arn:\${AWS::Partition}:states:::lambda:invoke", End: true }
  BedrockSource:
    Type: AWS::AppSync::DataSource
    Properties: { ApiId: !GetAtt Api.ApiId, Name: bedrock, Type: AMAZON_BEDROCK_RUNTIME }
  LambdaSource:
    Type: AWS::AppSync::DataSource
    Properties: { ApiId: !GetAtt Api.ApiId, Name: fn, Type: AWS_LAMBDA }
  Invoke:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: POST
      Integration:
        Type: AWS
        Uri: !Sub "arn:aws:apigateway:\${AWS::Region}:runtime.sagemaker:path//endpoints/x/invocations"
  V2:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      IntegrationType: HTTP_PROXY
      IntegrationUri: !Join ["", ["https://bedrock-runtime.", !Ref AWS::Region, ".amazonaws.com/model/x/invoke"]]
  Proxy:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn }
  KbEmbedding:
    Type: AWS::Bedrock::KnowledgeBase
    Properties:
      KnowledgeBaseConfiguration:
        Type: VECTOR
        VectorKnowledgeBaseConfiguration:
          EmbeddingModelArn: !Sub "arn:\${AWS::Partition}:bedrock:\${AWS::Region}::foundation-model/amazon.titan-embed-text-v2:0"
  Prompt:
    Type: AWS::Bedrock::Prompt
    Properties: { Name: p, Variants: [{ Name: v, ModelId: openai.gpt-oss-120b-1:0, TemplateType: TEXT }] }
  Target:
    Type: AWS::BedrockAgentCore::GatewayTarget
    Properties:
      CredentialProviderConfigurations:
        - CredentialProviderType: GATEWAY_IAM_ROLE
          CredentialProvider: { IamCredentialProvider: { Service: bedrock-runtime } }
  Judge:
    Type: AWS::BedrockAgentCore::Evaluator
    Properties: { EvaluatorName: j, Level: TRACE, EvaluatorConfig: { LlmAsAJudge: { ModelConfig: { BedrockEvaluatorModelConfig: { ModelId: m } } } } }
  CodeJudge:
    Type: AWS::BedrockAgentCore::Evaluator
    Properties: { EvaluatorName: c, Level: TRACE, EvaluatorConfig: { CodeBased: { LambdaConfig: { LambdaArn: !GetAtt Fn.Arn } } } }
  Online:
    Type: AWS::BedrockAgentCore::OnlineEvaluationConfig
    Properties: { Evaluators: [{ EvaluatorId: Builtin.Helpfulness }] }
  OnlineCustom:
    Type: AWS::BedrockAgentCore::OnlineEvaluationConfig
    Properties: { Evaluators: [{ EvaluatorId: !GetAtt CodeJudge.EvaluatorId }] }
`;
    const report = await checkOne('cfn-yaml', yaml);
    expect(flagged(report, RULE).sort()).toEqual(['BedrockSource', 'Flow', 'Invoke', 'Judge', 'KbEmbedding', 'Online', 'Prompt', 'Target', 'V2']);
    expect(byRule(report, RULE).find((f) => f.resource === 'Flow')?.message).toMatch(/states:::bedrock:invokeModel/);
  });

  it('flags compute hosting a model server or on accelerated instances (CloudFormation)', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        Vllm: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'llm', Image: 'vllm/vllm-openai:v0.6.0' }] } },
        Web: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'web', Image: 'public.ecr.aws/nginx/nginx:1.27' }] } },
        Gpu: { Type: 'AWS::EKS::Nodegroup', Properties: { InstanceTypes: ['g5.2xlarge'] } },
        Cpu: { Type: 'AWS::EKS::Nodegroup', Properties: { InstanceTypes: ['m7i.large'] } },
        Batch: { Type: 'AWS::Batch::ComputeEnvironment', Properties: { ComputeResources: { InstanceTypes: ['p4d.24xlarge'] } } },
        Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { InstanceType: 't3.large', UserData: { 'Fn::Base64': '#!/bin/bash\ndocker run ghcr.io/huggingface/text-generation-inference:2.0' } } } },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { PackageType: 'Image', Code: { ImageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/ollama:latest' } } },
        Inf: { Type: 'AWS::EC2::Instance', Properties: { InstanceType: 'inf2.xlarge' } },
      }),
    );
    expect(flagged(report, RULE).sort()).toEqual(['Batch', 'Fn', 'Gpu', 'Inf', 'Template', 'Vllm']);
    expect(byRule(report, RULE).find((f) => f.resource === 'Template')?.message).toMatch(/model server \(text-generation-inference\)/);
  });

  it('flags Terraform JSON compute, Bedrock agents, awscc and Vertex AI, never Azure', async () => {
    const report = await checkOne(
      'tf-json',
      tf({
        aws_ecs_task_definition: {
          tgi: { family: 'x', container_definitions: JSON.stringify([{ name: 'tgi', image: 'ghcr.io/huggingface/text-generation-inference:2.4' }]) },
          gpu: { family: 'y', container_definitions: JSON.stringify([{ name: 'a', image: 'my/app:1', resourceRequirements: [{ type: 'GPU', value: '1' }] }]) },
          app: { family: 'z', container_definitions: JSON.stringify([{ name: 'a', image: 'my/app:1' }]) },
        },
        aws_instance: { gpu: { instance_type: 'g6e.xlarge' }, web: { instance_type: 't3.micro' } },
        aws_bedrockagent_agent: { classic: { agent_name: 'a', foundation_model: 'anthropic.claude-3' } },
        aws_sagemaker_endpoint: { e: { endpoint_config_name: 'c' } },
        awscc_sagemaker_endpoint_config: { c: {} },
        google_vertex_ai_endpoint: { v: { name: 'v' } },
        azurerm_kubernetes_cluster_node_pool: { gpu: { vm_size: 'Standard_NC24ads_A100_v4' } },
        azurerm_cognitive_deployment: { gpt: { model: [{ format: 'OpenAI', name: 'gpt-4.1' }] } },
      }),
    );
    expect(flagged(report, RULE).sort()).toEqual([
      'aws_bedrockagent_agent.classic', 'aws_ecs_task_definition.gpu', 'aws_ecs_task_definition.tgi', 'aws_instance.gpu',
      'aws_sagemaker_endpoint.e', 'awscc_sagemaker_endpoint_config.c', 'google_vertex_ai_endpoint.v',
    ]);
    expect(byRule(report, RULE).find((f) => f.resource === 'google_vertex_ai_endpoint.v')?.cloud).toBe('gcp');
  });

  it('flags Terraform HCL (jsonencode container definitions, state machines) and accepts plain ones', async () => {
    const report = await checkOne('tf-hcl', `
      resource "aws_ecs_task_definition" "triton" {
        family = "t"
        container_definitions = jsonencode([{ name = "triton", image = "nvcr.io/nvidia/tritonserver:24.05-py3" }])
      }
      resource "aws_ecs_task_definition" "api" {
        family = "a"
        container_definitions = jsonencode([{ name = "api", image = "\${aws_ecr_repository.api.repository_url}:1" }])
      }
      resource "aws_sfn_state_machine" "ask" {
        name = "ask"
        role_arn = "arn:aws:iam::123456789012:role/x"
        definition = jsonencode({ StartAt = "A", States = { A = { Type = "Task", Resource = "arn:aws:states:::bedrock:invokeModel", End = true } } })
      }
      resource "aws_apigatewayv2_integration" "fn" {
        api_id = "x"
        integration_type = "AWS_PROXY"
        integration_uri = aws_lambda_function.fn.invoke_arn
      }
      resource "aws_eks_node_group" "neuron" {
        cluster_name = "c"
        instance_types = ["inf2.8xlarge"]
      }
    `);
    expect(flagged(report, RULE).sort()).toEqual(['aws_ecs_task_definition.triton', 'aws_eks_node_group.neuron', 'aws_sfn_state_machine.ask']);
  });

  it('does not mistake a client of an Azure model server (endpoint URLs, tags, names) for a model server', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        Client: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Description: 'calls vllm and tgi on Azure over the private link',
            Environment: { Variables: { VLLM_URL: 'https://vllm.serving.internal/v1', TGI_URL: 'https://aks.internal/tgi' } },
            Tags: [{ Key: 'team', Value: 'llama-platform' }],
          },
        },
        Agent: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: { ContainerDefinitions: [{ Name: 'agent', Image: 'agent:1', Environment: [{ Name: 'MODEL_BASE_URL', Value: 'http://vllm.azure.internal:8000' }] }] },
        },
        Server: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'srv', Image: 'python:3.12', Command: ['python', '-m', 'vllm.entrypoints.openai.api_server'] }] } },
      }),
    );
    expect(flagged(report, RULE)).toEqual(['Server']);
  });

  describe('OpenAPI bodies of API Gateway (x-amazon-apigateway-integration)', () => {
    const openapi = (uri: unknown) => ({
      openapi: '3.0.1',
      paths: { '/invoke': { post: { 'x-amazon-apigateway-integration': { type: 'aws', httpMethod: 'POST', uri } } } },
    });

    it('flags REST and HTTP API bodies integrating a model runtime in CloudFormation JSON, and quick-create targets', async () => {
      const report = await checkOne(
        'cfn-json',
        cfn({
          Rest: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'r', Body: openapi({ 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:runtime.sagemaker:path//endpoints/e/invocations' }) } },
          Http: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'h', Body: openapi('arn:aws:apigateway:eu-west-1:bedrock:path/model/openai.gpt-oss-20b-1:0/invoke') } },
          Quick: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'q', ProtocolType: 'HTTP', Target: 'https://bedrock-runtime.eu-west-1.amazonaws.com/model/x/converse' } },
          Lambda: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'l', Body: openapi({ 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' }) } },
          Described: {
            Type: 'AWS::ApiGateway::RestApi',
            Properties: { Name: 'd', Description: 'talks to bedrock-runtime on Azure? no', Body: { openapi: '3.0.1', info: { title: 'bedrock-runtime proxy docs' }, paths: {} } },
          },
        }),
      );
      expect(flagged(report, RULE).sort()).toEqual(['Http', 'Quick', 'Rest']);
      const msg = (id: string) => byRule(report, RULE).find((f) => f.resource === id)?.message;
      expect(msg('Rest')).toMatch(/OpenAPI Body routes POST \/invoke to the runtime\.sagemaker model runtime/);
      expect(msg('Http')).toMatch(/to the bedrock model runtime/);
    });

    it('flags Terraform bodies given as JSON strings (tf.json), jsonencode and YAML heredocs (HCL)', async () => {
      const json = await checkOne(
        'tf-json',
        tf({
          aws_api_gateway_rest_api: {
            model: { name: 'm', body: JSON.stringify(openapi('arn:aws:apigateway:${var.region}:bedrock-runtime:path/model/x/invoke')) },
            lambda: { name: 'l', body: JSON.stringify(openapi('${aws_lambda_function.fn.invoke_arn}')) },
          },
        }),
      );
      expect(flagged(json, RULE)).toEqual(['aws_api_gateway_rest_api.model']);

      const hcl = await checkOne('tf-hcl', `
        resource "aws_apigatewayv2_api" "encoded" {
          name          = "e"
          protocol_type = "HTTP"
          body = jsonencode({
            openapi = "3.0.1"
            paths = {
              "/chat" = {
                post = {
                  "x-amazon-apigateway-integration" = {
                    type = "http_proxy"
                    uri  = "https://bedrock-runtime.\${var.region}.amazonaws.com/model/x/invoke"
                  }
                }
              }
            }
          })
        }
        resource "aws_api_gateway_rest_api" "yaml" {
          name = "y"
          body = <<-EOT
            openapi: 3.0.1
            paths:
              /score:
                post:
                  x-amazon-apigateway-integration:
                    type: aws
                    uri: "arn:aws:apigateway:\${var.region}:runtime.sagemaker:path//endpoints/e/invocations"
          EOT
        }
        resource "aws_api_gateway_rest_api" "tools" {
          name = "t"
          body = <<-EOT
            openapi: 3.0.1
            paths:
              /tools:
                post:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    uri: "\${aws_lambda_function.tools.invoke_arn}"
          EOT
        }
        resource "aws_api_gateway_rest_api" "file" {
          name = "f"
          body = templatefile("openapi.yaml", { region = var.region })
        }
      `);
      expect(flagged(hcl, RULE).sort()).toEqual(['aws_api_gateway_rest_api.yaml', 'aws_apigatewayv2_api.encoded']);
      expect(byRule(hcl, RULE).find((f) => f.resource === 'aws_api_gateway_rest_api.yaml')?.message).toMatch(/routes POST \/score to the runtime\.sagemaker model runtime/);
    });
  });

  describe('model servers are found by what runs, never by names', () => {
    it('does not flag proxies and gateways named after model servers (Terraform HCL)', async () => {
      const report = await checkOne('tf-hcl', `
        resource "aws_lambda_function" "proxy" {
          function_name = "ollama-proxy"
          handler       = "ollama_proxy.handler"
          runtime       = "python3.12"
          s3_key        = "tgi-proxy.zip"
          role          = "arn:aws:iam::123456789012:role/vllm-gateway-role"
        }
        resource "aws_ecs_task_definition" "gateway" {
          family                = "vllm-gateway"
          container_definitions = jsonencode([{ name = "triton-router", image = "nginx:1.27", essential = true }])
        }
        resource "aws_ecs_task_definition" "server" {
          family                = "gateway"
          container_definitions = jsonencode([{ name = "app", image = "vllm/vllm-openai:v0.6.3" }])
        }
        resource "aws_lambda_function" "image" {
          function_name = "tools"
          package_type  = "Image"
          image_uri     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ollama:0.3"
        }
      `);
      expect(flagged(report, RULE).sort()).toEqual(['aws_ecs_task_definition.server', 'aws_lambda_function.image']);
    });

    it('still reads images, commands, user data and instance types wherever they sit (CloudFormation)', async () => {
      const manifest = JSON.stringify([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'sglang-proxy' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'lmsysorg/sglang:latest', env: [{ name: 'X', value: 'y' }] }] } } } }]);
      const karpenter = JSON.stringify([{ kind: 'NodePool', metadata: { name: 'gpu-pool' }, spec: { template: { spec: { requirements: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['g6.2xlarge'] }] } } } }]);
      const report = await checkOne(
        'cfn-json',
        cfn({
          Manifest: { Type: 'Custom::AWSCDK-EKS-KubernetesResource', Properties: { Manifest: manifest } },
          NamedOnly: { Type: 'Custom::AWSCDK-EKS-KubernetesResource', Properties: { Manifest: JSON.stringify([{ kind: 'Service', metadata: { name: 'vllm' } }]) } },
          Karpenter: { Type: 'Custom::AWSCDK-EKS-KubernetesResource', Properties: { Manifest: karpenter } },
          Beanstalk: {
            Type: 'AWS::ElasticBeanstalk::Environment',
            Properties: { ApplicationName: 'ollama-app', OptionSettings: [{ Namespace: 'aws:ec2:instances', OptionName: 'InstanceTypes', Value: 'g5.xlarge' }] },
          },
          Runtime: {
            Type: 'AWS::BedrockAgentCore::Runtime',
            Properties: { AgentRuntimeName: 'vllm_client', AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: '1.dkr.ecr.eu-west-1.amazonaws.com/agent:1' } } },
          },
          Batch: { Type: 'AWS::Batch::JobDefinition', Properties: { JobDefinitionName: 'triton-batch', Type: 'container', ContainerProperties: { Image: 'python:3.12', Command: ['text-generation-launcher', '--model-id', 'x'] } } },
        }),
      );
      expect(flagged(report, RULE).sort()).toEqual(['Batch', 'Beanstalk', 'Karpenter', 'Manifest']);
    });
  });
});
