/**
 * Well-known registry modules: how their inputs become the resource attributes our rules read, so a
 * module call is checked like the resources it creates (a public AKS cluster through
 * `Azure/aks/azurerm`, a vLLM image through `terraform-aws-modules/ecs/aws`). Each entry names the
 * module's own resource address and the input names, verified against the module's variables.tf
 * and main.tf at the commit given (checked 2026-12-01); an input the caller does not set takes the
 * module's default, as Terraform does. Everything else the module creates stays unseen (reported by
 * policy/module-not-inspected).
 */
import { isObj, Obj } from '../util/values';

/** One resource a module creates, with the attributes derived from the call's inputs. */
export interface ModuleResource {
  readonly type: string;
  /** Address inside the module (`azurerm_kubernetes_cluster.main`, `module.service["api"].aws_ecs_task_definition.this`). */
  readonly address: string;
  readonly properties: Obj;
}

export interface KnownModule {
  /** Registry address (`namespace/name/provider`, with `//subdir` for a submodule). */
  readonly source: string;
  /** Where the mapping was verified. */
  readonly verified: string;
  resources(inputs: Obj): ModuleResource[];
}

/** The input if the caller set it (null counts as unset, as in Terraform), else the module default. */
const input = (inputs: Obj, name: string, fallback: unknown): unknown => (inputs[name] === undefined || inputs[name] === null ? fallback : inputs[name]);

/** Drops attributes whose value is undefined (a module default of null omits the argument). */
function compact(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

/** Entries of a map input (`services = { api = {...} }`); HCL may give it as a one-element list. */
function entries(v: unknown): Array<[string, Obj]> {
  const m = Array.isArray(v) && v.length === 1 ? v[0] : v;
  return isObj(m) ? Object.entries(m).filter((e): e is [string, Obj] => isObj(e[1])) : [];
}

/** ECS container definitions as the task definition's JSON (`container_definitions` map of the ECS modules). */
function containerDefinitions(defs: unknown): string {
  return JSON.stringify(entries(defs).map(([name, d]) => ({ name, ...d })));
}

const ecsService = (prefix: string, inputs: Obj): ModuleResource => ({
  type: 'aws_ecs_task_definition',
  address: `${prefix}aws_ecs_task_definition.this[0]`,
  properties: compact({ family: inputs.family ?? inputs.name, container_definitions: containerDefinitions(inputs.container_definitions) }),
});

const eksNodeGroup = (prefix: string, inputs: Obj): ModuleResource => ({
  type: 'aws_eks_node_group',
  address: `${prefix}aws_eks_node_group.this[0]`,
  // modules/eks-managed-node-group/variables.tf: ami_type default "AL2023_x86_64_STANDARD", instance_types default null.
  properties: compact({ ami_type: input(inputs, 'ami_type', 'AL2023_x86_64_STANDARD'), instance_types: input(inputs, 'instance_types', undefined) }),
});

export const KNOWN_MODULES: readonly KnownModule[] = [
  {
    source: 'Azure/aks/azurerm',
    verified: 'Azure/terraform-azurerm-aks@e29456e (variables.tf, main.tf)',
    resources: (i) => [
      {
        type: 'azurerm_kubernetes_cluster',
        address: 'azurerm_kubernetes_cluster.main',
        // private_cluster_enabled default false; local_account_disabled default null (provider default: local accounts on); agents_size default Standard_D2s_v3.
        properties: compact({
          private_cluster_enabled: input(i, 'private_cluster_enabled', false),
          private_cluster_public_fqdn_enabled: input(i, 'private_cluster_public_fqdn_enabled', false),
          local_account_disabled: input(i, 'local_account_disabled', undefined),
          default_node_pool: { vm_size: input(i, 'agents_size', 'Standard_D2s_v3') },
        }),
      },
    ],
  },
  {
    source: 'Azure/openai/azurerm',
    verified: 'Azure/terraform-azurerm-openai@372a51e v0.1.5 (variables.tf, main.tf)',
    resources: (i) => [
      {
        type: 'azurerm_cognitive_account',
        address: 'azurerm_cognitive_account.this',
        // kind "OpenAI"; public_network_access_enabled default false; local_auth_enabled default true.
        properties: compact({
          kind: 'OpenAI',
          custom_subdomain_name: input(i, 'custom_subdomain_name', undefined),
          public_network_access_enabled: input(i, 'public_network_access_enabled', false),
          local_auth_enabled: input(i, 'local_auth_enabled', true),
        }),
      },
    ],
  },
  {
    source: 'Azure/avm-ptn-aiml-ai-foundry/azurerm',
    verified: 'Azure/terraform-azurerm-avm-ptn-aiml-ai-foundry@1ca3db5 v0.11.2 (variables.foundry.tf, locals.foundry.tf, main.foundry.tf)',
    resources: (i) => {
      const foundry = isObj(i.ai_foundry) ? i.ai_foundry : {};
      const explicit = foundry.public_network_access_enabled;
      // null: Disabled when create_private_endpoints (default false), else Enabled.
      const privateEndpoints = i.create_private_endpoints ?? false;
      const publicAccess =
        explicit === true ? 'Enabled' : explicit === false ? 'Disabled' : privateEndpoints === true ? 'Disabled' : privateEndpoints === false ? 'Enabled' : undefined;
      return [
        {
          type: 'azapi_resource',
          address: 'azapi_resource.ai_foundry',
          properties: {
            type: 'Microsoft.CognitiveServices/accounts@2025-06-01',
            body: { kind: 'AIServices', properties: compact({ disableLocalAuth: foundry.disable_local_auth ?? false, publicNetworkAccess: publicAccess }) },
          },
        },
      ];
    },
  },
  {
    source: 'terraform-aws-modules/ecs/aws',
    verified: 'terraform-aws-modules/terraform-aws-ecs@8d25f4e v7.5.0 (variables.tf `services[*].container_definitions`, modules/service)',
    resources: (i) => entries(i.services).map(([name, svc]) => ecsService(`module.service["${name}"].`, { name, ...svc })),
  },
  {
    source: 'terraform-aws-modules/ecs/aws//modules/service',
    verified: 'terraform-aws-modules/terraform-aws-ecs@8d25f4e v7.5.0 (modules/service/variables.tf `container_definitions`)',
    resources: (i) => [ecsService('', i)],
  },
  {
    source: 'terraform-aws-modules/eks/aws',
    verified: 'terraform-aws-modules/terraform-aws-eks@bef29c4d v21.19.0 (variables.tf `eks_managed_node_groups`)',
    resources: (i) => entries(i.eks_managed_node_groups).map(([name, g]) => eksNodeGroup(`module.eks_managed_node_group["${name}"].`, g)),
  },
  {
    source: 'terraform-aws-modules/eks/aws//modules/eks-managed-node-group',
    verified: 'terraform-aws-modules/terraform-aws-eks@bef29c4d v21.19.0 (modules/eks-managed-node-group/variables.tf)',
    resources: (i) => [eksNodeGroup('', i)],
  },
  {
    source: 'terraform-aws-modules/autoscaling/aws',
    verified: 'terraform-aws-modules/terraform-aws-autoscaling@29629cd v9.2.1 (variables.tf, main.tf aws_launch_template.this)',
    resources: (i) => [
      {
        type: 'aws_launch_template',
        address: 'aws_launch_template.this[0]',
        properties: compact({ instance_type: input(i, 'instance_type', undefined), image_id: input(i, 'image_id', undefined), user_data: input(i, 'user_data', undefined) }),
      },
    ],
  },
  {
    source: 'aws-ia/sagemaker-endpoint/aws',
    verified: 'aws-ia/terraform-aws-sagemaker-endpoint@32a2138 v0.0.1 (main.tf aws_sagemaker_model, aws_sagemaker_endpoint_configuration, aws_sagemaker_endpoint)',
    resources: (i) => [
      { type: 'aws_sagemaker_endpoint', address: 'aws_sagemaker_endpoint.sagemaker_endpoint', properties: compact({ name: i.endpoint_name }) },
    ],
  },
];

const BY_SOURCE = new Map(KNOWN_MODULES.map((m) => [m.source.toLowerCase(), m]));

/**
 * The registry address of a module source: registry sources as they are (host, `?ref` and version
 * stripped), GitHub sources of `terraform-<provider>-<name>` repositories mapped to `namespace/name/provider`.
 */
export function registryAddress(source: string): string | undefined {
  let s = source.trim().replace(/^registry\.terraform\.io\//i, '').replace(/\?.*$/, '');
  const gh = /^(?:git::)?(?:https:\/\/|ssh:\/\/git@|git@)?github\.com[/:]([\w.-]+)\/terraform-([a-z0-9]+)-([\w.-]+?)(?:\.git)?(\/\/[\w./-]+)?$/i.exec(s);
  if (gh) s = `${gh[1]}/${gh[3]}/${gh[2]}${gh[4] ?? ''}`;
  if (s.startsWith('.') || s.startsWith('/') || !/^[\w-][\w.-]*\/[\w.-]+\/[\w.-]+(?:\/\/[\w./-]+)?$/.test(s)) return undefined;
  return s.replace(/\/+$/, '');
}

/** The known module for a source, if any. */
export function knownModule(source: string): KnownModule | undefined {
  const address = registryAddress(source);
  return address ? BY_SOURCE.get(address.toLowerCase()) : undefined;
}

/** Cloud of a registry module from its provider segment (`.../aws`, `.../azurerm`), if it is one. */
export function moduleCloud(source: string): 'aws' | 'azure' | 'gcp' | undefined {
  const provider = registryAddress(source)?.split('//')[0].split('/')[2]?.toLowerCase();
  if (provider === 'aws' || provider === 'awscc') return 'aws';
  if (provider === 'azurerm' || provider === 'azapi' || provider === 'azuread') return 'azure';
  if (provider === 'google') return 'gcp';
  return undefined;
}
