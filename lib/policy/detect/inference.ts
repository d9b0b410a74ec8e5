/**
 * What serves, routes or runs stateless inference outside Azure (shared/DOMAIN.md):
 * resource types that exist for inference, resources that call a model when one is set,
 * and compute hosting a model server. One entry per kind, shared by CloudFormation,
 * Terraform `aws_*` / `awscc_*` and Google types; checks read properties with CloudFormation
 * names and fall back to snake_case, so one check serves every spelling.
 */
import { parse as parseYaml } from 'yaml';
import type { InventoryResource, InventoryView } from '../types';
import { decodeDocument } from '../util/hcl-expr';
import { allStrings, blocks, isObj, literal, Obj, prop, referencedId, snake, text } from '../util/values';
import { modelRuntimeOf, renderEndpointText, RUNTIME_HOST_RE, runtimeName } from './endpoint-text';
import { computeSignals, findAcceleratedInstance, findAcceleratorRequest, findModelServer, COMPUTE_TYPES } from './model-server';

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

/** `inv` is there when a rule runs the check (classification has no inventory: cross-resource checks are skipped). */
type Check = (props: Obj, r: InventoryResource, inv?: InventoryView) => string | undefined;

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

/** Step Functions: a Bedrock or SageMaker inference task, or an HTTP task to a model runtime, anywhere in the definition (Fn::Join / Fn::Sub included). */
const stateMachine: Check = (p) => {
  const def = text(prop(p, 'Definition')) + text(prop(p, 'DefinitionString')) + text(prop(p, 'DefinitionSubstitutions'));
  const m = SFN_RE.exec(def);
  if (m) return `state machine calls ${m[0].slice(1)} (inference on AWS)`;
  const runtime = /:states:::http:invoke/i.test(def) ? modelRuntimeOf([prop(p, 'Definition'), prop(p, 'DefinitionString'), prop(p, 'DefinitionSubstitutions')]) : undefined;
  return runtime ? `state machine HTTP task calls the ${runtime} model runtime endpoint (inference on AWS)` : undefined;
};

const appSync: Check = (p, r, inv) =>
  literal(prop(p, 'Type'))?.toUpperCase() === 'AMAZON_BEDROCK_RUNTIME'
    ? 'AppSync data source of type AMAZON_BEDROCK_RUNTIME invokes Bedrock models'
    : httpEndpoint('AppSync HTTP data source', 'HttpConfig', 'Endpoint')(p, r, inv);

/**
 * API Gateway integrations (v1 Method.Integration.Uri, v2 IntegrationUri, Terraform uri/integration_uri) to a model
 * runtime, also when the URI is built with Fn::Sub / Fn::Join / interpolation.
 */
const apiIntegration: Check = (p) => {
  const runtime = modelRuntimeOf([prop(p, 'Integration'), prop(p, 'Uri'), prop(p, 'IntegrationUri')]);
  return runtime ? `API integration forwards to the ${runtime} model runtime` : undefined;
};

/** An HTTP endpoint a resource calls (AppSync HTTP data sources, EventBridge API destinations) that is a model runtime. */
const httpEndpoint =
  (what: string, ...path: string[]): Check =>
  (p) => {
    let v: unknown = p;
    for (const name of path) v = blocks(prop(v, name))[0] ?? prop(v, name);
    const runtime = modelRuntimeOf(v);
    return runtime ? `${what} calls the ${runtime} model runtime endpoint` : undefined;
  };

/**
 * An OpenAPI definition as data: CloudFormation gives an object; Terraform a JSON string,
 * `jsonencode(...)` text or YAML (a heredoc). Undefined when it is a reference or unreadable.
 */
function openApiDocument(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const doc = decodeDocument(body);
  if (doc !== undefined) return doc;
  if (/^\s*\$\{/.test(body)) return undefined;
  try {
    return parseYaml(body, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

const INTEGRATION_KEY = 'x-amazon-apigateway-integration';

/** The model runtime an `x-amazon-apigateway-integration` object's `uri` points at. */
function integrationRuntime(integration: unknown): string | undefined {
  const m = RUNTIME_HOST_RE.exec(text(prop(integration, 'Uri')));
  return m ? runtimeName(m[0]) : undefined;
}

/** `POST /chat` for a trail `paths./chat.post`; the trail itself otherwise. */
function operationName(trail: readonly string[]): string {
  const i = trail.indexOf('paths');
  if (i >= 0 && trail.length >= i + 3) return `${trail[i + 2].replace(/^x-amazon-apigateway-any-method$/i, 'any').toUpperCase()} ${trail[i + 1]}`;
  return trail.join('.') || 'the API';
}

/** First operation (or reusable integration) whose integration forwards to a model runtime. */
function findModelIntegration(v: unknown, trail: string[], depth: number): string | undefined {
  if (depth > 24 || typeof v !== 'object' || v === null) return undefined;
  if (Array.isArray(v)) {
    for (const x of v) {
      const hit = findModelIntegration(x, trail, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  for (const [k, x] of Object.entries(v as Obj)) {
    const key = k.toLowerCase();
    if (key === INTEGRATION_KEY) {
      const runtime = integrationRuntime(x);
      if (runtime) return `routes ${operationName(trail)} to the ${runtime} model runtime`;
    } else if (key === `${INTEGRATION_KEY}s` && isObj(x)) {
      // HTTP APIs: reusable integrations under components.
      for (const [name, integration] of Object.entries(x)) {
        const runtime = integrationRuntime(integration);
        if (runtime) return `has integration "${name}" forwarding to the ${runtime} model runtime`;
      }
    } else {
      trail.push(k);
      const hit = findModelIntegration(x, trail, depth + 1);
      trail.pop();
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * API Gateway OpenAPI bodies (REST `Body`, HTTP `Body`, SAM `DefinitionBody`, Terraform `body`):
 * an `x-amazon-apigateway-integration` whose `uri` is a model runtime routes inference. HTTP API
 * quick-create `Target` too.
 */
const openApi =
  (bodyProp: string): Check =>
  (p) => {
    const target = RUNTIME_HOST_RE.exec(text(prop(p, 'Target')));
    if (target) return `API target forwards to the ${runtimeName(target[0])} model runtime`;
    const body = prop(p, bodyProp);
    if (body === undefined || body === null) return undefined;
    const raw = text(body);
    if (!raw.includes(INTEGRATION_KEY)) return undefined;
    const doc = openApiDocument(body);
    if (doc === undefined || typeof doc !== 'object') {
      // Unreadable (a template with interpolations the parsers reject): fall back to the text.
      const m = RUNTIME_HOST_RE.exec(raw);
      return m ? `OpenAPI ${bodyProp} has an ${INTEGRATION_KEY} to the ${runtimeName(m[0])} model runtime` : undefined;
    }
    const hit = findModelIntegration(doc, [], 0);
    return hit ? `OpenAPI ${bodyProp} ${hit}` : undefined;
  };

const OPENAPI_CFN: Record<string, Check> = {
  'AWS::ApiGateway::RestApi': openApi('Body'),
  'AWS::ApiGatewayV2::Api': openApi('Body'),
};
const OPENAPI_SAM: Record<string, Check> = {
  'AWS::Serverless::Api': openApi('DefinitionBody'),
  'AWS::Serverless::HttpApi': openApi('DefinitionBody'),
};
const OPENAPI_TF: Record<string, Check> = {
  aws_api_gateway_rest_api: openApi('Body'),
  aws_apigatewayv2_api: openApi('Body'),
};
const API_CHECKS = new Map<string, Check>([...Object.entries(OPENAPI_CFN), ...Object.entries(OPENAPI_SAM), ...Object.entries(OPENAPI_TF)]);

/**
 * SAM function `Events` of type Api / HttpApi on an API (RestApiId / ApiId) that routes inference:
 * the function is served behind model routing.
 */
function samApiEvents(p: Obj, r: InventoryResource, inv?: InventoryView): string | undefined {
  const events = prop(p, 'Events');
  if (!inv || !isObj(events)) return undefined;
  for (const [name, event] of Object.entries(events)) {
    if (!isObj(event)) continue;
    const type = literal(event.Type);
    if (type !== 'Api' && type !== 'HttpApi') continue;
    const props = isObj(event.Properties) ? event.Properties : {};
    const ref = referencedId(props.RestApiId ?? props.ApiId);
    const api = ref ? inv.lookup(r.stack, ref) : undefined;
    const check = api ? API_CHECKS.get(api.type) : undefined;
    const reason = api && check ? check(api.properties as Obj, api, inv) : undefined;
    if (reason) return `its ${type} event "${name}" is on API ${ref}, whose ${reason}`;
  }
  return undefined;
}

/** SigV4 service names of model runtimes. */
const MODEL_SERVICES = new Set(['bedrock', 'bedrock-runtime', 'bedrock-mantle', 'sagemaker', 'sagemaker-runtime', 'runtime.sagemaker']);

/**
 * AgentCore gateway targets that route inference: an `Inference` target (an LLM provider behind
 * the gateway) or an HTTP passthrough of protocol INFERENCE; or whose IAM credential provider
 * signs for a model runtime, or whose endpoint is one.
 */
const gatewayTarget: Check = (p) => {
  const target = blocks(prop(p, 'TargetConfiguration'))[0];
  if (target && prop(target, 'Inference') !== undefined && prop(target, 'Inference') !== null) {
    return 'gateway target of type Inference routes model inference requests through the AgentCore Gateway on AWS';
  }
  const passthrough = blocks(prop(blocks(prop(target, 'Http'))[0], 'Passthrough'))[0];
  if (literal(prop(passthrough, 'ProtocolType'))?.toUpperCase() === 'INFERENCE') {
    return 'gateway target passes INFERENCE traffic through the AgentCore Gateway on AWS';
  }
  const all = text(p);
  for (const m of all.matchAll(/"(?:Service|service)"\s*:\s*"([a-z.-]+)"/g)) {
    if (MODEL_SERVICES.has(m[1])) return `gateway target signs requests for ${m[1]} (model inference on AWS)`;
  }
  const host = RUNTIME_HOST_RE.exec(renderEndpointText(p));
  return host ? `gateway target points at the ${host[0]} model runtime` : undefined;
};

/** Search types of an AgentCore Gateway's MCP configuration that embed tools and queries with a model (SEMANTIC; HYBRID adds keyword search to it). */
const MODEL_BACKED_SEARCH = /SEMANTIC|HYBRID/i;

/**
 * AgentCore Gateway tool search: `SearchType: SEMANTIC` (CloudFormation `ProtocolConfiguration.Mcp`,
 * Terraform/awscc `protocol_configuration.mcp.search_type`) makes the gateway embed every tool
 * description and each search query with an embedding model hosted on AWS.
 */
const gatewaySearch: Check = (p) => {
  const mcp = blocks(prop(blocks(prop(p, 'ProtocolConfiguration'))[0], 'Mcp'))[0];
  const type = literal(prop(mcp, 'SearchType'));
  return type && MODEL_BACKED_SEARCH.test(type)
    ? `gateway tool search is ${type}: the gateway embeds tool descriptions and search queries with an embedding model on AWS (stateless inference); leave SearchType unset`
    : undefined;
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

/**
 * Keys left out of the accelerator-request text: environment variables point at endpoints, tags
 * and descriptions are prose. (Model servers and instance types are read from `computeSignals`,
 * which looks only at images, commands, user data and instance types.)
 */
const PROSE_KEYS = new Set(['Environment', 'environment', 'EnvironmentVariables', 'environment_variables', 'Tags', 'tags', 'tags_all', 'Description', 'description']);
const dropProse = (key: string, value: unknown) => (PROSE_KEYS.has(key) ? undefined : value);

/** Compute hosting a model server: inference images/commands, accelerated instances, GPU/Neuron requests. */
const compute: Check = (p) => {
  const signals = computeSignals(p);
  const server = findModelServer(signals.runs);
  if (server) return `runs a model server (${server})`;
  const accel = findAcceleratedInstance(signals.instances);
  if (accel) return `uses accelerated instance type ${accel} (GPU/Inferentia/Trainium: model hosting)`;
  // Accelerator requests are structural (`"Type":"GPU"`, `nvidia.com/gpu`, GPU AMI types): searched in the JSON, nested documents unescaped.
  let json = JSON.stringify(p, dropProse);
  if (json.includes('\\"')) json += json.replace(/\\"/g, '"');
  const request = findAcceleratorRequest(json);
  if (request) return `requests accelerators (${request}) for model hosting`;
  return undefined;
};

/** SAM functions: compute (an image of a model server) or events on an API that routes inference. */
const samFunction: Check = (p, r, inv) => compute(p, r, inv) ?? samApiEvents(p, r, inv);

/** Conditional checks by CloudFormation type (awscc names derived) and by Terraform type. */
const CONDITIONAL_CFN: Record<string, Check> = {
  'AWS::BedrockAgentCore::Memory': memory,
  'AWS::Bedrock::KnowledgeBase': modelReference('knowledge base'),
  'AWS::Bedrock::Prompt': modelReference('prompt'),
  'AWS::Bedrock::Flow': modelReference('flow'),
  'AWS::StepFunctions::StateMachine': stateMachine,
  'AWS::AppSync::DataSource': appSync,
  'AWS::Events::ApiDestination': httpEndpoint('EventBridge API destination', 'InvocationEndpoint'),
  'AWS::ApiGateway::Method': apiIntegration,
  'AWS::ApiGatewayV2::Integration': apiIntegration,
  'AWS::BedrockAgentCore::GatewayTarget': gatewayTarget,
  'AWS::BedrockAgentCore::Gateway': gatewaySearch,
  'AWS::BedrockAgentCore::Evaluator': evaluator,
  'AWS::BedrockAgentCore::OnlineEvaluationConfig': onlineEvaluation,
  ...OPENAPI_CFN,
};
/** SAM (AWS::Serverless-2016-10-31 transform): no awscc or Terraform spelling. */
const CONDITIONAL_SAM: Record<string, Check> = {
  'AWS::Serverless::Function': samFunction,
  'AWS::Serverless::StateMachine': stateMachine,
  ...OPENAPI_SAM,
};
const CONDITIONAL_TF: Record<string, Check> = {
  aws_bedrockagentcore_memory_strategy: memory,
  aws_bedrockagent_knowledge_base: modelReference('knowledge base'),
  aws_bedrockagent_prompt: modelReference('prompt'),
  aws_bedrockagent_flow: modelReference('flow'),
  aws_sfn_state_machine: stateMachine,
  aws_appsync_datasource: appSync,
  aws_cloudwatch_event_api_destination: httpEndpoint('EventBridge API destination', 'invocation_endpoint'),
  aws_api_gateway_integration: apiIntegration,
  aws_apigatewayv2_integration: apiIntegration,
  aws_bedrockagentcore_gateway_target: gatewayTarget,
  aws_bedrockagentcore_gateway: gatewaySearch,
  aws_bedrockagentcore_evaluator: evaluator,
  aws_bedrockagentcore_online_evaluation_config: onlineEvaluation,
  ...OPENAPI_TF,
};

const ALWAYS = new Map<string, string>(Object.entries(ALWAYS_TF));
const CONDITIONAL = new Map<string, Check>([...Object.entries(CONDITIONAL_TF), ...Object.entries(CONDITIONAL_SAM)]);
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

/**
 * Why a resource serves, routes or runs inference; undefined when it does not. Cloud is checked by
 * the caller. With the inventory, checks that follow references run too (a SAM function's API events).
 */
export function inferenceReason(r: InventoryResource, inv?: InventoryView): string | undefined {
  const always = ALWAYS.get(r.type);
  if (always) return always;
  const check = CONDITIONAL.get(r.type);
  if (check) return check(r.properties as Obj, r, inv);
  if (COMPUTE_TYPES.has(r.type)) return compute(r.properties as Obj, r, inv);
  return undefined;
}

/** Whether a type exists only to serve or route inference (no property check needed). */
export const isInferenceType = (type: string): boolean => ALWAYS.has(type);
