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

    test('write order on the account: private endpoint, then the CMK, then the deployments one by one; the endpoint waits for no deployment', () => {
      for (const plan of derived.serving) {
        const t = built.json[plan.stackName];
        const deployments = resourcesOf(t, 'azurerm_cognitive_deployment');
        expect(deployments).toHaveLength(plan.spec.models.length);
        const [[cmk, cmkBody]] = resourcesOf(t, 'azurerm_cognitive_account_customer_managed_key');
        const [peName, pe] = resourcesOf(t, 'azurerm_private_endpoint').find(([, b]) => b.private_service_connection.subresource_names[0] === 'account')!;
        deployments.forEach(([, body], i) => {
          // The first deployment waits for the customer-managed key: no model data under the platform key.
          if (i === 0) expect(body.depends_on).toEqual([`azurerm_cognitive_account_customer_managed_key.${cmk}`]);
          else expect(body.depends_on).toEqual([`azurerm_cognitive_deployment.${deployments[i - 1][0]}`]);
        });
        expect(cmkBody.depends_on).toContain(`azurerm_private_endpoint.${peName}`);
        // A failing deployment (quota, retired model) can no longer leave the account without its endpoint and DNS records;
        // the endpoint waits only for its subnet's NSG, so no endpoint exists before deny-by-default applies.
        const [[nsgAssociation]] = resourcesOf(t, 'azurerm_subnet_network_security_group_association').filter(([id]) => /private-endpoints/.test(id));
        expect(pe.depends_on).toEqual([`azurerm_subnet_network_security_group_association.${nsgAssociation}`]);
        expect(JSON.stringify(pe)).not.toMatch(/azurerm_cognitive_deployment|customer_managed_key/);
        expect(pe.private_dns_zone_group.private_dns_zone_ids).toHaveLength(3);
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

    test('user-assigned identity with Network Contributor on the spoke VNet and DNS zone contributor; the cluster waits until the grants have applied', () => {
      const [c] = clusters();
      const identity = refTo(tf, 'azurerm_user_assigned_identity', () => true);
      expect(c.identity).toEqual({ type: 'UserAssigned', identity_ids: [identity] });
      const principal = refTo(tf, 'azurerm_user_assigned_identity', () => true, 'principal_id');
      const grants = resourcesOf(tf, 'azurerm_role_assignment');
      const network = grants.filter(([, g]) => g.role_definition_name === 'Network Contributor');
      // One grant on the VNet covers the node, ILB and PLS subnets and what AKS creates in the VNet.
      expect(network.map(([, g]) => g)).toEqual([expect.objectContaining({ scope: refTo(tf, 'azurerm_virtual_network', () => true), principal_id: principal })]);
      const zone = refTo(tf, 'azurerm_private_dns_zone', (b) => b.name === 'privatelink.swedencentral.azmk8s.io');
      expect(grants.find(([, g]) => g.scope === zone)?.[1].role_definition_name).toBe('Private DNS Zone Contributor');
      expect(c.private_dns_zone_id).toBe(zone);
      // Every grant the cluster relies on (its identity's and the disk encryption set's) feeds one wait before it.
      const sleeps = resourcesOf(tf, 'time_sleep').filter(([name]) => c.depends_on.includes(`time_sleep.${name}`));
      expect(sleeps).toHaveLength(1);
      const [[sleepName, sleep]] = sleeps;
      expect(sleep.create_duration).toBe('600s');
      const clusterGrants = grants.filter(([name]) => sleep.depends_on.includes(`azurerm_role_assignment.${name}`));
      expect(clusterGrants.map(([, g]) => g.role_definition_name).sort()).toEqual(['Key Vault Crypto Service Encryption User', 'Network Contributor', 'Private DNS Zone Contributor', 'Reader']);
      expect(Object.values(sleep.triggers).sort()).toEqual(clusterGrants.map(([name]) => `\${azurerm_role_assignment.${name}.id}`).sort());
      expect(c.depends_on).toContain(`time_sleep.${sleepName}`);
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

    test('monitoring: no Container Insights agent (no private ingestion path in a network-isolated cluster); control-plane logs via a diagnostic setting', () => {
      const workspace = refTo(tf, 'azurerm_log_analytics_workspace', (b) => b.name === sdc.logAnalyticsName);
      expect(clusters()[0].oms_agent).toBeUndefined();
      expect(clusters()[0].monitor_metrics).toBeUndefined();
      expect(bodiesOf(tf, 'azurerm_monitor_private_link_scope')).toHaveLength(0);
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
    /** Key deployments of a stack by key name, with their parsed template. */
    const keyDeployments = (t: TfJson) => Object.fromEntries(resourcesOf(t, 'azurerm_resource_group_template_deployment')
      .map(([name, body]) => ({ name, body, template: JSON.parse(body.template_content) }))
      .filter((d) => d.template.resources[0].type === 'Microsoft.KeyVault/vaults/keys')
      .map((d) => [/"keyName" = \{"value" = "([^"]+)"\}/.exec(d.body.parameters_content)![1], d]));
    /** A `${jsondecode(<deployment>.output_content).<output>.value}` reference to a key deployment's output. */
    const outputOf = (deployment: string, output: string) => `\${jsondecode(azurerm_resource_group_template_deployment.${deployment}.output_content).${output}.value}`;

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

    test('keys: RSA-HSM wrapping keys with 90-day rotation, created through ARM (no data-plane call, no deployer data-plane role)', () => {
      const [vaultName] = vaultOf(tf);
      // No azurerm_key_vault_key: it would create and refresh the keys through the private vault's data plane.
      expect(bodiesOf(tf, 'azurerm_key_vault_key')).toHaveLength(0);
      expect(bodiesOf(tf, 'azurerm_role_assignment').filter((g) => g.role_definition_name === 'Key Vault Crypto Officer')).toEqual([]);
      const keys = keyDeployments(tf);
      expect(Object.keys(keys).sort()).toEqual(['cmk-ai-services', 'cmk-aks-disks']);
      for (const [keyName, { body, template }] of Object.entries(keys)) {
        expect(body).toMatchObject({ name: `key-kv-stateline-sdc-${keyName}`, deployment_mode: 'Incremental', provider: 'azurerm.keys', tags: derived.tags });
        expect(body.parameters_content).toContain(`"vaultName" = {"value" = azurerm_key_vault.${vaultName}.name}`);
        const [key] = template.resources;
        expect(key).toMatchObject({ type: 'Microsoft.KeyVault/vaults/keys', apiVersion: '2024-11-01', name: "[format('{0}/{1}', parameters('vaultName'), parameters('keyName'))]" });
        expect(key.properties).toEqual({
          kty: 'RSA-HSM',
          keySize: keyName === 'cmk-ai-services' ? 2048 : 3072,
          keyOps: ['wrapKey', 'unwrapKey'],
          attributes: { enabled: true },
          // No expiry: AI Services stays on its key version until it is pointed at a newer one.
          rotationPolicy: { lifetimeActions: [{ trigger: { timeAfterCreate: 'P90D' }, action: { type: 'rotate' } }] },
        });
        expect(Object.keys(template.outputs).sort()).toEqual(['keyUri', 'keyUriWithVersion']);
      }
      // The aliased provider keeps keys when a deployment is destroyed (ARM has no key delete).
      const keysProvider = (tf as any).provider.azurerm.find((p: Body) => p.alias === 'keys');
      expect(keysProvider.features).toEqual([{ template_deployment: [{ delete_nested_items_during_deletion: false }] }]);
      // A region without clusters has no disk key.
      expect(Object.keys(keyDeployments(built.json[frc.stackName]))).toEqual(['cmk-ai-services']);
    });

    test('every cognitive account is switched to its first key version after its system identity was granted the key and the grant had time to apply', () => {
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
        // AI Services needs a key version; the version the key was created with is fixed in state, so rotations cause no drift.
        const deployment = keyDeployments(t)['cmk-ai-services'];
        expect(cmk.key_vault_key_id).toBe(outputOf(deployment.name, 'keyUriWithVersion'));
        expect(cmk.lifecycle).toEqual({ ignore_changes: ['key_vault_key_id'] });
        const [vaultName, vault] = vaultOf(t);
        expect(vault).toMatchObject({ purge_protection_enabled: true, public_network_access_enabled: false, rbac_authorization_enabled: true });
        const grants = resourcesOf(t, 'azurerm_role_assignment').filter(([, g]) => g.principal_id === `\${azurerm_cognitive_account.${accountName}.identity[0].principal_id}`);
        expect(grants.map(([, g]) => g)).toEqual([{
          scope: `\${azurerm_key_vault.${vaultName}.id}/keys/cmk-ai-services`,
          role_definition_name: 'Key Vault Crypto Service Encryption User',
          principal_id: `\${azurerm_cognitive_account.${accountName}.identity[0].principal_id}`,
          principal_type: 'ServicePrincipal',
          skip_service_principal_aad_check: true,
          depends_on: [`azurerm_resource_group_template_deployment.${deployment.name}`],
        }]);
        const [[sleepName, sleep]] = resourcesOf(t, 'time_sleep').filter(([, z]) => z.depends_on.includes(`azurerm_role_assignment.${grants[0][0]}`));
        expect(sleep).toEqual({ create_duration: '600s', depends_on: [`azurerm_role_assignment.${grants[0][0]}`], triggers: { role_assignment_1: `\${azurerm_role_assignment.${grants[0][0]}.id}` } });
        expect(cmk.depends_on).toContain(`time_sleep.${sleepName}`);
      }
    });

    test('AKS disks: a disk encryption set per cluster, created through ARM on the versioned disk key with rotation to the latest version, granted the key', () => {
      const [c] = bodiesOf(tf, 'azurerm_kubernetes_cluster');
      // No azurerm_disk_encryption_set: with auto rotation it reads the key's latest version from the vault's data plane when created.
      expect(bodiesOf(tf, 'azurerm_disk_encryption_set')).toHaveLength(0);
      const sets = resourcesOf(tf, 'azurerm_resource_group_template_deployment').filter(([, d]) => JSON.parse(d.template_content).resources[0].type === 'Microsoft.Compute/diskEncryptionSets');
      expect(sets).toHaveLength(1);
      const [deploymentName, deployment] = sets[0];
      const desName = `des-${sdc.clusters[0].aksName}`;
      expect(deployment.provider).toBeUndefined(); // the default provider deletes the set with its deployment
      const [set] = JSON.parse(deployment.template_content).resources;
      expect(set).toMatchObject({
        apiVersion: '2024-03-02',
        identity: { type: 'SystemAssigned' },
        properties: {
          encryptionType: 'EncryptionAtRestWithCustomerKey',
          activeKey: { keyUrl: "[parameters('keyUrl')]", sourceVault: { id: "[parameters('vaultId')]" } },
          rotationToLatestKeyVersionEnabled: true,
        },
      });
      const diskKey = keyDeployments(tf)['cmk-aks-disks'];
      const [vaultName] = vaultOf(tf);
      expect(deployment.parameters_content).toContain(`"keyUrl" = {"value" = jsondecode(azurerm_resource_group_template_deployment.${diskKey.name}.output_content).keyUriWithVersion.value}`);
      expect(deployment.parameters_content).toContain(`"vaultId" = {"value" = azurerm_key_vault.${vaultName}.id}`);
      expect(deployment.parameters_content).toContain(`"name" = {"value" = "${desName}"}`);
      // The cluster's set id is built from the resource group (ForceNew: never unknown at plan time).
      const setId = `\${azurerm_resource_group.${Object.keys(tf.resource!.azurerm_resource_group)[0]}.id}/providers/Microsoft.Compute/diskEncryptionSets/${desName}`;
      expect(c.disk_encryption_set_id).toBe(setId);
      expect(c.depends_on).toContain(`azurerm_resource_group_template_deployment.${deploymentName}`);
      const grants = resourcesOf(tf, 'azurerm_role_assignment');
      const keyUser = grants.find(([, g]) => g.principal_id === outputOf(deploymentName, 'principalId'))!;
      expect(keyUser[1]).toMatchObject({ scope: `\${azurerm_key_vault.${vaultName}.id}/keys/cmk-aks-disks`, role_definition_name: 'Key Vault Crypto Service Encryption User' });
      const reader = grants.find(([, g]) => g.scope === setId)!;
      expect(reader[1]).toMatchObject({ role_definition_name: 'Reader', principal_id: refTo(tf, 'azurerm_user_assigned_identity', () => true, 'principal_id') });
      expect(bodiesOf(built.json[frc.stackName], 'azurerm_resource_group_template_deployment').filter((d) => d.template_content.includes('diskEncryptionSets'))).toHaveLength(0);
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
