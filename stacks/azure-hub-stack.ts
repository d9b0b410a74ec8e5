/**
 * Azure hub stack (phase 1): hub network; the VPN gateway and DNS resolver join it.
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { configureAzureStack } from '../lib/azure/stack-base';
import { HubNetwork } from '../lib/azure/hub-network';
import type { Derived } from '../lib/topology/derive';

export interface AzureStackProps {
  readonly derived: Derived;
}

export class AzureHubStack extends TerraformStack {
  public readonly network: HubNetwork;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id);
    const { derived } = props;
    configureAzureStack(this, derived, id);
    this.network = new HubNetwork(this, 'Hub', { plan: derived.hub, tags: derived.tags });
    new TerraformOutput(this, 'hub_vnet_id', { value: this.network.vnet.id, description: 'Hub VNet resource id' });
  }
}
