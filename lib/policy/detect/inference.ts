/**
 * What serves, routes or runs stateless inference outside Azure (shared/DOMAIN.md):
 * resource types that exist for inference, resources that call a model when one is set,
 * and compute hosting a model server. One entry per kind, shared by CloudFormation,
 * Terraform `aws_*` / `awscc_*` and Google types; checks read properties with CloudFormation
 * names and fall back to snake_case, so one check serves every spelling.
 */
import type { InventoryResource } from '../types';
import { allStrings, blocks, isObj, literal, Obj, prop, snake, text } from '../util/values';
import { findAcceleratedInstance, findAcceleratorRequest, findModelServer, COMPUTE_TYPES } from './model-server';

/** Types whose only purpose is serving or routing inference (or which carry a model config). */
const ALWAYS_CFN: Record<string, string> = {
  'AWS::SageMaker::Endpoint': 'a SageMaker endpoint serves model inference',
  'AWS::SageMaker::EndpointConfig': 'a SageMaker endpoint configuration defines inference hosting (real-time, serverless or async)',
  'AWS::SageMaker::Model': 'a SageMaker model is a deployable inference container',
  'AWS::SageMaker::InferenceComponent': 'a SageMaker inference component hosts a model on an endpoint',
  'AWS::SageMaker::InferenceExperiment': 'a SageMaker inference experiment routes inference traffic between model variants',
  'AWS::Bedrock::ApplicationInferenceProfile': 'a Bedrock application inference profile routes model invocations',
  'AWS::Bedrock::IntelligentPromptRouter': 'a Bedrock prompt router routes prompts to Bedrock models',
  'AWS::Bedrock::DefaultPromptRouter': 'a Bedrock prompt router routes prompts to Bedrock models',
  'AWS::Bedrock::Agent': 'a classic Bedrock agent invokes a Bedrock foundation model',
  'AWS::Bedrock::AgentAlias': 'a Bedrock agent alias is an invocable endpoint of a Bedrock agent',
  'AWS::BedrockAgentCore::Harness': 'an AgentCore harness carries a model configuration and calls the model on AWS',
  'AWS::BedrockAgentCore::HarnessEndpoint': 'an AgentCore harness endpoint serves a harness that calls a model on AWS',
};

/** Terraform (hashicorp/aws, google) types with the same meaning. */
const ALWAYS_TF: Record<string, string> = {
  aws_sagemaker_endpoint: ALWAYS_CFN['AWS::SageMaker::Endpoint'],
  aws_sagemaker_endpoint_configuration: ALWAYS_CFN['AWS::SageMaker::EndpointConfig'],
  aws_sagemaker_model: ALWAYS_CFN['AWS::SageMaker::Model'],
  aws_sagemaker_inference_component: ALWAYS_CFN['AWS::SageMaker::InferenceComponent'],
  aws_bedrock_inference_profile: ALWAYS_CFN['AWS::Bedrock::ApplicationInferenceProfile'],
  aws_bedrock_provisioned_model_throughput: 'Bedrock provisioned throughput reserves model inference capacity',
  aws_bedrockagent_agent: ALWAYS_CFN['AWS::Bedrock::Agent'],
  aws_bedrockagent_agent_alias: ALWAYS_CFN['AWS::Bedrock::AgentAlias'],
  aws_bedrockagent_agent_collaborator: 'a Bedrock agent collaborator wires classic Bedrock agents together',
  aws_bedrockagentcore_harness: ALWAYS_CFN['AWS::BedrockAgentCore::Harness'],
  google_vertex_ai_endpoint: 'a Vertex AI endpoint serves model predictions',
  google_vertex_ai_endpoint_with_model_garden_deployment: 'a Vertex AI Model Garden deployment serves a model',
  google_vertex_ai_index_endpoint: 'a Vertex AI index endpoint serves vector search queries',
  google_vertex_ai_index_endpoint_deployed_index: 'a deployed Vertex AI index serves vector search queries',
  google_vertex_ai_deployment_resource_pool: 'a Vertex AI deployment resource pool hosts model deployments',
  google_ml_engine_model: 'an AI Platform model serves predictions',
};

/** `AWS::SageMaker::EndpointConfig` -> `awscc_sagemaker_endpoint_config` (the awscc provider naming). */
export function awsccName(cfnType: string): string {
  const [, service, resource] = cfnType.split('::');
  return `awscc_${service.toLowerCase()}_${snake(resource)}`;
}

type Check = (props: Obj, r: InventoryResource) => string | undefined;

/** A Memory strategy entry keeps inference off AWS only when it is custom with a self-managed configuration. */
function memoryStrategyReason(entry: Obj): string | undefined {
  for (const [key, value] of Object.entries(entry)) {
    if (value === null || value === undefined) continue;
    const k = key.replace(/_/g, '').toLowerCase();
    if (k !== 'custommemorystrategy') return `memory strategy ${key} extracts memories with a Bedrock model on AWS`;
    const config = prop(value, 'Configuration');
    const keys = isObj(config) ? Object.keys(config).filter((c) => config[c] !== null && config[c] !== undefined) : [];
    if (!(keys.length === 1 && /^self_?managed_?configuration$/i.test(keys[0]))) {
      return `custom memory strategy "${literal(prop(value, 'Name')) ?? key}" is not self-managed (built-in or override extraction runs a Bedrock model on AWS)`;
    }
  }
  return undefined;
}

/** AgentCore Memory: CloudFormation `MemoryStrategies` entries, Terraform `aws_bedrockagentcore_memory_strategy`. */
const memory: Check = (p, r) => {
  if (r.type === 'aws_bedrockagentcore_memory_strategy') {
    const type = literal(p.type)?.toUpperCase();
    const cfgType = literal(prop(blocks(p.configuration)[0], 'Type'))?.toUpperCase();
    if (type === 'CUSTOM' && cfgType !== undefined && /SELF_MANAGED/.test(cfgType)) return undefined;
    return `memory strategy of type ${type ?? 'unknown'}${cfgType ? ` (${cfgType})` : ''} extracts memories with a Bedrock model on AWS`;
  }
  for (const entry of blocks(prop(p, 'MemoryStrategies'))) {
    const reason = memoryStrategyReason(entry);
    if (reason) return reason;
  }
  return undefined;
};

const MODEL_REF_RE = /\\?"(?:EmbeddingModelArn|embedding_model_arn|embeddingModelArn|ModelArn|model_arn|modelArn|ModelId|model_id|modelId|FoundationModel|foundation_model)\\?"\s*:\s*(?!\\?""|null)|foundation-model\/|inference-profile\//;

/** Knowledge bases (embedding model), prompts and flows (model ids): only when a model is referenced. */
const modelReference =
  (what: string): Check =>
  (p) => {
    const m = MODEL_REF_RE.exec(text(p));
    return m ? `${what} references a Bedrock model (${m[0].replace(/[\\":\s]/g, '').slice(0, 40)}), so it runs inference on AWS` : undefined;
  };

const SFN_RE = /:states:::(?:bedrock:[A-Za-z]+|sagemaker:(?:createEndpoint|createEndpointConfig|createModel|updateEndpoint|createTransformJob)\w*|aws-sdk:(?:bedrockruntime|bedrockagentruntime|sagemakerruntime):[A-Za-z]+)/i;

/** Step Functions: a Bedrock or SageMaker inference task anywhere in the definition (Fn::Join / Fn::Sub included). */
const stateMachine: Check = (p) => {
  const def = text(prop(p, 'Definition')) + text(prop(p, 'DefinitionString')) + text(prop(p, 'DefinitionSubstitutions'));
  const m = SFN_RE.exec(def);
  return m ? `state machine calls ${m[0].slice(1)} (inference on AWS)` : undefined;
};

const appSync: Check = (p) =>
  literal(prop(p, 'Type'))?.toUpperCase() === 'AMAZON_BEDROCK_RUNTIME' ? 'AppSync data source of type AMAZON_BEDROCK_RUNTIME invokes Bedrock models' : undefined;

const RUNTIME_HOST_RE = /runtime\.sagemaker|sagemaker-runtime|bedrock-runtime|bedrock-agent-runtime|bedrock-mantle|:bedrock:(?:path|action)\/|:sagemaker:(?:path|action)\//i;

/** API Gateway integrations (v1 Method.Integration.Uri, v2 IntegrationUri, Terraform uri/integration_uri) to a model runtime. */
const apiIntegration: Check = (p) => {
  const uri = text(prop(p, 'Integration')) + text(prop(p, 'Uri')) + text(prop(p, 'IntegrationUri'));
  const m = RUNTIME_HOST_RE.exec(uri);
  return m ? `API integration forwards to the ${m[0].replace(/^:|[:/]$/g, '')} model runtime` : undefined;
};

/** SigV4 service names of model runtimes. */
const MODEL_SERVICES = new Set(['bedrock', 'bedrock-runtime', 'bedrock-mantle', 'sagemaker', 'sagemaker-runtime', 'runtime.sagemaker']);

/** AgentCore gateway targets whose IAM credential provider signs for a model runtime. */
const gatewayTarget: Check = (p) => {
  const all = text(p);
  for (const m of all.matchAll(/"(?:Service|service)"\s*:\s*"([a-z.-]+)"/g)) {
    if (MODEL_SERVICES.has(m[1])) return `gateway target signs requests for ${m[1]} (model inference on AWS)`;
  }
  const host = RUNTIME_HOST_RE.exec(all);
  return host ? `gateway target points at the ${host[0]} model runtime` : undefined;
};

/** AgentCore evaluators with an LLM judge (or derived from one) run a model on AWS. */
const evaluator: Check = (p) => {
  const cfg = prop(p, 'EvaluatorConfig');
  const c = blocks(cfg)[0];
  if (prop(c, 'LlmAsAJudge') !== undefined) return 'evaluator uses an LLM judge (a model invoked on AWS)';
  if (prop(c, 'Derived') !== undefined) return 'evaluator is derived from a base evaluator and runs a model on AWS';
  return undefined;
};

/** Online evaluation configs referencing AWS-managed (Builtin.* / ThirdParty.*) evaluators, which run LLM judges. */
const onlineEvaluation: Check = (p) => {
  const ids = allStrings(prop(p, 'Evaluators') ?? p.evaluator ?? p.evaluators);
  const managed = ids.find((s) => /^(?:Builtin|ThirdParty)\./.test(s));
  return managed ? `online evaluation uses the AWS-managed evaluator ${managed} (an LLM judge on AWS)` : undefined;
};

const BASE64_RE = /^[A-Za-z0-9+/]{16,}={0,2}$/;

/**
 * Keys left out of compute text: environment variables point at endpoints (a model server on Azure is
 * fine), tags and descriptions are prose. Images, commands, user data and instance types remain.
 */
const PROSE_KEYS = new Set(['Environment', 'environment', 'EnvironmentVariables', 'environment_variables', 'Tags', 'tags', 'tags_all', 'Description', 'description']);
const dropProse = (key: string, value: unknown) => (PROSE_KEYS.has(key) ? undefined : value);

/** Searchable text of compute properties: nested JSON strings unescaped, literal base64 user data decoded. */
function computeText(p: Obj): string {
  let json = JSON.stringify(p, dropProse);
  if (json.includes('\\"')) json += json.replace(/\\"/g, '"');
  for (const key of ['UserData', 'user_data', 'user_data_base64']) {
    const v = prop(p, key) ?? prop(prop(p, 'LaunchTemplateData'), key);
    const lit = literal(v);
    if (lit && BASE64_RE.test(lit)) json += '\n' + Buffer.from(lit, 'base64').toString('utf8');
  }
  return json;
}

/** Compute hosting a model server: inference images/commands, accelerated instances, GPU/Neuron requests. */
const compute: Check = (p) => {
  const json = computeText(p);
  const server = findModelServer(json);
  if (server) return `runs a model server (${server})`;
  const accel = findAcceleratedInstance(json);
  if (accel) return `uses accelerated instance type ${accel} (GPU/Inferentia/Trainium: model hosting)`;
  const request = findAcceleratorRequest(json);
  if (request) return `requests accelerators (${request}) for model hosting`;
  return undefined;
};

/** Conditional checks by CloudFormation type (awscc names derived) and by Terraform type. */
const CONDITIONAL_CFN: Record<string, Check> = {
  'AWS::BedrockAgentCore::Memory': memory,
  'AWS::Bedrock::KnowledgeBase': modelReference('knowledge base'),
  'AWS::Bedrock::Prompt': modelReference('prompt'),
  'AWS::Bedrock::Flow': modelReference('flow'),
  'AWS::StepFunctions::StateMachine': stateMachine,
  'AWS::AppSync::DataSource': appSync,
  'AWS::ApiGateway::Method': apiIntegration,
  'AWS::ApiGatewayV2::Integration': apiIntegration,
  'AWS::BedrockAgentCore::GatewayTarget': gatewayTarget,
  'AWS::BedrockAgentCore::Evaluator': evaluator,
  'AWS::BedrockAgentCore::OnlineEvaluationConfig': onlineEvaluation,
};
const CONDITIONAL_TF: Record<string, Check> = {
  aws_bedrockagentcore_memory_strategy: memory,
  aws_bedrockagent_knowledge_base: modelReference('knowledge base'),
  aws_bedrockagent_prompt: modelReference('prompt'),
  aws_bedrockagent_flow: modelReference('flow'),
  aws_sfn_state_machine: stateMachine,
  aws_appsync_datasource: appSync,
  aws_api_gateway_integration: apiIntegration,
  aws_apigatewayv2_integration: apiIntegration,
  aws_bedrockagentcore_gateway_target: gatewayTarget,
  aws_bedrockagentcore_evaluator: evaluator,
  aws_bedrockagentcore_online_evaluation_config: onlineEvaluation,
};

const ALWAYS = new Map<string, string>(Object.entries(ALWAYS_TF));
const CONDITIONAL = new Map<string, Check>(Object.entries(CONDITIONAL_TF));
for (const [t, reason] of Object.entries(ALWAYS_CFN)) {
  ALWAYS.set(t, reason);
  ALWAYS.set(awsccName(t), reason);
}
for (const [t, check] of Object.entries(CONDITIONAL_CFN)) {
  CONDITIONAL.set(t, check);
  CONDITIONAL.set(awsccName(t), check);
}

/** Whether the inference detector looks at this type at all (used once per type by the engine). */
export const inspectsType = (type: string): boolean => ALWAYS.has(type) || CONDITIONAL.has(type) || COMPUTE_TYPES.has(type);

/** Why a resource serves, routes or runs inference; undefined when it does not. Cloud is checked by the caller. */
export function inferenceReason(r: InventoryResource): string | undefined {
  const always = ALWAYS.get(r.type);
  if (always) return always;
  const check = CONDITIONAL.get(r.type);
  if (check) return check(r.properties as Obj, r);
  if (COMPUTE_TYPES.has(r.type)) return compute(r.properties as Obj, r);
  return undefined;
}

/** Whether a type exists only to serve or route inference (no property check needed). */
export const isInferenceType = (type: string): boolean => ALWAYS.has(type);
