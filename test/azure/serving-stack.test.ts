/** Serving stacks: private AI Services with chained deployments, private AKS with GPU pools, DNS, diagnostics, outputs. */
import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { AKS_DNS_SERVICE_IP, AKS_POD_CIDR, AKS_SERVICE_CIDR, ServingPlan } from '../../lib/topology/derive';
import { deriveFrom, rawDefault } from '../helpers';
import './jest-matchers';
import { Body, bodiesOf, buildAzure, BuiltAzure, refTo, resourcesOf, TfJson } from './synth';

describe('Azure serving stacks (default topology)', () => {
  const derived = deriveFrom(rawDefault());
  const [sdc, frc] = derived.serving as [ServingPlan, ServingPlan];
  let built: BuiltAzure;
  let tf: TfJson;
  let text: string;
  beforeAll(() => {
    built = buildAzure(derived);
    tf = built.json[sdc.stackName];
    text = built.text[sdc.stackName];
  });
  afterAll(() => built.dispose());

  describe('AI Services', () => {
    test('every cognitive account is AIServices, private, keyless, ACL Deny, with custom subdomain and system identity', () => {
      for (const plan of derived.serving) {
        const accounts = bodiesOf(built.json[plan.stackName], 'azurerm_cognitive_account');
        expect(accounts).toHaveLength(1);
        expect(accounts[0]).toMatchObject({
          name: plan.accountName,
          kind: 'AIServices',
          sku_name: 'S0',
          custom_subdomain_name: plan.customSubdomain,
          public_network_access_enabled: false,
          local_auth_enabled: false,
          network_acls: { default_action: 'Deny' },
          identity: { type: 'SystemAssigned' },
        });
        // azurerm 4.55 rejects `bypass` for the AIServices kind.
        expect(accounts[0].network_acls.bypass).toBeUndefined();
      }
      expect(text).toHaveResourceWithProperties(CognitiveAccount, { outbound_network_access_restricted: true });
    });

    test('one deployment per model with model {format, name, version} and sku {name, capacity}', () => {
      const deployments = bodiesOf(tf, 'azurerm_cognitive_deployment');
      expect(deployments.map((d) => ({ name: d.name, model: d.model, sku: d.sku }))).toEqual(sdc.spec.models.map((m) => ({
        name: m.name,
        model: { format: m.format, name: m.model, version: m.version },
        sku: { name: m.sku, capacity: m.capacity },
      })));
      const account = refTo(tf, 'azurerm_cognitive_account', () => true);
      for (const d of deployments) expect(d.cognitive_account_id).toBe(account);
    });

    test('deployments are chained with depends_on, and the private endpoint waits for the last one', () => {
      for (const plan of derived.serving) {
        const t = built.json[plan.stackName];
        const deployments = resourcesOf(t, 'azurerm_cognitive_deployment');
        expect(deployments).toHaveLength(plan.spec.models.length);
        deployments.forEach(([, body], i) => {
          if (i === 0) expect(body.depends_on).toBeUndefined();
          else expect(body.depends_on).toEqual([`azurerm_cognitive_deployment.${deployments[i - 1][0]}`]);
        });
        const [pe] = bodiesOf(t, 'azurerm_private_endpoint');
        expect(pe.depends_on).toEqual([`azurerm_cognitive_deployment.${deployments[deployments.length - 1][0]}`]);
      }
    });

    test('private endpoint: subresource account, in snet-private-endpoints, DNS zone group with the three hub zones', () => {
      const [pe] = bodiesOf(tf, 'azurerm_private_endpoint');
      expect(pe.subnet_id).toBe(refTo(tf, 'azurerm_subnet', (b) => b.name === 'snet-private-endpoints'));
      expect(pe.private_service_connection).toMatchObject({
        private_connection_resource_id: refTo(tf, 'azurerm_cognitive_account', () => true),
        subresource_names: ['account'],
        is_manual_connection: false,
      });
      const zoneIds = derived.dns.privateZones.map((zone) => {
        const [name] = Object.entries(tf.data!.azurerm_private_dns_zone).find(([, b]) => b.name === zone)!;
        expect(tf.data!.azurerm_private_dns_zone[name].resource_group_name).toBe(derived.hub.resourceGroupName);
        return `\${data.azurerm_private_dns_zone.${name}.id}`;
      });
      expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual(zoneIds);
    });
  });

  describe('AKS', () => {
    const clusters = () => bodiesOf(tf, 'azurerm_kubernetes_cluster');

    test('only regions with clusters get AKS; every cluster is private without public FQDN or local accounts', () => {
      expect(bodiesOf(built.json[frc.stackName], 'azurerm_kubernetes_cluster')).toHaveLength(0);
      expect(clusters()).toHaveLength(1);
      for (const c of clusters()) {
        expect(c).toMatchObject({
          private_cluster_enabled: true,
          private_cluster_public_fqdn_enabled: false,
          local_account_disabled: true,
          role_based_access_control_enabled: true,
          azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
          oidc_issuer_enabled: true,
          workload_identity_enabled: true,
        });
      }
    });

    test('network: Azure CNI overlay with derived ranges; network-isolated (outbound none + bootstrap cache), no public IPs', () => {
      expect(text).toHaveResourceWithProperties(KubernetesCluster, { bootstrap_profile: { artifact_source: 'Cache' } });
      expect(clusters()[0].network_profile).toMatchObject({
        network_plugin: 'azure',
        network_plugin_mode: 'overlay',
        pod_cidr: AKS_POD_CIDR,
        service_cidr: AKS_SERVICE_CIDR,
        dns_service_ip: AKS_DNS_SERVICE_IP,
        outbound_type: 'none',
      });
      const [c] = clusters();
      expect(c.network_profile.load_balancer_profile).toBeUndefined();
      expect(c.network_profile.nat_gateway_profile).toBeUndefined();
      expect(c.default_node_pool).toMatchObject({
        zones: ['1', '2', '3'],
        node_public_ip_enabled: false,
        vnet_subnet_id: refTo(tf, 'azurerm_subnet', (b) => b.name === 'snet-aks-llm'),
      });
    });

    test('user-assigned identity with Network Contributor on node/ILB/PLS subnets and DNS zone contributor, granted before the cluster', () => {
      const [c] = clusters();
      const identity = refTo(tf, 'azurerm_user_assigned_identity', () => true);
      expect(c.identity).toEqual({ type: 'UserAssigned', identity_ids: [identity] });
      const principal = refTo(tf, 'azurerm_user_assigned_identity', () => true, 'principal_id');
      const grants = resourcesOf(tf, 'azurerm_role_assignment');
      const bySubnet = (name: string) => grants.find(([, g]) => g.scope === refTo(tf, 'azurerm_subnet', (b) => b.name === name));
      for (const subnet of ['snet-aks-llm', 'snet-ilb', 'snet-pls']) {
        expect(bySubnet(subnet)?.[1]).toMatchObject({ role_definition_name: 'Network Contributor', principal_id: principal });
      }
      const zone = refTo(tf, 'azurerm_private_dns_zone', (b) => b.name === 'privatelink.swedencentral.azmk8s.io');
      expect(grants.find(([, g]) => g.scope === zone)?.[1].role_definition_name).toBe('Private DNS Zone Contributor');
      expect(c.private_dns_zone_id).toBe(zone);
      for (const [name] of grants) expect(c.depends_on).toContain(`azurerm_role_assignment.${name}`);
    });

    test('the API server zone is linked to the spoke and the hub VNet (hub resolver answers azmk8s.io for AWS)', () => {
      const zone = refTo(tf, 'azurerm_private_dns_zone', (b) => b.name === 'privatelink.swedencentral.azmk8s.io', 'name');
      const links = bodiesOf(tf, 'azurerm_private_dns_zone_virtual_network_link').filter((l) => l.private_dns_zone_name === zone);
      expect(links.map((l) => l.virtual_network_id).sort()).toEqual([
        refTo(tf, 'azurerm_virtual_network', () => true),
        `\${data.azurerm_virtual_network.${Object.keys(tf.data!.azurerm_virtual_network)[0]}.id}`,
      ].sort());
      expect(derived.dns.forwardedZones).toContain('azmk8s.io');
    });

    test('every GPU pool: User mode, its taint, autoscaling bounds, no public IP, GPU size, node subnet', () => {
      const pools = bodiesOf(tf, 'azurerm_kubernetes_cluster_node_pool');
      const spec = sdc.clusters[0].spec.gpuPools;
      expect(pools).toHaveLength(spec.length);
      spec.forEach((p, i) => expect(pools[i]).toMatchObject({
        name: p.name,
        mode: 'User',
        vm_size: p.vmSize,
        node_taints: [p.taint],
        auto_scaling_enabled: true,
        min_count: p.minCount,
        max_count: p.maxCount,
        node_public_ip_enabled: false,
        kubernetes_cluster_id: refTo(tf, 'azurerm_kubernetes_cluster', () => true),
        vnet_subnet_id: refTo(tf, 'azurerm_subnet', (b) => b.name === 'snet-aks-llm'),
      }));
      expect(spec[0]).toMatchObject({ taint: 'nvidia.com/gpu=present:NoSchedule', minCount: 0, maxCount: 2 });
    });

    test('model servers are exposed only privately: ILB in snet-ilb at a fixed address plus an AKS-managed PLS in snet-pls', () => {
      expect(bodiesOf(tf, 'azurerm_private_link_service')).toHaveLength(0);
      expect(bodiesOf(tf, 'azurerm_lb')).toHaveLength(0);
      const annotations = tf.output!.model_server_llm_service_annotations.value as Record<string, string>;
      expect(annotations).toEqual({
        'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
        'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'snet-ilb',
        'service.beta.kubernetes.io/azure-load-balancer-ipv4': '10.101.1.36',
        'service.beta.kubernetes.io/azure-pls-create': 'true',
        'service.beta.kubernetes.io/azure-pls-name': 'pls-aks-stateline-sdc-llm',
        'service.beta.kubernetes.io/azure-pls-ip-configuration-subnet': 'snet-pls',
        'service.beta.kubernetes.io/azure-pls-ip-configuration-ip-address-count': '1',
        'service.beta.kubernetes.io/azure-pls-proxy-protocol': 'false',
      });
      expect(sdc.subnets['snet-ilb']).toBe('10.101.1.32/27');
      expect(tf.output!.model_server_llm_ip.value).toBe('10.101.1.36');
    });

    test('monitoring: OMS agent with managed identity and a diagnostic setting to the region workspace', () => {
      const workspace = refTo(tf, 'azurerm_log_analytics_workspace', (b) => b.name === sdc.logAnalyticsName);
      expect(clusters()[0].oms_agent).toEqual({ log_analytics_workspace_id: workspace, msi_auth_for_monitoring_enabled: true });
      const settings = bodiesOf(tf, 'azurerm_monitor_diagnostic_setting');
      const aks = settings.find((s) => s.target_resource_id === refTo(tf, 'azurerm_kubernetes_cluster', () => true));
      expect(aks).toMatchObject({ log_analytics_workspace_id: workspace, enabled_metric: [{ category: 'AllMetrics' }] });
      expect(aks!.enabled_log.map((l: Body) => l.category)).toEqual(['kube-audit-admin', 'guard', 'cluster-autoscaler', 'cloud-controller-manager']);
      const ai = settings.find((s) => s.target_resource_id === refTo(tf, 'azurerm_cognitive_account', () => true));
      expect(ai).toMatchObject({ log_analytics_workspace_id: workspace, enabled_log: [{ category_group: 'allLogs' }] });
    });
  });

  describe('network and DNS', () => {
    test('spokes peer with the hub using its gateway (transit), the spoke side after the hub side', () => {
      for (const plan of derived.serving) {
        const t = built.json[plan.stackName];
        const peerings = resourcesOf(t, 'azurerm_virtual_network_peering');
        const hubSide = peerings.find(([, p]) => p.virtual_network_name === derived.hub.vnetName)!;
        const spokeSide = peerings.find(([, p]) => p.virtual_network_name !== derived.hub.vnetName)!;
        expect(hubSide[1]).toMatchObject({ allow_gateway_transit: true, resource_group_name: derived.hub.resourceGroupName });
        expect(spokeSide[1]).toMatchObject({ use_remote_gateways: true });
        expect(spokeSide[1].depends_on).toEqual([`azurerm_virtual_network_peering.${hubSide[0]}`]);
      }
      expect(text).toHaveResourceWithProperties(VirtualNetworkPeering, { use_remote_gateways: true, allow_forwarded_traffic: true });
    });

    test('every serving stack links the three hub zones to its own VNet, in the hub resource group', () => {
      for (const plan of derived.serving) {
        const t = built.json[plan.stackName];
        const vnet = refTo(t, 'azurerm_virtual_network', () => true);
        const links = bodiesOf(t, 'azurerm_private_dns_zone_virtual_network_link').filter((l) => l.resource_group_name === derived.hub.resourceGroupName);
        expect(links).toHaveLength(3);
        for (const l of links) expect(l).toMatchObject({ virtual_network_id: vnet, registration_enabled: false });
      }
    });

    test('spoke subnets have no default outbound access', () => {
      for (const s of bodiesOf(tf, 'azurerm_subnet')) expect(s.default_outbound_access_enabled).toBe(false);
    });
  });

  test('outputs: private endpoint FQDNs and IPs, AKS private FQDN, model server IP and annotations, all described', () => {
    const out = tf.output!;
    expect(out.ai_services_openai_endpoint.value).toBe('https://stateline-sdc-ai.openai.azure.com/');
    expect(out.ai_services_endpoint.value).toBe('https://stateline-sdc-ai.cognitiveservices.azure.com/');
    expect(out.ai_services_private_ip.value).toBe(refTo(tf, 'azurerm_private_endpoint', () => true, 'private_service_connection[0].private_ip_address'));
    expect(out.aks_llm_private_fqdn.value).toBe(refTo(tf, 'azurerm_kubernetes_cluster', () => true, 'private_fqdn'));
    for (const plan of derived.serving) {
      for (const o of Object.values(built.json[plan.stackName].output!)) {
        expect(o.description).toMatch(/^.{10,}$/);
        expect(o.sensitive).toBeUndefined();
      }
    }
    expect(Object.keys(built.json[frc.stackName].output!).sort()).toEqual(['ai_services_deployments', 'ai_services_endpoint', 'ai_services_openai_endpoint', 'ai_services_private_ip', 'log_analytics_workspace_id', 'spoke_vnet_id']);
  });

  test('snapshots', () => {
    expect(built.text[sdc.stackName]).toMatchSnapshot('swedencentral');
    expect(built.text[frc.stackName]).toMatchSnapshot('francecentral');
  });
});
