/**
 * Azure link stack (phase 3): local network gateways and connections to the AWS
 * tunnels. Deployed after AWS, whose tunnel outside addresses it needs.
 */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { configureAzureStack } from '../lib/azure/stack-base';
import { DataAzurermVirtualNetwork } from '@cdktf/provider-azurerm/lib/data-azurerm-virtual-network';
import type { Derived } from '../lib/topology/derive';

export interface AzureLinkStackProps {
  readonly derived: Derived;
}

export class AzureLinkStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AzureLinkStackProps) {
    super(scope, id);
    const { derived } = props;
    configureAzureStack(this, derived, id);
    // The hub network this stack attaches to (created in phase 1).
    new DataAzurermVirtualNetwork(this, 'HubVnet', { name: derived.hub.vnetName, resourceGroupName: derived.hub.resourceGroupName });
  }
}
