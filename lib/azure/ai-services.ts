/**
 * Managed stateless inference in one region: an Azure AI Services account (serves the
 * OpenAI API and other model formats), its model deployments, and a private endpoint.
 *
 * Private by default:
 * - `public_network_access_enabled = false` and `network_acls.default_action = "Deny"`;
 *   the only way in is the private endpoint (subresource `account`) in the spoke.
 * - `local_auth_enabled = false`: keyless, Entra ID tokens only (no keys to leak).
 * - `outbound_network_access_restricted = true`: the account itself calls nowhere.
 * - `network_acls.bypass` is left unset: azurerm 4.55 accepts it only for the `OpenAI` and
 *   `TextAnalytics` kinds and fails on `AIServices`.
 * - A customer-managed key is not configured (Microsoft-managed keys); add an
 *   `azurerm_cognitive_account_customer_managed_key` with the system identity if required.
 *
 * Deployments are chained with `depends_on` (the service returns 409 on parallel writes to
 * one account), and the private endpoint waits for the last one. Deployment versions are
 * pinned until Azure retires them (`OnceCurrentVersionExpired`), so plans stay clean.
 *
 * @example
 * new AiServices(stack, 'AiServices', { name: plan.accountName, customSubdomain: plan.customSubdomain,
 *   models: plan.spec.models, privateEndpointSubnetId, privateDnsZoneIds, location, resourceGroupName, tags });
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/cognitive_account
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/cognitive_deployment
 */
import { Construct } from 'constructs';
import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import { CognitiveDeployment } from '@cdktf/provider-azurerm/lib/cognitive-deployment';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import type { ModelDeployment } from '../topology/schema';
import { Diagnostics, DiagnosticsDestination } from './diagnostics';
import { aiServicesNames, azureName } from './names';

export interface AiServicesProps {
  /** Account name. */
  readonly name: string;
  /** Globally unique custom subdomain (required for private endpoints and Entra ID auth). */
  readonly customSubdomain: string;
  /** Model deployments, created one after another in this order. */
  readonly models: readonly ModelDeployment[];
  /** Subnet of the private endpoint (`snet-private-endpoints`). */
  readonly privateEndpointSubnetId: string;
  /** Private DNS zones the endpoint registers in (openai, cognitiveservices, services.ai). */
  readonly privateDnsZoneIds: readonly string[];
  readonly location: string;
  readonly resourceGroupName: string;
  /** Tags applied to every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Account SKU.
   * @default 'S0'
   */
  readonly skuName?: string;
  /**
   * Send the account's logs (audit, requests) and metrics to this workspace.
   * @default no diagnostic setting
   */
  readonly diagnostics?: DiagnosticsDestination;
}

export class AiServices extends Construct {
  public readonly account: CognitiveAccount;
  /** Deployments by name, in creation order. */
  public readonly deployments: readonly CognitiveDeployment[];
  public readonly privateEndpoint: PrivateEndpoint;
  /** The private endpoint's address (all three endpoint FQDNs resolve to it). */
  public readonly privateIpAddress: string;

  constructor(scope: Construct, id: string, props: AiServicesProps) {
    super(scope, id);
    const tags = { ...props.tags };
    const names = aiServicesNames(props.name);
    this.account = new CognitiveAccount(this, 'Resource', {
      name: azureName('cognitiveAccount', props.name),
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      kind: 'AIServices',
      skuName: props.skuName ?? 'S0',
      customSubdomainName: azureName('cognitiveAccount', props.customSubdomain),
      publicNetworkAccessEnabled: false,
      localAuthEnabled: false,
      outboundNetworkAccessRestricted: true,
      networkAcls: { defaultAction: 'Deny' },
      identity: { type: 'SystemAssigned' },
      tags,
    });
    this.deployments = this.defineDeployments(props.models);
    const last = this.deployments[this.deployments.length - 1];
    this.privateEndpoint = new PrivateEndpoint(this, 'PrivateEndpoint', {
      name: names.privateEndpoint,
      customNetworkInterfaceName: names.networkInterface,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      subnetId: props.privateEndpointSubnetId,
      privateServiceConnection: {
        name: names.serviceConnection,
        privateConnectionResourceId: this.account.id,
        subresourceNames: ['account'],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [...props.privateDnsZoneIds] },
      // An endpoint created while deployments are still being written can fail with 409.
      dependsOn: [last ?? this.account],
      tags,
    });
    this.privateIpAddress = this.privateEndpoint.privateServiceConnection.privateIpAddress;
    if (props.diagnostics) {
      new Diagnostics(this, 'Diagnostics', { targetResourceId: this.account.id, workspace: props.diagnostics });
    }
  }

  private defineDeployments(models: readonly ModelDeployment[]): CognitiveDeployment[] {
    const out: CognitiveDeployment[] = [];
    for (const m of models) {
      const previous = out[out.length - 1];
      out.push(new CognitiveDeployment(this, `Deployment-${m.name}`, {
        name: m.name,
        cognitiveAccountId: this.account.id,
        model: { format: m.format, name: m.model, version: m.version },
        sku: { name: m.sku, capacity: m.capacity },
        versionUpgradeOption: 'OnceCurrentVersionExpired',
        // One write at a time per account: the service answers 409 to parallel deployments.
        ...(previous ? { dependsOn: [previous] } : {}),
      }));
    }
    return out;
  }
}
