/**
 * A private AKS cluster for self-hosted stateless model servers, with one autoscaling,
 * tainted GPU user pool per topology entry.
 *
 * Private by default:
 * - API server only on a private endpoint (`private_cluster_enabled`, no public FQDN), its
 *   name in a brought private DNS zone also linked to the hub (see `AksPrivateDnsZone`);
 *   local accounts off, Entra ID + Azure RBAC for Kubernetes authorization.
 * - **No egress public IP**: a network-isolated cluster (`outbound_type = "none"` with
 *   `bootstrap_profile.artifact_source = "Cache"`): nodes bootstrap from an AKS-managed
 *   private registry cache, and nothing leaves the VNet except over the peering/VPN. The
 *   alternatives all add a public IP (`loadBalancer`, `managedNATGateway`,
 *   `userAssignedNATGateway`) or need a firewall we do not have (`userDefinedRouting`).
 *   Consequence: model images come from a private registry (the managed cache covers MCR
 *   only) and weights from private endpoints. Switching a cluster to another outbound type
 *   later requires node reimaging.
 * - **No Container Insights agent** (`oms_agent` unset): in a network-isolated cluster the
 *   agent can only ingest through an Azure Monitor Private Link Scope, whose private endpoint
 *   overrides Azure Monitor's *shared* public names (`*.ods.opinsights.azure.com`,
 *   `*.oms.opinsights.azure.com`, `*.monitor.azure.com`, a storage blob name) in every network
 *   that resolves through the hub: an all-or-nothing DNS change for the whole estate that
 *   stateline should not make on its own. Control-plane logs and metrics still reach the
 *   workspace through the diagnostic setting (a platform path, no in-cluster egress).
 * - No node public IPs; Azure CNI overlay with Cilium (pods and services use the derived
 *   overlay ranges, outside every VNet/VPC).
 *
 * Model servers are exposed only privately, through an internal load balancer in
 * `snet-ilb` at a derived static address and an AKS-managed Private Link Service with NAT
 * IPs in `snet-pls`. Both are created at runtime by the cloud controller from Service
 * annotations: a Terraform `azurerm_private_link_service` cannot be used because it needs
 * the ILB frontend IP configuration id, which exists only after Kubernetes creates the ILB.
 * {@link ServingCluster.serviceAnnotations} holds the annotations (output by the stack).
 * The cluster's user-assigned identity gets `Network Contributor` on the **spoke VNet** (AKS
 * joins the node subnet, creates the ILB in `snet-ilb` and the Private Link Service with its NAT
 * IPs in `snet-pls`, and manages endpoints in the VNet) and `Private DNS Zone Contributor` on
 * the API server zone, before the cluster is created.
 *
 * Disk encryption with a customer-managed key (when `diskEncryptionKey` is set): a disk
 * encryption set with its system-assigned identity, granted
 * `Key Vault Crypto Service Encryption User` on the key, encrypts the OS and data disks of
 * every node pool and follows new key versions by itself (see `ArmDiskEncryptionSet`: created
 * through ARM so no deploy step reads the vault's data plane). The cluster identity gets
 * `Reader` on the set (AKS reads it at creation). `disk_encryption_set_id` is ForceNew:
 * adding or changing it **replaces** an existing cluster. Disk Storage reaches the private
 * vault through its trusted-services bypass.
 *
 * Every grant is waited for ({@link RbacPropagationWait}) before the cluster is created: a
 * cluster created on grants that have not applied yet fails with 403.
 *
 * @example
 * new ServingCluster(stack, 'Cluster-llm', { plan: clusterPlan, nodeSubnetId, ilbSubnet, plsSubnet, ilbIp,
 *   privateDnsZoneId, monitoring: logs, location, resourceGroupName, tags });
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/kubernetes_cluster
 * @see https://learn.microsoft.com/azure/aks/concepts-network-isolated
 * @see https://cloud-provider-azure.sigs.k8s.io/topics/pls-integration/
 * @see https://learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys
 * @see https://learn.microsoft.com/azure/aks/configure-azure-cni#prerequisites (identity permissions on the VNet)
 * @see https://learn.microsoft.com/azure/azure-monitor/logs/private-link-design (AMPLS: DNS is all-or-nothing)
 */
import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { AKS_DNS_SERVICE_IP, AKS_POD_CIDR, AKS_SERVICE_CIDR, type ClusterPlan } from '../topology/derive';
import { Diagnostics, DiagnosticsDestination } from './diagnostics';
import { ArmDiskEncryptionSet } from './disk-encryption-set';
import type { VaultKey } from './encryption-vault';
import { azureName, clusterNames } from './names';
import { RbacPropagationWait } from './rbac-wait';
import { ALL_ZONES } from './zones';

/** A subnet by id and name (annotations refer to subnets by name). */
export interface SubnetRef {
  readonly id: string;
  readonly name: string;
}

/** AKS resource log categories collected (kube-audit itself is too voluminous to keep by default). */
export const AKS_LOG_CATEGORIES = ['kube-audit-admin', 'guard', 'cluster-autoscaler', 'cloud-controller-manager'] as const;

/** Properties of {@link ServingCluster}. */
export interface ServingClusterProps {
  /** Derived cluster plan (names, spec with GPU pools). */
  readonly plan: ClusterPlan;
  /** Node subnet (`snet-aks-<cluster>`). */
  readonly nodeSubnetId: string;
  /** The spoke VNet holding the node, ILB and PLS subnets (the identity's Network Contributor scope). */
  readonly vnetId: string;
  /** ARM id of the cluster's resource group (the disk encryption set's id is built from it). */
  readonly resourceGroupId: string;
  /** Internal load balancer subnet (`snet-ilb`). */
  readonly ilbSubnet: SubnetRef;
  /** Private Link Service NAT subnet (`snet-pls`). */
  readonly plsSubnet: SubnetRef;
  /** Static ILB frontend address of the model server Service, inside `ilbSubnet`. */
  readonly ilbIp: string;
  /** The brought private DNS zone of the API server (`privatelink.<region>.azmk8s.io`). */
  readonly privateDnsZoneId: string;
  /** Workspace of the diagnostic setting (control-plane logs and metrics). */
  readonly monitoring: DiagnosticsDestination;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Tags applied to every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Resources the cluster must wait for besides its role assignments (e.g. the DNS zone's VNet links).
   * @default none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * System pool autoscaling bounds (spread over zones 1-3).
   * @default { min: 2, max: 5 }
   */
  readonly systemPoolSize?: { readonly min: number; readonly max: number };
  /**
   * Encrypt node OS and data disks with this key through a disk encryption set (ForceNew on the cluster).
   * @default platform-managed keys
   */
  readonly diskEncryptionKey?: VaultKey;
}

export class ServingCluster extends Construct {
  public readonly cluster: KubernetesCluster;
  public readonly identity: UserAssignedIdentity;
  /** The disk encryption set, when a disk encryption key was given. */
  public readonly diskEncryptionSet?: ArmDiskEncryptionSet;
  /** The wait between the cluster's role assignments and its creation. */
  public readonly grantsApplied: RbacPropagationWait;
  /** GPU user pools, in topology order. */
  public readonly gpuPools: readonly KubernetesClusterNodePool[];
  /** The API server's private FQDN. */
  public readonly privateFqdn: string;
  /** Annotations for the model server `Service` (type LoadBalancer): ILB at `ilbIp` plus a managed PLS. */
  public readonly serviceAnnotations: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ServingClusterProps) {
    super(scope, id);
    const { plan } = props;
    const tags = { ...props.tags };
    const names = clusterNames(plan.aksName);
    this.identity = new UserAssignedIdentity(this, 'Identity', {
      name: names.identity,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tags,
    });
    const grants: RoleAssignment[] = this.grantNetwork(props);
    if (props.diskEncryptionKey) {
      this.diskEncryptionSet = this.defineDiskEncryptionSet(props, names.diskEncryptionSet, props.diskEncryptionKey, grants);
    }
    this.grantsApplied = new RbacPropagationWait(this, 'GrantsApplied', { grants });
    this.cluster = this.defineCluster(props, names.nodeResourceGroup, [
      this.grantsApplied.sleep,
      ...(this.diskEncryptionSet ? [this.diskEncryptionSet.deployment.deployment] : []),
      ...(props.dependsOn ?? []),
    ]);
    this.gpuPools = plan.spec.gpuPools.map((pool) => new KubernetesClusterNodePool(this, `GpuPool-${pool.name}`, {
      name: pool.name,
      kubernetesClusterId: this.cluster.id,
      mode: 'User',
      vmSize: pool.vmSize,
      vnetSubnetId: props.nodeSubnetId,
      orchestratorVersion: plan.spec.kubernetesVersion,
      autoScalingEnabled: true,
      minCount: pool.minCount,
      maxCount: pool.maxCount,
      // Only pods tolerating the taint (the model servers) land on GPU nodes.
      nodeTaints: [pool.taint],
      nodeLabels: { 'stateline.io/gpu-pool': pool.name },
      nodePublicIpEnabled: false,
      // GPU sizes are offered in few zones per region: leave placement to Azure.
      tags,
    }));
    this.privateFqdn = this.cluster.privateFqdn;
    this.serviceAnnotations = modelServerAnnotations(props, names.privateLinkService);
    new Diagnostics(this, 'Diagnostics', {
      targetResourceId: this.cluster.id,
      workspace: props.monitoring,
      logCategories: AKS_LOG_CATEGORIES,
    });
  }

  /** Role assignments AKS needs before creation: manage the spoke VNet's subnets and endpoints, write the API server's DNS record. */
  private grantNetwork(props: ServingClusterProps): RoleAssignment[] {
    const grant = (id: string, scope: string, role: string) => new RoleAssignment(this, id, {
      scope,
      roleDefinitionName: role,
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
      // A new identity may not have replicated in Entra ID yet.
      skipServicePrincipalAadCheck: true,
    });
    return [
      // The VNet scope covers every subnet AKS touches (nodes, ILB, PLS NAT IPs) and what it creates in the VNet.
      grant('NetworkContributor-vnet', props.vnetId, 'Network Contributor'),
      grant('DnsZoneContributor', props.privateDnsZoneId, 'Private DNS Zone Contributor'),
    ];
  }

  /** The disk encryption set, its key grant and the cluster identity's read access (appended to `grants`). */
  private defineDiskEncryptionSet(props: ServingClusterProps, name: string, key: VaultKey, grants: RoleAssignment[]): ArmDiskEncryptionSet {
    const des = new ArmDiskEncryptionSet(this, 'DiskEncryptionSet', {
      name,
      key,
      vaultId: key.vaultId,
      resourceGroupId: props.resourceGroupId,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
    });
    grants.push(key.grantEncryptionUser(this, 'DiskEncryptionKeyUser', des.principalId));
    grants.push(new RoleAssignment(this, 'DiskEncryptionSetReader', {
      scope: des.id,
      roleDefinitionName: 'Reader',
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
      skipServicePrincipalAadCheck: true,
      // The scope is a built id: the set exists only once its deployment has run.
      dependsOn: [des.deployment.deployment],
    }));
    return des;
  }

  private defineCluster(props: ServingClusterProps, nodeResourceGroup: string, dependsOn: ITerraformDependable[]): KubernetesCluster {
    const { plan } = props;
    const tags = { ...props.tags };
    const system = props.systemPoolSize ?? { min: 2, max: 5 };
    return new KubernetesCluster(this, 'Resource', {
      name: azureName('aksCluster', plan.aksName),
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      dnsPrefix: azureName('aksDnsPrefix', plan.dnsPrefix),
      kubernetesVersion: plan.spec.kubernetesVersion,
      nodeResourceGroup,
      skuTier: 'Standard',
      privateClusterEnabled: true,
      privateClusterPublicFqdnEnabled: false,
      privateDnsZoneId: props.privateDnsZoneId,
      diskEncryptionSetId: this.diskEncryptionSet?.id,
      localAccountDisabled: true,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true },
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      automaticUpgradeChannel: 'patch',
      // NodeImage needs no egress (SecurityPatch would pull packages from the internet).
      nodeOsUpgradeChannel: 'NodeImage',
      identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
      defaultNodePool: {
        name: 'system',
        vmSize: plan.spec.systemVmSize,
        vnetSubnetId: props.nodeSubnetId,
        zones: [...ALL_ZONES],
        orchestratorVersion: plan.spec.kubernetesVersion,
        autoScalingEnabled: true,
        minCount: system.min,
        maxCount: system.max,
        nodePublicIpEnabled: false,
        // Lets azurerm change the VM size by rotating the pool instead of replacing the cluster.
        temporaryNameForRotation: 'systemtmp',
        tags,
      },
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkDataPlane: 'cilium',
        networkPolicy: 'cilium',
        podCidr: AKS_POD_CIDR,
        serviceCidr: AKS_SERVICE_CIDR,
        dnsServiceIp: AKS_DNS_SERVICE_IP,
        loadBalancerSku: 'standard',
        outboundType: 'none',
      },
      bootstrapProfile: { artifactSource: 'Cache' },
      // No oms_agent: without an Azure Monitor Private Link Scope it has no ingestion path here (see the class doc).
      dependsOn,
      tags,
    });
  }
}

/**
 * Service annotations exposing a model server on the internal load balancer at `ilbIp`
 * with an AKS-managed Private Link Service (visible only through Azure RBAC: no
 * `azure-pls-visibility`, no auto-approval).
 */
export function modelServerAnnotations(props: Pick<ServingClusterProps, 'ilbSubnet' | 'plsSubnet' | 'ilbIp'>, plsName: string): Record<string, string> {
  const k = 'service.beta.kubernetes.io/';
  return {
    [`${k}azure-load-balancer-internal`]: 'true',
    [`${k}azure-load-balancer-internal-subnet`]: props.ilbSubnet.name,
    [`${k}azure-load-balancer-ipv4`]: props.ilbIp,
    [`${k}azure-pls-create`]: 'true',
    [`${k}azure-pls-name`]: plsName,
    [`${k}azure-pls-ip-configuration-subnet`]: props.plsSubnet.name,
    [`${k}azure-pls-ip-configuration-ip-address-count`]: '1',
    [`${k}azure-pls-proxy-protocol`]: 'false',
  };
}
