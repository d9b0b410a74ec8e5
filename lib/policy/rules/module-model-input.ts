/**
 * placement/module-model-input: a Terraform module call outside Azure is given a model-server image,
 * a GPU/accelerator instance type or a model-invocation permission as an argument. Whatever the module
 * is (registry, Git, private), that argument puts inference, or the right to it, where it deploys.
 */
import { moduleCloud } from '../detect/known-modules';
import { moduleInputSignals, ModuleSignal } from '../detect/module-inputs';
import { COMPLIANT, NOT_APPLICABLE, reasons, typeIn } from '../rule';
import type { Rule } from '../types';
import { literal, Obj } from '../util/values';

const META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on', '//']);
/** Mapped (well-known) modules: images and instance types are checked on the resources they map to; permissions are not mapped. */
const UNMAPPED_ONLY: ReadonlySet<ModuleSignal['kind']> = new Set(['invocation']);

export const moduleModelInput: Rule = {
  id: 'placement/module-model-input',
  severity: 'error',
  description: 'A Terraform module call outside Azure receives a model-server image, a GPU/accelerator instance type or a model-invocation permission.',
  rationale:
    'Module internals are often not readable (registry and Git sources), but their arguments are: a vLLM/TGI/Triton image, a g5/p5/inf2 instance ' +
    'type or `bedrock:InvokeModel` passed into an ECS, EKS, autoscaling or IAM module serves or grants inference outside Azure whatever the module ' +
    'does with it. Locals and literal variable defaults are resolved into the arguments first.',
  fix: 'Serve the model on Azure (an AKS GPU node pool or an Azure OpenAI / AI Services deployment) and call it over the private link; drop the accelerator instance types and model-invocation actions from the module arguments.',
  scope:
    'Terraform module calls that are not followed (registry, Git or unreadable sources) and whose provider is not Azure: every argument, at any depth ' +
    '(image references and commands, exact instance types, IAM actions, policy statements and documents, managed policy ARNs); names, tags and descriptions are not read.',
  modes: ['module'],
  appliesTo: typeIn('module'),
  evaluate(resource) {
    if (resource.module?.inspection === 'followed') return NOT_APPLICABLE;
    const source = literal(resource.properties.source) ?? '';
    if (moduleCloud(source) === 'azure') return NOT_APPLICABLE;
    const inputs: Obj = {};
    for (const [k, v] of Object.entries(resource.properties)) if (!META.has(k)) inputs[k] = v;
    const signals = moduleInputSignals(inputs, resource.module?.inspection === 'inputs' ? UNMAPPED_ONLY : undefined);
    return signals.length ? reasons(signals.map((s) => `${s.text}; stateless inference must be served only from Azure`)) : COMPLIANT;
  },
};
