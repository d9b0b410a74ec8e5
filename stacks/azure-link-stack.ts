/**
 * Azure link stack (phase 3): local network gateways and connections to the four AWS
 * tunnels, on the hub's VPN gateway (looked up by its derived name).
 *
 * Deployed after AWS, whose tunnel outside addresses and pre-shared keys it takes as
 * Terraform variables (names from the hand-over contract). The keys are sensitive
 * variables without defaults: pass them only as `TF_VAR_*` environment, never in files.
 */
import { Construct } from 'constructs';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { configureAzureStack } from '../lib/azure/stack-base';
import { AwsVpnLink } from '../lib/azure/vpn-link';
import type { Derived } from '../lib/topology/derive';
import { HANDOVER } from '../lib/topology/handover';

/** Properties of {@link AzureLinkStack}. */
export interface AzureLinkStackProps {
  readonly derived: Derived;
}

/** Pre-shared keys: 8-64 of [A-Za-z0-9._], not starting with 0 (the rule both clouds accept). */
const PSK_REGEX = '^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$';
const IPV4_REGEX = '^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])[.]){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])$';

export class AzureLinkStack extends TerraformStack {
  public readonly link: AwsVpnLink;

  constructor(scope: Construct, id: string, props: AzureLinkStackProps) {
    super(scope, id);
    const { derived } = props;
    configureAzureStack(this, derived, id);
    const outsideIps = derived.link.tunnels.map((t, i) => this.variable(HANDOVER.linkOutsideIpVariables[i], false,
      `AWS outside IP of tunnel ${i + 1} (VPN connection ${t.connection + 1}, tunnel ${t.tunnel + 1}): AWS output ${HANDOVER.awsTunnelOutsideIpOutputs[i]}`,
      IPV4_REGEX, 'must be an IPv4 address'));
    const sharedKeys = derived.link.tunnels.map((_, i) => this.variable(HANDOVER.linkPskVariables[i], true,
      `Pre-shared key of tunnel ${i + 1} (from the AWS secret ${HANDOVER.awsTunnelPskSecretOutputs[i]}); pass as TF_VAR_${HANDOVER.linkPskVariables[i]}`,
      PSK_REGEX, 'must be 8-64 characters of A-Z, a-z, 0-9, "." or "_", not starting with 0'));
    this.link = new AwsVpnLink(this, 'Link', {
      projectName: derived.topology.name,
      gateway: { name: derived.hub.gatewayName, resourceGroupName: derived.hub.resourceGroupName },
      location: derived.hub.region,
      resourceGroupName: derived.hub.resourceGroupName,
      tunnels: derived.link.tunnels,
      instanceApipa: derived.link.azureInstanceApipa,
      awsAsn: derived.link.awsAsn,
      outsideIps,
      sharedKeys,
      tags: derived.tags,
    });
  }

  private variable(name: string, sensitive: boolean, description: string, regex: string, rule: string): string {
    return new TerraformVariable(this, name, {
      type: 'string',
      sensitive,
      nullable: false,
      description,
      validation: [{ condition: `\${can(regex("${regex}", var.${name}))}`, errorMessage: `${name} ${rule}.` }],
    }).stringValue;
  }
}
