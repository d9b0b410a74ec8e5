/**
 * Azure resource names: derived from the project name, the region short code and the
 * resource's role, and checked against each resource type's length and charset rule.
 *
 * The topology already bounds every input (project <= 12 chars, region code <= 6,
 * cluster <= 16), so a failed check here is a bug in a derivation, not a user error;
 * it still fails synthesis with the rule that was broken rather than at deploy time.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 */

interface NameRule {
  readonly pattern: RegExp;
  readonly rule: string;
}

/** Rules per resource kind (the strictest documented rule among the types of a kind). */
export const NAME_RULES = {
  /** Most Microsoft.Network resources: gateways, public IPs, endpoints, resolvers, links. */
  network: { pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9_.-]{0,78}[a-zA-Z0-9_])?$/, rule: '1-80 letters, digits, "_", "." or "-"; starts with a letter or digit, ends with a letter, digit or "_"' },
  resourceGroup: { pattern: /^[-\w.()]{0,89}[-\w()]$/, rule: '1-90 letters, digits, "_", "-", ".", "(" or ")"; does not end with "."' },
  logAnalytics: { pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$/, rule: '4-63 letters, digits or "-"; starts and ends with a letter or digit' },
  /** Cognitive account names and custom subdomains (the subdomain is a DNS label). */
  cognitiveAccount: { pattern: /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, rule: '2-64 lowercase letters, digits or "-"; starts and ends with a letter or digit' },
  aksCluster: { pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$/, rule: '1-63 letters, digits, "_" or "-"; starts and ends with a letter or digit' },
  aksDnsPrefix: { pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,52}[a-zA-Z0-9])?$/, rule: '1-54 letters, digits or "-"; starts and ends with a letter or digit' },
  userAssignedIdentity: { pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/, rule: '3-128 letters, digits, "_" or "-"; starts with a letter or digit' },
  diagnosticSetting: { pattern: /^[^<>*%&:\\?+/]{1,260}$/, rule: '1-260 characters without <>*%&:\\?+/' },
  /** Key Vault names are globally unique DNS labels (`<name>.vault.azure.net`). */
  keyVault: { pattern: /^(?!.*--)[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/, rule: '3-24 letters, digits or "-"; starts with a letter, ends with a letter or digit, no "--"' },
  keyVaultKey: { pattern: /^[a-zA-Z0-9-]{1,127}$/, rule: '1-127 letters, digits or "-"' },
  diskEncryptionSet: { pattern: /^[a-zA-Z0-9_-]{1,80}$/, rule: '1-80 letters, digits, "_" or "-"' },
  /** ARM deployment names (unique per resource group). */
  armDeployment: { pattern: /^[a-zA-Z0-9-._()]{1,64}$/, rule: '1-64 letters, digits, "-", ".", "_", "(" or ")"' },
} as const satisfies Record<string, NameRule>;

export type NameKind = keyof typeof NAME_RULES;

/** Returns `value` when it satisfies the rule of `kind`; throws naming the rule otherwise. */
export function azureName(kind: NameKind, value: string): string {
  const { pattern, rule } = NAME_RULES[kind];
  if (!pattern.test(value)) {
    throw new Error(`derived Azure name "${value}" (${kind}) breaks the naming rule: ${rule}. This is a stateline bug: please report it with your topology.`);
  }
  return value;
}

/** Names of the hub's resources beyond those already in the derived hub plan. */
export function hubNames(project: string, hubShort: string) {
  const base = `${project}-${hubShort}-hub`;
  return {
    dnsResolver: azureName('network', `dnspr-${base}`),
    inboundEndpoint: azureName('network', `in-${base}`),
    gatewayPublicIps: [azureName('network', `pip-${base}-gw-1`), azureName('network', `pip-${base}-gw-2`)] as const,
  };
}

/** Names of the link's resources: one local network gateway and connection per AWS tunnel (1-based). */
export function linkNames(project: string, tunnelNumber: number) {
  return {
    localNetworkGateway: azureName('network', `lgw-${project}-aws-tunnel-${tunnelNumber}`),
    connection: azureName('network', `con-${project}-aws-tunnel-${tunnelNumber}`),
  };
}

/** Names around one AI Services account. */
export function aiServicesNames(accountName: string) {
  return {
    privateEndpoint: azureName('network', `pe-${accountName}`),
    networkInterface: azureName('network', `nic-pe-${accountName}`),
    serviceConnection: azureName('network', `psc-${accountName}`),
  };
}

/** Names around one AKS cluster. */
export function clusterNames(aksName: string) {
  return {
    identity: azureName('userAssignedIdentity', `id-${aksName}`),
    nodeResourceGroup: azureName('resourceGroup', `rg-${aksName}-nodes`),
    privateLinkService: azureName('network', `pls-${aksName}`),
    diskEncryptionSet: azureName('diskEncryptionSet', `des-${aksName}`),
  };
}

/**
 * A serving region's Key Vault: `kv-<project>-<region short>` (project <= 12 and region
 * code <= 6 chars keep it within 24). Globally unique like the AI Services subdomain.
 */
export function keyVaultName(project: string, regionShort: string): string {
  return azureName('keyVault', `kv-${project}-${regionShort}`);
}

/** Names around one Key Vault. */
export function keyVaultNames(vaultName: string) {
  return {
    privateEndpoint: azureName('network', `pe-${vaultName}`),
    networkInterface: azureName('network', `nic-pe-${vaultName}`),
    serviceConnection: azureName('network', `psc-${vaultName}`),
  };
}

/** A customer-managed key is named after what it encrypts: `cmk-<purpose>`. */
export function customerManagedKeyName(purpose: string): string {
  return azureName('keyVaultKey', `cmk-${purpose}`);
}

/** The ARM deployment that creates a vault key: `key-<vault>-<key>` (unique in the region's resource group). */
export function keyDeploymentName(vaultName: string, keyName: string): string {
  return azureName('armDeployment', `key-${vaultName}-${keyName}`);
}

/** The ARM deployment that creates a disk encryption set: `deploy-<set>`. */
export function diskEncryptionSetDeploymentName(setName: string): string {
  return azureName('armDeployment', `deploy-${setName}`);
}

/** A zone's virtual network link is named after the linked VNet (unique per zone). */
export function zoneLinkName(vnetName: string): string {
  return azureName('network', `link-${vnetName}`);
}

/** The private DNS zone of a region's private AKS API servers. */
export function aksPrivateDnsZoneName(region: string): string {
  return `privatelink.${region}.azmk8s.io`;
}

/** The Private Link zone of Key Vault endpoints (`<vault>.vault.azure.net` CNAMEs into it). */
export const KEY_VAULT_PRIVATE_DNS_ZONE = 'privatelink.vaultcore.azure.net';

/**
 * Every Private Link zone the hub creates and every spoke links: the serving endpoints'
 * zones (derived) plus the Key Vault zone. The Key Vault zone is Azure-internal (AWS never
 * resolves it), so it is not in the derived forwarded/private zone lists.
 */
export function privateLinkZones(servingZones: readonly string[]): string[] {
  return [...servingZones, KEY_VAULT_PRIVATE_DNS_ZONE];
}

/** Diagnostic settings are named after their destination workspace. */
export function diagnosticSettingName(workspaceName: string): string {
  return azureName('diagnosticSetting', `diag-${workspaceName}`);
}
