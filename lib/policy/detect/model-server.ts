/**
 * Signs that compute hosts a model server: well-known inference server images and commands,
 * and accelerated instance families (NVIDIA/AMD GPU, Inferentia, Trainium, Gaudi).
 * Regexes are compiled once; callers search the few compute resource types only.
 *
 * Only what a machine runs is searched: image URIs, commands / entry points / arguments, user
 * data and startup scripts, instance types. Names (function, family, container, service names),
 * descriptions, tags and environment variables are never searched: a Lambda named `ollama-proxy`
 * or a task family `vllm-gateway` running nginx is a client or a proxy, not a model server.
 */
import { decodeDocument } from '../util/hcl-expr';
import { literal } from '../util/values';


/**
 * Model-server images and launchers. Distinctive names match as a word but not as a host name
 * (`https://vllm.serving.internal` is a client of a model server, e.g. on Azure over the link);
 * the short ones (`tgi`, `lmi`, `triton`, `nim`) only as an image name with a tag or as a tag part.
 */
const MODEL_SERVER_RE = new RegExp(
  [
    String.raw`(?<![\w.-])(?<!\/\/)(?:vllm(?:-openai)?|sglang|ollama|tritonserver|triton-inference-server|text-generation-inference|text-generation-launcher|text-embeddings-inference|djl-inference|djl-serving|tensorrt-llm|trtllm-serve|llama\.cpp|llama-cpp|llamacpp|llama-server|lorax-launcher|localai|xinference)(?![\w])`,
    String.raw`(?:^|[/"'\s])(?:tgi|lmi|triton|nim|lorax)(?=[:@])`,
    String.raw`[-_.](?:tgi|lmi)[0-9.]*(?=[-_.:"'\s]|$)`,
    String.raw`nvcr\.io/nim/`,
    String.raw`huggingface-pytorch-tgi-inference`,
  ].join('|'),
  'i',
);

/** Cheap prefilter: most texts contain none of these fragments, so the full regex rarely runs. */
const MODEL_SERVER_HINT = /vllm|sglang|ollama|triton|generation|embeddings-inf|djl|tensorrt|trtllm|llama|lorax|localai|xinference|tgi|lmi|nim/i;

/** The model-server name found in `text`, if any. */
export function findModelServer(text: string): string | undefined {
  if (!MODEL_SERVER_HINT.test(text)) return undefined;
  const m = MODEL_SERVER_RE.exec(text);
  return m ? m[0].replace(/^[/"'\s\-_.]+/, '') : undefined;
}

/**
 * Accelerated EC2 / SageMaker instance types: g*, gr*, p* (incl. `p6-b200`), inf*, trn*, dl*,
 * with an optional `ml.` prefix, e.g. g4dn.xlarge, g6e.12xlarge, p5.48xlarge, ml.inf2.xlarge.
 * Also GCP accelerator machine types (a2/a3/a4/g2 and TPU `ct*`).
 */
const ACCELERATED_RE = new RegExp(
  [
    String.raw`(?<![\w.-])(?:ml\.)?(?:g\d+[a-z]*|gr\d+[a-z]*|p\d+[a-z]*(?:-[a-z0-9]+)?|inf\d+[a-z]*|trn\d+[a-z]*|dl\d+[a-z]*)\.(?:\d*x?large|\d+xlarge|metal(?:-\d+xl)?|medium|small)(?![\w-])`,
    String.raw`(?<![\w-])(?:a2|a3|a4|g2|g4)-(?:highgpu|megagpu|ultragpu|edgegpu|standard)-\d+g?(?![\w-])`,
    String.raw`(?<![\w-])ct\d[a-z]*-(?:hightpu|standard)-\d+t(?![\w-])`,
  ].join('|'),
  'i',
);

const ACCELERATED_HINT = /large|metal|medium|small|gpu|tpu/i;

/** The accelerated instance type found in `text`, if any. */
export function findAcceleratedInstance(text: string): string | undefined {
  if (!ACCELERATED_HINT.test(text)) return undefined;
  const m = ACCELERATED_RE.exec(text);
  return m ? m[0] : undefined;
}

/** GPU or Neuron AMIs / accelerator requests (EKS AmiType, ECS GPU resource requirements, GCP guest accelerators). */
const ACCELERATOR_REQUEST_RE =
  /"(?:AmiType|ami_type)":"[A-Z0-9_]*(?:GPU|NVIDIA|NEURON)[A-Z0-9_]*"|"(?:Type|type)":"GPU"|"(?:AcceleratorTypes|accelerator_types)":\[[^\]]*"(?:gpu|inference)"|nvidia\.com\/gpu|aws\.amazon\.com\/neuron|"guest_accelerator":\[\{|"InferenceAccelerators":\[\{|"accelerator_count":[1-9]|\btype\s*=\s*"GPU"/i;

const ACCELERATOR_HINT = /gpu|nvidia|neuron|accelerat/i;

/** A request for accelerators (GPU/Neuron) found in JSON text, if any. */
export function findAcceleratorRequest(json: string): string | undefined {
  if (!ACCELERATOR_HINT.test(json)) return undefined;
  const m = ACCELERATOR_REQUEST_RE.exec(json);
  return m ? m[0].replace(/"/g, '') : undefined;
}

/**
 * Compute that can host a model server: where images, user data, manifests and instance
 * types live. CloudFormation, Terraform aws/awscc and Google types.
 */
export const COMPUTE_TYPES: ReadonlySet<string> = new Set([
  'AWS::ECS::TaskDefinition', 'AWS::Batch::JobDefinition', 'AWS::Batch::ComputeEnvironment', 'AWS::Lambda::Function',
  'AWS::Serverless::Function', 'AWS::AppRunner::Service', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate',
  'AWS::AutoScaling::LaunchConfiguration', 'AWS::AutoScaling::AutoScalingGroup', 'AWS::EC2::EC2Fleet', 'AWS::EC2::SpotFleet',
  'AWS::EKS::Nodegroup', 'AWS::EKS::Cluster', 'AWS::BedrockAgentCore::Runtime', 'AWS::Lightsail::Container', 'AWS::Lightsail::Instance',
  'AWS::ElasticBeanstalk::Environment', 'AWS::EMR::Cluster', 'AWS::SageMaker::NotebookInstance',
  'Custom::AWSCDK-EKS-KubernetesResource', 'Custom::AWSCDK-EKS-HelmChart',
  'aws_ecs_task_definition', 'aws_batch_job_definition', 'aws_batch_compute_environment', 'aws_lambda_function',
  'aws_apprunner_service', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_autoscaling_group',
  'aws_ec2_fleet', 'aws_spot_fleet_request', 'aws_spot_instance_request', 'aws_eks_node_group', 'aws_bedrockagentcore_agent_runtime',
  'aws_lightsail_container_service_deployment_version', 'aws_lightsail_instance', 'aws_elastic_beanstalk_environment',
  'aws_emr_cluster', 'aws_sagemaker_notebook_instance',
  'awscc_ecs_task_definition', 'awscc_batch_job_definition', 'awscc_batch_compute_environment', 'awscc_lambda_function',
  'awscc_apprunner_service', 'awscc_ec2_instance', 'awscc_ec2_launch_template', 'awscc_autoscaling_auto_scaling_group',
  'awscc_eks_nodegroup', 'awscc_bedrockagentcore_runtime',
  'google_compute_instance', 'google_compute_instance_template', 'google_compute_region_instance_template',
  'google_container_node_pool', 'google_container_cluster', 'google_cloud_run_v2_service', 'google_cloud_run_service',
  'google_cloud_run_v2_job', 'google_workbench_instance', 'google_tpu_v2_vm', 'google_tpu_node',
]);

/** Normalized (lowercase alphanumerics) keys whose values say what runs: images, commands, scripts. */
const RUNS_KEYS = new Set([
  'image', 'imageuri', 'imageidentifier', 'imagename', 'containeruri', 'containerimage', 'repository', 'chart',
  'command', 'commands', 'entrypoint', 'args', 'arguments', 'cmd', 'startcommand',
  'userdata', 'userdatabase64', 'metadatastartupscript', 'startupscript',
]);
/** Keys holding base64 user data (a literal is decoded). */
const USER_DATA_KEYS = new Set(['userdata', 'userdatabase64']);
/** Subtrees never searched: environment variables point at endpoints (a model server on Azure is fine), the rest is prose. */
const SKIPPED_KEYS = new Set(['environment', 'environmentvariables', 'env', 'envfrom', 'tags', 'tagsall', 'labels', 'annotations', 'description']);
/** Name/value pair objects: `{ OptionName: "InstanceType", Value }` (Beanstalk), `{ key: "node.kubernetes.io/instance-type", values }`. */
const PAIR_NAME_KEYS = ['OptionName', 'option_name', 'name', 'Name', 'key', 'Key'];
const PAIR_VALUE_KEYS = ['Value', 'value', 'values', 'Values'];

const NONE = 0;
const RUNS = 1;
const INSTANCE = 2;
const USER_DATA = 3;
const SKIP = -1;
type Kind = typeof NONE | typeof RUNS | typeof INSTANCE | typeof USER_DATA | typeof SKIP;

const kindCache = new Map<string, Kind>();
function keyKind(key: string): Kind {
  let k = kindCache.get(key);
  if (k === undefined) {
    const n = key.toLowerCase().replace(/[^a-z0-9]/g, '');
    k = SKIPPED_KEYS.has(n)
      ? SKIP
      : USER_DATA_KEYS.has(n)
        ? USER_DATA
        : RUNS_KEYS.has(n)
          ? RUNS
          : /(?:instancetypes?|machinetype)$/.test(n)
            ? INSTANCE
            : NONE;
    if (kindCache.size < 10_000) kindCache.set(key, k);
  }
  return k;
}

const BASE64_RE = /^[A-Za-z0-9+/]{16,}={0,2}$/;

/** What compute runs, as two searchable texts (one value per line). */
export interface ComputeSignals {
  /** Images, commands, entry points, arguments, user data and startup scripts. */
  readonly runs: string;
  /** Instance and machine types. */
  readonly instances: string;
}

interface SignalWalk {
  runs: string[];
  instances: string[];
}

function visitSignals(w: SignalWalk, v: unknown, kind: Kind, depth: number): void {
  if (depth > 40) return;
  if (typeof v === 'string') {
    if (kind === RUNS || kind === USER_DATA) {
      w.runs.push(v);
      const lit = kind === USER_DATA ? literal(v) : undefined;
      if (lit && BASE64_RE.test(lit)) w.runs.push(Buffer.from(lit, 'base64').toString('utf8'));
    } else if (kind === INSTANCE) {
      w.instances.push(v);
    } else if (v.length > 1 && (v.charCodeAt(0) === 123 /* { */ || v.charCodeAt(0) === 91 /* [ */ || v.startsWith('${jsonencode('))) {
      // Embedded documents: ECS container definitions, Batch container properties, Kubernetes manifests, Helm values.
      const doc = decodeDocument(v);
      if (doc !== undefined && typeof doc === 'object') visitSignals(w, doc, NONE, depth + 1);
    }
    return;
  }
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) visitSignals(w, x, kind, depth + 1);
    return;
  }
  const o = v as Record<string, unknown>;
  if (kind === NONE) {
    for (const nk of PAIR_NAME_KEYS) {
      const name = o[nk];
      if (typeof name !== 'string') continue;
      const pairKind = keyKind(name);
      if (pairKind > 0) {
        for (const vk of PAIR_VALUE_KEYS) if (o[vk] !== undefined) visitSignals(w, o[vk], pairKind, depth + 1);
      }
      break;
    }
  }
  for (const k in o) {
    const kk = keyKind(k);
    if (kk === SKIP) continue;
    visitSignals(w, o[k], kk === NONE ? kind : kk, depth + 1);
  }
}

/** Images, commands, user data and instance types of a compute resource's properties (names and environment excluded). */
export function computeSignals(properties: unknown): ComputeSignals {
  const w: SignalWalk = { runs: [], instances: [] };
  visitSignals(w, properties, NONE, 0);
  return { runs: w.runs.join('\n'), instances: w.instances.join('\n') };
}
