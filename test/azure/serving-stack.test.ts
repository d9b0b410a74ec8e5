/** Serving stacks: private AI Services with chained deployments, private AKS with GPU pools, DNS, diagnostics, outputs. */
import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { AKS_DNS_SERVICE_IP, AKS_POD_CIDR, AKS_SERVICE_CIDR, ServingPlan } from '../../lib/topology/derive';
import { deriveFrom, rawDefault } from '../helpers';
import './jest-matchers';
import { Body, bodiesOf, buildAzure, BuiltAzure, refTo, resourcesOf, TfJson } from './synth';

/** The private endpoint whose connection targets `subresource` (`account`: AI Services, `vault`: Key Vault). */
const endpointTo = (tf: TfJson, subresource: string): Body => {
  const found = bodiesOf(tf, 'azurerm_private_endpoint').filter((pe) => pe.private_service_connection.subresource_names.includes(subresource));
  expect(found).toHaveLength(1);
  return found[0];
};
const aiEndpoint = (tf: TfJson) => endpointTo(tf, 'account');
/** `${data.azurerm_private_dns_zone.<name>.id}` of the hub zone looked up by name. */
const hubZoneRef = (tf: TfJson, zone: string): string => {
  const [name] = Object.entries(tf.data!.azurerm_private_dns_zone).find(([, b]) => b.name === zone)!;
  return `\${data.azurerm_private_dns_zone.${name}.id}`;
};

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

    test('deployments are chained with depends_on after the CMK, and the private endpoint waits for the last one', () => {
      for (const plan of derived.serving) {
        const t = built.json[plan.stackName];
        const deployments = resourcesOf(t, 'azurerm_cognitive_deployment');
        expect(deployments).toHaveLength(plan.spec.models.length);
        const [[cmk]] = resourcesOf(t, 'azurerm_cognitive_account_customer_managed_key');
        deployments.forEach(([, body], i) => {
          // The first deployment waits for the customer-managed key: no model data under the platform key.
          if (i === 0) expect(body.depends_on).toEqual([`azurerm_cognitive_account_customer_managed_key.${cmk}`]);
          else expect(body.depends_on).toEqual([`azurerm_cognitive_deployment.${deployments[i - 1][0]}`]);
        });
        const pe = aiEndpoint(t);
        // ... and for the subnet's NSG: no endpoint exists before deny-by-default applies.
        const [[nsgAssociation]] = resourcesOf(t, 'azurerm_subnet_network_security_group_association').filter(([id]) => /private-endpoints/.test(id));
        expect(pe.depends_on).toEqual([`azurerm_cognitive_deployment.${deployments[deployments.length - 1][0]}`, `azurerm_subnet_network_security_group_association.${nsgAssociation}`]);
      }
    });

    test('private endpoint: subresource account, in snet-private-endpoints, DNS zone group with the three AI hub zones only', () => {
      const pe = aiEndpoint(tf);
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
      const des = refTo(tf, 'azurerm_disk_encryption_set', () => true, 'identity[0].principal_id');
      const clusterGrants = grants.filter(([, g]) => g.principal_id === principal || g.principal_id === des);
      expect(clusterGrants).toHaveLength(6);
      for (const [name] of clusterGrants) expect(c.depends_on).toContain(`azurerm_role_assignment.${name}`);
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

  describe('customer-managed keys', () => {
    const vaultOf = (t: TfJson) => {
      const vaults = resourcesOf(t, 'azurerm_key_vault');
      expect(vaults).toHaveLength(1);
      return vaults[0];
    };
    /** The key a `${azurerm_key_vault_key.<name>.<attr>}` reference points to, and its vault. */
    const keyBehind = (t: TfJson, ref: string, attr: string) => {
      const m = new RegExp(`^\\$\\{azurerm_key_vault_key\\.([^.]+)\\.${attr}\\}$`).exec(ref);
      expect(m).not.toBeNull();
      const key = t.resource!.azurerm_key_vault_key[m![1]];
      const vault = /^\$\{azurerm_key_vault\.([^.]+)\.id\}$/.exec(key.key_vault_id)!;
      return { name: m![1], key, vault: t.resource!.azurerm_key_vault[vault[1]] };
    };

    test('one private, RBAC, purge-protected premium Key Vault per serving region, named kv-<project>-<region>', () => {
      for (const plan of derived.serving) {
        const t = built.json[plan.stackName];
        const [, vault] = vaultOf(t);
        const [clientConfig] = Object.keys(t.data!.azurerm_client_config);
        expect(vault).toEqual(expect.objectContaining({
          name: `kv-stateline-${plan.short}`,
          location: plan.region,
          sku_name: 'premium',
          tenant_id: `\${data.azurerm_client_config.${clientConfig}.tenant_id}`,
          rbac_authorization_enabled: true,
          purge_protection_enabled: true,
          soft_delete_retention_days: 90,
          public_network_access_enabled: false,
          network_acls: { default_action: 'Deny', bypass: 'AzureServices' },
          tags: derived.tags,
        }));
        // 4.55 renamed the argument: the deprecated one must not be set as well.
        expect(vault.enable_rbac_authorization).toBeUndefined();
        expect(vault.access_policy).toBeUndefined();
        expect(vault.name.length).toBeLessThanOrEqual(24);
      }
    });

    test('the vault is reachable only through a private endpoint (subresource vault) registered in the hub vaultcore zone', () => {
      for (const plan of derived.serving) {
        const t = built.json[plan.stackName];
        const [vaultName] = vaultOf(t);
        const pe = endpointTo(t, 'vault');
        expect(pe).toMatchObject({
          name: `pe-kv-stateline-${plan.short}`,
          subnet_id: refTo(t, 'azurerm_subnet', (b) => b.name === 'snet-private-endpoints'),
          private_service_connection: { private_connection_resource_id: `\${azurerm_key_vault.${vaultName}.id}`, subresource_names: ['vault'], is_manual_connection: false },
          private_dns_zone_group: { private_dns_zone_ids: [hubZoneRef(t, 'privatelink.vaultcore.azure.net')] },
        });
        const zone = Object.values(t.data!.azurerm_private_dns_zone).find((z) => z.name === 'privatelink.vaultcore.azure.net')!;
        expect(zone.resource_group_name).toBe(derived.hub.resourceGroupName);
      }
    });

    test('keys are RSA-HSM wrapping keys with 90-day automatic rotation, created after the private endpoint and the deployer grant', () => {
      const [vaultName] = vaultOf(tf);
      const pe = resourcesOf(tf, 'azurerm_private_endpoint').find(([, b]) => b.private_service_connection.subresource_names[0] === 'vault')![0];
      const [deployerGrant, grant] = resourcesOf(tf, 'azurerm_role_assignment').find(([, g]) => g.role_definition_name === 'Key Vault Crypto Officer')!;
      const [clientConfig] = Object.keys(tf.data!.azurerm_client_config);
      expect(grant).toEqual({ scope: `\${azurerm_key_vault.${vaultName}.id}`, role_definition_name: 'Key Vault Crypto Officer', principal_id: `\${data.azurerm_client_config.${clientConfig}.object_id}` });
      const keys = bodiesOf(tf, 'azurerm_key_vault_key');
      expect(keys.map((k) => [k.name, k.key_size]).sort()).toEqual([['cmk-ai-services', 2048], ['cmk-aks-disks', 3072]]);
      for (const k of keys) {
        expect(k).toMatchObject({
          key_vault_id: `\${azurerm_key_vault.${vaultName}.id}`,
          key_type: 'RSA-HSM',
          key_opts: ['wrapKey', 'unwrapKey'],
          rotation_policy: { automatic: { time_after_creation: 'P90D' } },
          tags: derived.tags,
        });
        // No expiry: AI Services stays on its key version until it is pointed at a newer one.
        expect(k.expiration_date).toBeUndefined();
        expect(k.rotation_policy.expire_after).toBeUndefined();
        // The key is written through the private endpoint: after it joined the Key Vault's application
        // security group, the one the NSG admits deployers to.
        const [[membership]] = resourcesOf(tf, 'azurerm_private_endpoint_application_security_group_association').filter(([id]) => /KeyVault/.test(id));
        expect(k.depends_on.sort()).toEqual([`azurerm_private_endpoint.${pe}`, `azurerm_role_assignment.${deployerGrant}`, `azurerm_private_endpoint_application_security_group_association.${membership}`].sort());
      }
      // A region without clusters has no disk key.
      expect(bodiesOf(built.json[frc.stackName], 'azurerm_key_vault_key').map((k) => k.name)).toEqual(['cmk-ai-services']);
    });

    test('every cognitive account has a customer-managed key in a purge-protected, private vault, granted to its system identity', () => {
      for (const plan of derived.serving) {
        const t = built.json[plan.stackName];
        const [[accountName, account]] = resourcesOf(t, 'azurerm_cognitive_account');
        const cmks = resourcesOf(t, 'azurerm_cognitive_account_customer_managed_key');
        expect(cmks).toHaveLength(1);
        const [, cmk] = cmks[0];
        expect(cmk.cognitive_account_id).toBe(`\${azurerm_cognitive_account.${accountName}.id}`);
        // System identity (no user-assigned identity for CMK in these regions): no client id to name.
        expect(cmk.identity_client_id).toBeUndefined();
        expect(account.identity).toEqual({ type: 'SystemAssigned' });
        expect(account.lifecycle).toEqual({ ignore_changes: ['customer_managed_key'] });
        const { name: keyName, key, vault } = keyBehind(t, cmk.key_vault_key_id, 'id');
        expect(key).toMatchObject({ key_type: 'RSA-HSM', key_size: 2048 });
        expect(vault).toMatchObject({ purge_protection_enabled: true, public_network_access_enabled: false, rbac_authorization_enabled: true });
        const grants = resourcesOf(t, 'azurerm_role_assignment').filter(([, g]) => g.principal_id === `\${azurerm_cognitive_account.${accountName}.identity[0].principal_id}`);
        expect(grants.map(([, g]) => g)).toEqual([{
          scope: `\${azurerm_key_vault_key.${keyName}.resource_versionless_id}`,
          role_definition_name: 'Key Vault Crypto Service Encryption User',
          principal_id: `\${azurerm_cognitive_account.${accountName}.identity[0].principal_id}`,
          principal_type: 'ServicePrincipal',
          skip_service_principal_aad_check: true,
        }]);
        expect(cmk.depends_on).toEqual([`azurerm_role_assignment.${grants[0][0]}`]);
      }
    });

    test('AKS disks: a disk encryption set per cluster on the versionless disk key, granted the key; the cluster reads the set and waits for both grants', () => {
      const [c] = bodiesOf(tf, 'azurerm_kubernetes_cluster');
      const sets = resourcesOf(tf, 'azurerm_disk_encryption_set');
      expect(sets).toHaveLength(1);
      const [desName, des] = sets[0];
      expect(c.disk_encryption_set_id).toBe(`\${azurerm_disk_encryption_set.${desName}.id}`);
      expect(des).toMatchObject({
        name: `des-${sdc.clusters[0].aksName}`,
        location: sdc.region,
        encryption_type: 'EncryptionAtRestWithCustomerKey',
        auto_key_rotation_enabled: true,
        identity: { type: 'SystemAssigned' },
        tags: derived.tags,
      });
      const { name: keyName, key, vault } = keyBehind(tf, des.key_vault_key_id, 'versionless_id');
      expect(key).toMatchObject({ name: 'cmk-aks-disks', key_type: 'RSA-HSM', key_size: 3072 });
      expect(vault).toMatchObject({ purge_protection_enabled: true, public_network_access_enabled: false });
      const grants = resourcesOf(tf, 'azurerm_role_assignment');
      const keyUser = grants.find(([, g]) => g.principal_id === `\${azurerm_disk_encryption_set.${desName}.identity[0].principal_id}`)!;
      expect(keyUser[1]).toMatchObject({ scope: `\${azurerm_key_vault_key.${keyName}.resource_versionless_id}`, role_definition_name: 'Key Vault Crypto Service Encryption User' });
      const reader = grants.find(([, g]) => g.scope === `\${azurerm_disk_encryption_set.${desName}.id}`)!;
      expect(reader[1]).toMatchObject({ role_definition_name: 'Reader', principal_id: refTo(tf, 'azurerm_user_assigned_identity', () => true, 'principal_id') });
      expect(c.depends_on).toEqual(expect.arrayContaining([`azurerm_role_assignment.${keyUser[0]}`, `azurerm_role_assignment.${reader[0]}`]));
      expect(bodiesOf(built.json[frc.stackName], 'azurerm_disk_encryption_set')).toHaveLength(0);
    });

    test('deployer IP ranges open the vault firewall to those ranges only (default: private only)', () => {
      expect(vaultOf(tf)[1]).toMatchObject({ public_network_access_enabled: false, network_acls: { default_action: 'Deny', bypass: 'AzureServices' } });
      expect(vaultOf(tf)[1].network_acls.ip_rules).toBeUndefined();
      const t = rawDefault();
      t.azure.encryption = { deployerIpRanges: ['20.50.0.0/24'] };
      const withRanges = buildAzure(deriveFrom(t));
      try {
        expect(vaultOf(withRanges.json[sdc.stackName])[1]).toMatchObject({ public_network_access_enabled: true, network_acls: { default_action: 'Deny', ip_rules: ['20.50.0.0/24'] } });
      } finally {
        withRanges.dispose();
      }
    });

    test('vault audit logs and metrics go to the region workspace', () => {
      for (const plan of derived.serving) {
        const t = built.json[plan.stackName];
        const [vaultName] = vaultOf(t);
        const setting = bodiesOf(t, 'azurerm_monitor_diagnostic_setting').find((d) => d.target_resource_id === `\${azurerm_key_vault.${vaultName}.id}`);
        expect(setting).toMatchObject({
          log_analytics_workspace_id: refTo(t, 'azurerm_log_analytics_workspace', (b) => b.name === plan.logAnalyticsName),
          enabled_log: [{ category_group: 'allLogs' }],
          enabled_metric: [{ category: 'AllMetrics' }],
        });
      }
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

    test('every serving stack links the four hub zones (three AI, one Key Vault) to its own VNet, in the hub resource group', () => {
      for (const plan of derived.serving) {
        const t = built.json[plan.stackName];
        const vnet = refTo(t, 'azurerm_virtual_network', () => true);
        const links = bodiesOf(t, 'azurerm_private_dns_zone_virtual_network_link').filter((l) => l.resource_group_name === derived.hub.resourceGroupName);
        expect(links).toHaveLength(4);
        for (const l of links) expect(l).toMatchObject({ virtual_network_id: vnet, registration_enabled: false });
        const linkedZones = links.map((l) => /^\$\{data\.azurerm_private_dns_zone\.([^.]+)\.name\}$/.exec(l.private_dns_zone_name)![1]).map((n) => t.data!.azurerm_private_dns_zone[n].name);
        expect(linkedZones.sort()).toEqual([...derived.dns.privateZones, 'privatelink.vaultcore.azure.net'].sort());
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
    expect(out.ai_services_private_ip.value).toBe(refTo(tf, 'azurerm_private_endpoint', (b) => b.private_service_connection.subresource_names[0] === 'account', 'private_service_connection[0].private_ip_address'));
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
