/**
 * `stateline/aws`: the AWS (CDK) side, for teams composing their own stacks: the constructs of
 * the agent layer and the agent stack stateline synthesizes. Needs aws-cdk-lib, constructs and
 * cdk-nag (peer dependencies).
 */
export { AgentMemory } from '../aws/agent-memory';
export type { AgentMemoryProps } from '../aws/agent-memory';
export { AgentNetwork } from '../aws/agent-network';
export type { AgentNetworkProps } from '../aws/agent-network';
export { AgentRuntime } from '../aws/agent-runtime';
export type { AgentRuntimeProps } from '../aws/agent-runtime';
export { AzureTokenProvider } from '../aws/azure-token-provider';
export type { AzureTokenProviderProps } from '../aws/azure-token-provider';
export { ModelEndpointDnsFirewall } from '../aws/dns-firewall';
export type { ModelEndpointDnsFirewallProps } from '../aws/dns-firewall';
export { DnsForwarding } from '../aws/dns-forwarding';
export type { DnsForwardingProps } from '../aws/dns-forwarding';
export { endpointPolicyStatements } from '../aws/endpoint-policies';
export type { PerimeterProps } from '../aws/endpoint-policies';
export { registerNag } from '../aws/nag';
export { ModelInvocationBoundary } from '../aws/permissions-boundary';
export type { ModelInvocationBoundaryProps, ScopedAllow } from '../aws/permissions-boundary';
export { MODEL_INVOCATION_ACTIONS, MODEL_INVOCATION_DENY } from '../aws/perms';
export { PlatformKeys } from '../aws/platform-keys';
export type { PlatformKeysProps } from '../aws/platform-keys';
export { StateStore } from '../aws/state-store';
export type { StateStoreProps } from '../aws/state-store';
export { ToolCredentialProviders } from '../aws/tool-credentials';
export type { ToolCredential, ToolCredentialProvidersProps } from '../aws/tool-credentials';
export { ToolGateway } from '../aws/tool-gateway';
export type { ToolGatewayProps } from '../aws/tool-gateway';
export { ToolTarget } from '../aws/tool-target';
export type { ToolTargetProps } from '../aws/tool-target';
export { AgentEndpoints } from '../aws/vpc-endpoints';
export type { AgentEndpointsProps } from '../aws/vpc-endpoints';
export { VpnLink } from '../aws/vpn-link';
export type { VpnLinkProps } from '../aws/vpn-link';
export { AwsAgentsStack } from '../../stacks/aws-agents-stack';
export type { AwsAgentsStackProps } from '../../stacks/aws-agents-stack';
export { AWS_APP_CONTEXT, buildAwsStacks, createAwsApp, synthAwsApp } from '../../stacks/aws-app';
export type { BuildAwsStacksOptions, CreateAwsAppOptions } from '../../stacks/aws-app';
