/**
 * One ARM template deployment into a resource group (`azurerm_resource_group_template_deployment`),
 * for the few resources azurerm 4.55 can only create through a data plane we may not reach
 * (Key Vault keys) or only with a data-plane read (disk encryption sets that follow key
 * rotation). ARM (management.azure.com) creates them instead: no vault firewall applies, and
 * Terraform's refresh of a template deployment reads the deployment record only.
 *
 * The template is literal JSON (typed below, so a typo in a resource shape fails review, not
 * deploy); values known only at apply time go in as template parameters. Outputs are read from
 * `output_content` (`{"<name>": {"type": ..., "value": ...}}`), which is fixed at deployment
 * time: refreshes never change it.
 *
 * @example
 * const d = new ArmDeployment(this, 'Key', { name: 'key-cmk-disks', resourceGroupName, template, parameters: { vaultName: vault.name } });
 * d.output('keyUriWithVersion');
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/resource_group_template_deployment
 * @see https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax
 */
import { Construct } from 'constructs';
import { Fn, Token, type ITerraformDependable, type TerraformProvider } from 'cdktf';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { azureName } from './names';

export const ARM_TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** An ARM template resource (the subset stateline writes). */
export interface ArmResource {
  readonly type: string;
  readonly apiVersion: string;
  /** Literal or an ARM expression such as `[parameters('name')]`. */
  readonly name: string;
  readonly location?: string;
  readonly tags?: string | Readonly<Record<string, string>>;
  readonly identity?: Readonly<Record<string, unknown>>;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly dependsOn?: readonly string[];
}

/** An ARM template (the subset stateline writes): schema, content version, parameters, resources, outputs. */
export interface ArmTemplate {
  readonly $schema: typeof ARM_TEMPLATE_SCHEMA;
  readonly contentVersion: '1.0.0.0';
  readonly parameters: Readonly<Record<string, { readonly type: 'string' | 'object' | 'int' | 'bool' }>>;
  readonly resources: readonly ArmResource[];
  readonly outputs: Readonly<Record<string, { readonly type: 'string' | 'object'; readonly value: string }>>;
}

/** Properties of {@link ArmDeployment}. */
export interface ArmDeploymentProps {
  /** Deployment name, unique in the resource group (1-64 of `[-\w.()]`). */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly template: ArmTemplate;
  /** Parameter values by name (may be Terraform references). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Tags of the deployment record. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The azurerm provider configuration to deploy with.
   * @default the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
  /**
   * What the deployment waits for besides its parameter references.
   * @default none
   */
  readonly dependsOn?: ITerraformDependable[];
}

export class ArmDeployment extends Construct {
  public readonly deployment: ResourceGroupTemplateDeployment;

  constructor(scope: Construct, id: string, props: ArmDeploymentProps) {
    super(scope, id);
    const declared = Object.keys(props.template.parameters).sort();
    const given = Object.keys(props.parameters).sort();
    if (declared.join() !== given.join()) {
      throw new Error(`ArmDeployment ${props.name}: parameters given (${given.join(', ')}) differ from the template's (${declared.join(', ')})`);
    }
    this.deployment = new ResourceGroupTemplateDeployment(this, 'Resource', {
      name: azureName('armDeployment', props.name),
      resourceGroupName: props.resourceGroupName,
      // Incremental: the template adds its resources and never deletes others in the group.
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify(props.template),
      parametersContent: Fn.jsonencode(Object.fromEntries(Object.entries(props.parameters).map(([k, value]) => [k, { value }]))),
      tags: { ...props.tags },
      ...(props.provider ? { provider: props.provider } : {}),
      ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}),
    });
  }

  /** A string output of the template (known once the deployment has run; never changes on refresh). */
  public output(name: string): string {
    return Token.asString(Fn.lookupNested(Fn.jsondecode(this.deployment.outputContent), [name, 'value']));
  }
}
