/**
 * `stateline/azure`: the Azure (CDKTF, azurerm 4.55) side, for teams composing their own
 * stacks: the constructs of the serving layer and the stacks stateline synthesizes. Needs cdktf,
 * constructs and the @cdktf/provider-azurerm, -azuread and -time bindings (peer dependencies).
 */
export { AgentIdentity } from '../azure/agent-identity';
export type { AgentIdentityProps } from '../azure/agent-identity';
export { AiServices } from '../azure/ai-services';
export type { AiServicesProps } from '../azure/ai-services';
export { AksPrivateDnsZone } from '../azure/aks-dns-zone';
export type { AksPrivateDnsZoneProps } from '../azure/aks-dns-zone';
export { ArmDeployment } from '../azure/arm-deployment';
export type { ArmDeploymentProps, ArmResource, ArmTemplate } from '../azure/arm-deployment';
export { Diagnostics } from '../azure/diagnostics';
export type { DiagnosticsDestination, DiagnosticsProps } from '../azure/diagnostics';
export { ArmDiskEncryptionSet } from '../azure/disk-encryption-set';
export type { ArmDiskEncryptionSetProps } from '../azure/disk-encryption-set';
export { EncryptionVault, VaultKey } from '../azure/encryption-vault';
export type { EncryptionVaultProps, VaultKeyOptions } from '../azure/encryption-vault';
export { HubDns } from '../azure/hub-dns';
export type { HubDnsProps } from '../azure/hub-dns';
export { HubNetwork } from '../azure/hub-network';
export type { HubNetworkProps } from '../azure/hub-network';
export { LogAnalytics } from '../azure/log-analytics';
export type { LogAnalyticsProps } from '../azure/log-analytics';
export { HubNetworkSecurity, ServingNetworkSecurity, SubnetSecurityGroup } from '../azure/network-security';
export type { HubNetworkSecurityProps, InboundRule, ServingNetworkSecurityProps, SubnetSecurityGroupProps } from '../azure/network-security';
export { RbacPropagationWait } from '../azure/rbac-wait';
export type { RbacPropagationWaitProps } from '../azure/rbac-wait';
export { ServingCluster } from '../azure/serving-cluster';
export type { ServingClusterProps } from '../azure/serving-cluster';
export { SpokeDnsLinks } from '../azure/spoke-dns';
export type { SpokeDnsLinksProps } from '../azure/spoke-dns';
export { SpokeNetwork } from '../azure/spoke-network';
export type { SpokeNetworkProps } from '../azure/spoke-network';
export { suppress } from '../azure/suppress';
export { VpnGateway } from '../azure/vpn-gateway';
export type { VpnGatewayProps } from '../azure/vpn-gateway';
export { AwsVpnLink } from '../azure/vpn-link';
export type { AwsVpnLinkProps } from '../azure/vpn-link';
export { buildAzureStacks, createAzureApp } from '../../stacks/azure-app';
export { AzureHubStack } from '../../stacks/azure-hub-stack';
export type { AzureStackProps } from '../../stacks/azure-hub-stack';
export { AzureIdentityStack } from '../../stacks/azure-identity-stack';
export type { AzureIdentityStackProps } from '../../stacks/azure-identity-stack';
export { AzureLinkStack } from '../../stacks/azure-link-stack';
export type { AzureLinkStackProps } from '../../stacks/azure-link-stack';
export { AzureServingStack } from '../../stacks/azure-serving-stack';
export type { AzureServingStackProps } from '../../stacks/azure-serving-stack';
