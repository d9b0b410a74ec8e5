/**
 * Azure serving stack (phase 1), one per serving region: the spoke network (peered with
 * the hub, using its VPN gateway), DNS links, the region's Log Analytics workspace, the
 * region's Key Vault with the customer-managed keys, the AI Services account with its
 * model deployments, and the private AKS serving clusters (CMK-encrypted disks).
 *
 * Needs the hub stack deployed first (hub VNet, zones and gateway are looked up by name;
 * gateway transit needs the gateway): `azure-app.ts` declares the stack dependency.
 * No step needs the private Key Vault's data plane: keys and disk encryption sets are created
 * through ARM (see `EncryptionVault`, `ArmDiskEncryptionSet`).
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AiServices } from '../lib/azure/ai-services';
import { AksPrivateDnsZone } from '../lib/azure/aks-dns-zone';
import { EncryptionVault } from '../lib/azure/encryption-vault';
import { LogAnalytics } from '../lib/azure/log-analytics';
import { ServingNetworkSecurity } from '../lib/azure/network-security';
import { KEY_VAULT_PRIVATE_DNS_ZONE, keyVaultName, privateLinkZones } from '../lib/azure/names';
import { ServingCluster } from '../lib/azure/serving-cluster';
import { SpokeDnsLinks } from '../lib/azure/spoke-dns';
import { SpokeNetwork } from '../lib/azure/spoke-network';
import { configureAzureStack, keyDeploymentProvider } from '../lib/azure/stack-base';
import { hostAt, parseCidr, type Cidr } from '../lib/topology/cidr';
import type { Derived, ServingPlan } from '../lib/topology/derive';

/** Properties of {@link AzureServingStack}. */
export interface AzureServingStackProps {
  readonly derived: Derived;
  readonly plan: ServingPlan;
}

/** Terraform output names allow `-`, but the rest of our outputs use `_`. */
const outputKey = (name: string) => name.replace(/-/g, '_');

export class AzureServingStack extends TerraformStack {
  public readonly network: SpokeNetwork;
  public readonly logs: LogAnalytics;
  /** NSGs on every spoke subnet, application security groups of the private endpoints. */
  public readonly networkSecurity: ServingNetworkSecurity;
  public readonly dnsLinks: SpokeDnsLinks;
  /** The region's CMK vault (absent when the region serves nothing). */
  public readonly encryption?: EncryptionVault;
  public readonly aiServices?: AiServices;
  public readonly clusters: readonly ServingCluster[];

  constructor(scope: Construct, id: string, props: AzureServingStackProps) {
    super(scope, id);
    const { derived, plan } = props;
    const tags = derived.tags;
    configureAzureStack(this, derived, id);
    this.network = new SpokeNetwork(this, 'Network', { plan, hub: derived.hub, tags, useHubGateway: true });
    const where = { location: plan.region, resourceGroupName: this.network.resourceGroup.name, tags };
    this.logs = new LogAnalytics(this, 'Logs', { name: plan.logAnalyticsName, ...where });
    this.networkSecurity = new ServingNetworkSecurity(this, 'NetworkSecurity', { plan, subnets: this.network.subnets, diagnostics: this.logs, ...where });
    this.dnsLinks = new SpokeDnsLinks(this, 'DnsLinks', {
      zones: privateLinkZones(derived.dns.privateZones),
      zonesResourceGroupName: derived.hub.resourceGroupName,
      vnetId: this.network.vnet.id,
      vnetName: plan.vnetName,
      tags,
    });
    const privateEndpointSubnetId = this.network.subnets['snet-private-endpoints'].id;
    if (plan.spec.models.length > 0 || plan.clusters.length > 0) {
      this.encryption = new EncryptionVault(this, 'Encryption', {
        name: keyVaultName(derived.topology.name, plan.short),
        privateEndpointSubnetId,
        privateDnsZoneId: this.dnsLinks.zoneIdsFor([KEY_VAULT_PRIVATE_DNS_ZONE])[0],
        deployerIpRanges: derived.topology.azure.encryption.deployerIpRanges,
        keyProvider: keyDeploymentProvider(this, derived),
        diagnostics: this.logs,
        ...where,
      });
    }
    if (plan.spec.models.length > 0) {
      this.aiServices = new AiServices(this, 'AiServices', {
        name: plan.accountName,
        customSubdomain: plan.customSubdomain,
        models: plan.spec.models,
        privateEndpointSubnetId,
        privateDnsZoneIds: this.dnsLinks.zoneIdsFor(derived.dns.privateZones),
        diagnostics: this.logs,
        // AI Services accepts only 2048-bit RSA keys.
        customerManagedKey: this.encryption?.addKey('ai-services', { size: 2048 }),
        ...where,
      });
    }
    this.clusters = this.defineClusters(derived, plan, where);
    this.wireNetworkSecurity(plan);
    this.defineOutputs(plan);
  }

  private defineClusters(derived: Derived, plan: ServingPlan, where: { location: string; resourceGroupName: string; tags: Readonly<Record<string, string>> }): ServingCluster[] {
    if (plan.clusters.length === 0) return [];
    const zone = new AksPrivateDnsZone(this, 'AksDns', {
      region: plan.region,
      resourceGroupName: where.resourceGroupName,
      vnets: [
        { key: 'spoke', id: this.network.vnet.id, name: plan.vnetName },
        { key: 'hub', id: this.network.hubVnet.id, name: derived.hub.vnetName },
      ],
      tags: where.tags,
    });
    const ilb = this.network.subnets['snet-ilb'];
    const pls = this.network.subnets['snet-pls'];
    const ilbBlock = parseCidr(plan.subnets['snet-ilb']) as Cidr;
    // One disk key per region, one disk encryption set per cluster.
    const diskEncryptionKey = this.encryption?.addKey('aks-disks', { size: 3072 });
    return plan.clusters.map((c, i) => new ServingCluster(this, `Cluster-${c.name}`, {
      plan: c,
      nodeSubnetId: this.network.subnets[c.subnetName].id,
      vnetId: this.network.vnet.id,
      resourceGroupId: this.network.resourceGroup.id,
      ilbSubnet: { id: ilb.id, name: 'snet-ilb' },
      plsSubnet: { id: pls.id, name: 'snet-pls' },
      // Azure reserves the first four addresses of a subnet: cluster i gets .4 + i.
      ilbIp: hostAt(ilbBlock, 4 + i),
      privateDnsZoneId: zone.zone.id,
      dependsOn: zone.links,
      monitoring: this.logs,
      diskEncryptionKey,
      ...where,
    }));
  }

  /** Endpoints join their application security groups; nothing lands in a subnet before its NSG. */
  private wireNetworkSecurity(plan: ServingPlan): void {
    if (this.encryption) this.networkSecurity.admitKeyVaultEndpoint(this.encryption.privateEndpoint, this.encryption);
    if (this.aiServices) this.networkSecurity.admitModelEndpoint(this.aiServices.privateEndpoint);
    this.clusters.forEach((c, i) => this.networkSecurity.protect(c.cluster, plan.clusters[i].subnetName));
  }

  private defineOutputs(plan: ServingPlan): void {
    new TerraformOutput(this, 'spoke_vnet_id', { value: this.network.vnet.id, description: `Serving VNet in ${plan.region}` });
    new TerraformOutput(this, 'log_analytics_workspace_id', { value: this.logs.workspaceId, description: `Log Analytics workspace of ${plan.region}` });
    if (this.aiServices) {
      new TerraformOutput(this, 'ai_services_openai_endpoint', { value: plan.openAiEndpoint, description: `OpenAI-compatible endpoint of the AI Services account in ${plan.region} (resolves privately through the hub resolver)` });
      new TerraformOutput(this, 'ai_services_endpoint', { value: plan.cognitiveEndpoint, description: `AI Services (cognitiveservices) endpoint in ${plan.region} (resolves privately through the hub resolver)` });
      new TerraformOutput(this, 'ai_services_private_ip', { value: this.aiServices.privateIpAddress, description: `Private endpoint address of the AI Services account in ${plan.region}` });
      new TerraformOutput(this, 'ai_services_deployments', { value: plan.spec.models.map((m) => m.name), description: 'Model deployment names (request path segment)' });
    }
    this.clusters.forEach((cluster, i) => {
      const key = outputKey(plan.clusters[i].name);
      new TerraformOutput(this, `aks_${key}_private_fqdn`, { value: cluster.privateFqdn, description: `Private API server FQDN of AKS cluster ${plan.clusters[i].aksName}` });
      new TerraformOutput(this, `model_server_${key}_ip`, {
        value: cluster.serviceAnnotations['service.beta.kubernetes.io/azure-load-balancer-ipv4'],
        description: `Internal load balancer address of the model server Service on ${plan.clusters[i].aksName}`,
      });
      new TerraformOutput(this, `model_server_${key}_service_annotations`, {
        value: cluster.serviceAnnotations,
        description: 'Annotations for the model server Service (type LoadBalancer): internal LB at the fixed address plus an AKS-managed Private Link Service',
      });
    });
  }
}
