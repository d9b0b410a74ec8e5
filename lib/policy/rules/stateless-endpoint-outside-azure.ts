/**
 * placement/stateless-endpoint-outside-azure: nothing outside Azure serves, routes or hosts
 * stateless inference. The core of the placement guarantee (shared/DOMAIN.md).
 */
import { inferenceReason, inspectsType } from '../detect/inference';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE } from '../rule';
import type { Rule } from '../types';

export const statelessEndpointOutsideAzure: Rule = {
  id: 'placement/stateless-endpoint-outside-azure',
  severity: 'error',
  description: 'A resource outside Azure serves or routes stateless inference, or hosts a model server.',
  rationale:
    'Stateless inference is served only from Azure (Azure OpenAI / AI Services deployments and model servers on AKS GPU pools). ' +
    'A SageMaker endpoint, a Bedrock agent, prompt router or inference profile, an integration that calls a model runtime, ' +
    'an AgentCore memory strategy or evaluator that runs a model, an AgentCore Gateway with semantic tool search (it embeds tool descriptions ' +
    'and queries with a model on AWS) or a gateway target that routes inference, or compute running vLLM/TGI/Triton or on GPU/Inferentia/Trainium ' +
    'instances would move inference (and the prompts it sees) outside the contract.',
  fix:
    'Remove the resource, or move the workload to Azure: deploy the model as an `azurerm_cognitive_deployment` or on an AKS GPU node pool, ' +
    'and have the AWS agent runtime call it over the private link. For AgentCore Memory use no long-term strategies or a custom strategy ' +
    'with `SelfManagedConfiguration`; for evaluators use code-based (Lambda) evaluators; on an AgentCore Gateway leave `SearchType` unset ' +
    '(agents list tools with `tools/list`), and send inference to Azure instead of through a gateway target.',
  scope:
    'SageMaker endpoints/configs/models/inference components, Bedrock agents, aliases, prompt routers, inference profiles, knowledge bases, ' +
    'prompts, flows, AgentCore harness/memory/evaluators/gateways (search type)/gateway targets, Step Functions, AppSync, API Gateway integrations and OpenAPI ' +
    'bodies (`x-amazon-apigateway-integration`), SAM functions/state machines/APIs, compute (ECS, EKS, EC2, Batch, Lambda, App Runner, ' +
    'AgentCore Runtime: images, commands, user data and instance types, never names), Vertex AI endpoints ' +
    '(CloudFormation incl. Fn::ForEach and SAM, Terraform aws/awscc/google).',
  appliesTo: inspectsType,
  evaluate(resource, ctx) {
    if (resource.cloud === 'azure') return NOT_APPLICABLE;
    const reason = inferenceReason(resource, ctx.inventory);
    return reason ? nonCompliant(`${reason}; stateless inference must be served only from Azure`) : COMPLIANT;
  },
};
