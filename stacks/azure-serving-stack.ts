/**
 * Azure serving stack (phase 1), one per serving region: the spoke network and the
 * stateless serving resources of that region.
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { configureAzureStack } from '../lib/azure/stack-base';
import { SpokeNetwork } from '../lib/azure/spoke-network';
import type { Derived, ServingPlan } from '../lib/topology/derive';

export interface AzureServingStackProps {
  readonly derived: Derived;
  readonly plan: ServingPlan;
}

export class AzureServingStack extends TerraformStack {
  public readonly network: SpokeNetwork;

  constructor(scope: Construct, id: string, props: AzureServingStackProps) {
    super(scope, id);
    const { derived, plan } = props;
    configureAzureStack(this, derived, id);
    // Gateway transit is switched on once the hub carries the VPN gateway.
    this.network = new SpokeNetwork(this, 'Network', { plan, hub: derived.hub, tags: derived.tags, useHubGateway: false });
    new TerraformOutput(this, 'spoke_vnet_id', { value: this.network.vnet.id, description: `Serving VNet in ${plan.region}` });
  }
}
