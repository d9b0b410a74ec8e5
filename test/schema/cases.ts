/**
 * Mutations of real synthesized outputs (the default topology), per resource type: each bad
 * mutation comes with the exact finding it must produce; `tokens` writes references and
 * intrinsics into the same places, which must produce none. Messages are written out in full on
 * purpose: they are the contract a user reads.
 */

/** A mutation of one resource body (its `Properties` for CloudFormation) and the finding it causes. */
export type Bad = readonly [mutate: (body: any) => void, rule: string, message: string];

export interface Row {
  readonly type: string;
  readonly unknown?: Bad;
  readonly missing?: Bad;
  readonly wrongType?: Bad;
  readonly invalidValue?: Bad;
  /** An extra nested block: a second block where one is allowed (Terraform), an unknown nested property (CloudFormation). */
  readonly extraBlock?: Bad;
  /** Values in the same places as references/intrinsics: no finding. */
  readonly tokens: (body: any) => void;
}

const UNKNOWN = 'schema/unknown-attribute';
const MISSING = 'schema/missing-required';
const TYPE = 'schema/wrong-type';
const VALUE = 'schema/invalid-value';
const BLOCKS = 'schema/too-many-blocks';
const AZ = 'azurerm 4.55.0';
/** A dynamic block generating more of `name` (how many is unknown until plan). */
const dynamic = (name: string, content: object) => ({ [name]: { for_each: '${var.extra}', content } });

export const TERRAFORM: readonly Row[] = [
  {
    type: 'azurerm_public_ip',
    unknown: [(b) => { b.allocation_methd = 'Static'; }, UNKNOWN, `allocation_methd is not an argument or block of azurerm_public_ip (${AZ}); did you mean "allocation_method"?`],
    missing: [(b) => { delete b.allocation_method; }, MISSING, 'required argument allocation_method is missing'],
    wrongType: [(b) => { b.zones = '1'; }, TYPE, 'zones must be a list of strings, got the string "1"'],
    invalidValue: [(b) => { b.sku = 'Premium'; }, VALUE, 'sku is "Premium", not one of "Basic", "Standard"'],
    extraBlock: [(b) => { b.timeouts = [{ create: '1h' }, { create: '2h' }]; }, BLOCKS, 'timeouts has 2 blocks, at most 1 allowed'],
    tokens: (b) => { b.zones = '${var.zones}'; b.sku = '${var.ip_sku}'; b.allocation_method = '${local.allocation}'; b.timeouts = '${var.timeouts}'; },
  },
  {
    type: 'azurerm_virtual_network_gateway',
    unknown: [(b) => { b.active_activ = true; }, UNKNOWN, `active_activ is not an argument or block of azurerm_virtual_network_gateway (${AZ}); did you mean "active_active"?`],
    missing: [(b) => { delete b.type; }, MISSING, 'required argument type is missing'],
    wrongType: [(b) => { b.enable_bgp = 'yes'; }, TYPE, 'enable_bgp must be a boolean, got the string "yes"'],
    invalidValue: [(b) => { b.type = 'VPN'; }, VALUE, 'type is "VPN", not one of "Vpn", "ExpressRoute"'],
    extraBlock: [(b) => { b.bgp_settings = [b.bgp_settings, b.bgp_settings]; }, BLOCKS, 'bgp_settings has 2 blocks, at most 1 allowed'],
    tokens: (b) => { b.enable_bgp = '${var.bgp}'; b.type = '${var.gateway_type}'; b.dynamic = dynamic('bgp_settings', b.bgp_settings); },
  },
  {
    type: 'azurerm_virtual_network_gateway_connection',
    unknown: [(b) => { b.ipsec_policy.dh_groups = 'DHGroup14'; }, UNKNOWN, 'ipsec_policy.dh_groups is not an argument or block of the ipsec_policy block; did you mean "dh_group"?'],
    missing: [(b) => { delete b.ipsec_policy.ike_integrity; }, MISSING, 'required argument ipsec_policy.ike_integrity is missing'],
    wrongType: [(b) => { b.ipsec_policy.sa_lifetime = 'an hour'; }, TYPE, 'ipsec_policy.sa_lifetime must be a number, got the string "an hour"'],
    invalidValue: [(b) => { b.ipsec_policy.dh_group = 'DHGroup15'; }, VALUE, 'ipsec_policy.dh_group is "DHGroup15", not one of "DHGroup1", "DHGroup14", "DHGroup2", "DHGroup2048", "DHGroup24", "ECP256", "ECP384", "None"'],
    extraBlock: [(b) => { b.custom_bgp_addresses = [b.custom_bgp_addresses, b.custom_bgp_addresses]; }, BLOCKS, 'custom_bgp_addresses has 2 blocks, at most 1 allowed'],
    tokens: (b) => { b.ipsec_policy.sa_lifetime = '${var.lifetime}'; b.ipsec_policy.dh_group = '${var.dh_group}'; b.ipsec_policy.ike_integrity = '${local.integrity}'; b.custom_bgp_addresses = [b.custom_bgp_addresses, '${var.more_addresses}']; },
  },
  {
    type: 'azurerm_cognitive_account',
    unknown: [(b) => { b.local_auth_enable = false; }, UNKNOWN, `local_auth_enable is not an argument or block of azurerm_cognitive_account (${AZ}); did you mean "local_auth_enabled"?`],
    missing: [(b) => { delete b.kind; }, MISSING, 'required argument kind is missing'],
    wrongType: [(b) => { b.custom_subdomain_name = { name: 'x' }; }, TYPE, 'custom_subdomain_name must be a string, got an object'],
    invalidValue: [(b) => { b.network_acls.default_action = 'deny'; }, VALUE, 'network_acls.default_action is "deny", not one of "Allow", "Deny"'],
    extraBlock: [(b) => { b.identity = [b.identity, { type: 'UserAssigned' }]; }, BLOCKS, 'identity has 2 blocks, at most 1 allowed'],
    tokens: (b) => { b.custom_subdomain_name = '${local.subdomain}'; b.network_acls.default_action = '${var.acl_default}'; b.kind = '${var.kind}'; },
  },
  {
    type: 'azurerm_cognitive_deployment',
    unknown: [(b) => { b.modell = b.model; }, UNKNOWN, `modell is not an argument or block of azurerm_cognitive_deployment (${AZ}); did you mean "model"?`],
    missing: [(b) => { delete b.cognitive_account_id; }, MISSING, 'required argument cognitive_account_id is missing'],
    wrongType: [(b) => { b.sku.capacity = 'lots'; }, TYPE, 'sku.capacity must be a number, got the string "lots"'],
    invalidValue: [(b) => { b.version_upgrade_option = 'Always'; }, VALUE, 'version_upgrade_option is "Always", not one of "OnceNewDefaultVersionAvailable", "OnceCurrentVersionExpired", "NoAutoUpgrade"'],
    extraBlock: [(b) => { b.sku = [b.sku, { name: 'Standard', capacity: 1 }]; }, BLOCKS, 'sku has 2 blocks, at most 1 allowed'],
    tokens: (b) => { b.sku.capacity = '${var.capacity}'; b.version_upgrade_option = '${var.upgrade}'; b.cognitive_account_id = '${data.azurerm_cognitive_account.shared.id}'; },
  },
  {
    type: 'azurerm_key_vault',
    unknown: [(b) => { b.purge_protection_enable = true; }, UNKNOWN, `purge_protection_enable is not an argument or block of azurerm_key_vault (${AZ}); did you mean "purge_protection_enabled"?`],
    missing: [(b) => { delete b.tenant_id; }, MISSING, 'required argument tenant_id is missing'],
    wrongType: [(b) => { b.soft_delete_retention_days = 'ninety'; }, TYPE, 'soft_delete_retention_days must be a number, got the string "ninety"'],
    invalidValue: [(b) => { b.sku_name = 'Premium'; }, VALUE, 'sku_name is "Premium", not one of "standard", "premium"'],
    extraBlock: [(b) => { b.network_acls = [b.network_acls, b.network_acls]; }, BLOCKS, 'network_acls has 2 blocks, at most 1 allowed'],
    tokens: (b) => { b.soft_delete_retention_days = '${var.retention}'; b.sku_name = '${var.vault_sku}'; },
  },
  {
    type: 'azurerm_role_assignment',
    unknown: [(b) => { b.principal = 'x'; }, UNKNOWN, `principal is not an argument or block of azurerm_role_assignment (${AZ}); did you mean "principal_id"?`],
    missing: [(b) => { delete b.scope; }, MISSING, 'required argument scope is missing'],
    wrongType: [(b) => { b.skip_service_principal_aad_check = 'no'; }, TYPE, 'skip_service_principal_aad_check must be a boolean, got the string "no"'],
    invalidValue: [(b) => { b.principal_type = 'App'; }, VALUE, 'principal_type is "App", not one of "User", "Group", "ServicePrincipal"'],
    extraBlock: [(b) => { b.timeouts = [{ create: '5m' }, { create: '10m' }]; }, BLOCKS, 'timeouts has 2 blocks, at most 1 allowed'],
    tokens: (b) => { b.skip_service_principal_aad_check = '${var.skip_check}'; b.principal_type = '${var.principal_type}'; },
  },
  {
    type: 'azurerm_private_dns_resolver_inbound_endpoint',
    unknown: [(b) => { b.ip_configuration = b.ip_configurations; }, UNKNOWN, `ip_configuration is not an argument or block of azurerm_private_dns_resolver_inbound_endpoint (${AZ}); did you mean "ip_configurations"?`],
    missing: [(b) => { delete b.private_dns_resolver_id; }, MISSING, 'required argument private_dns_resolver_id is missing'],
    wrongType: [(b) => { b.tags = 'dev'; }, TYPE, 'tags must be a map of strings, got the string "dev"'],
    extraBlock: [(b) => { b.timeouts = [{}, {}]; }, BLOCKS, 'timeouts has 2 blocks, at most 1 allowed'],
    tokens: (b) => { b.tags = '${var.tags}'; b.private_dns_resolver_id = '${data.azurerm_private_dns_resolver.shared.id}'; },
  },
  {
    type: 'azurerm_kubernetes_cluster',
    unknown: [(b) => { b.network_profile.outbound = 'none'; }, UNKNOWN, 'network_profile.outbound is not an argument or block of the network_profile block; did you mean "outbound_type"?'],
    missing: [(b) => { delete b.default_node_pool; }, MISSING, 'required block default_node_pool is missing (at least 1)'],
    wrongType: [(b) => { b.default_node_pool.zones = 1; }, TYPE, 'default_node_pool.zones must be a list of strings, got the number 1'],
    invalidValue: [(b) => { b.network_profile.outbound_type = 'None'; }, VALUE, 'network_profile.outbound_type is "None", not one of "loadBalancer", "userDefinedRouting", "managedNATGateway", "userAssignedNATGateway", "none"'],
    extraBlock: [(b) => { b.default_node_pool = [b.default_node_pool, { ...b.default_node_pool, name: 'system2' }]; }, BLOCKS, 'default_node_pool has 2 blocks, at most 1 allowed'],
    tokens: (b) => { b.default_node_pool.zones = '${var.zones}'; b.network_profile.outbound_type = '${var.outbound}'; b.dynamic = dynamic('default_node_pool', b.default_node_pool); },
  },
  {
    type: 'azurerm_kubernetes_cluster_node_pool',
    unknown: [(b) => { b.node_taint = ['a=b:NoSchedule']; }, UNKNOWN, `node_taint is not an argument or block of azurerm_kubernetes_cluster_node_pool (${AZ}); did you mean "node_taints"?`],
    missing: [(b) => { delete b.kubernetes_cluster_id; }, MISSING, 'required argument kubernetes_cluster_id is missing'],
    wrongType: [(b) => { b.node_taints = 'nvidia.com/gpu=present:NoSchedule'; }, TYPE, 'node_taints must be a list of strings, got the string "nvidia.com/gpu=present:NoSchedule"'],
    invalidValue: [(b) => { b.mode = 'user'; }, VALUE, 'mode is "user", not one of "System", "User"'],
    extraBlock: [(b) => { b.timeouts = [{}, {}, {}]; }, BLOCKS, 'timeouts has 3 blocks, at most 1 allowed'],
    tokens: (b) => { b.node_taints = '${var.taints}'; b.mode = '${var.pool_mode}'; b.kubernetes_cluster_id = '${azurerm_kubernetes_cluster.other.id}'; },
  },
  {
    type: 'azurerm_log_analytics_workspace',
    unknown: [(b) => { b.retention_in_day = 30; }, UNKNOWN, `retention_in_day is not an argument or block of azurerm_log_analytics_workspace (${AZ}); did you mean "retention_in_days"?`],
    missing: [(b) => { delete b.location; }, MISSING, 'required argument location is missing'],
    wrongType: [(b) => { b.retention_in_days = [30]; }, TYPE, 'retention_in_days must be a number, got a list'],
    invalidValue: [(b) => { b.sku = 'Free'; }, VALUE, 'sku is "Free", not one of "PerGB2018", "PerNode", "Premium", "Standalone", "Standard", "CapacityReservation", "LACluster", "Unlimited"'],
    extraBlock: [(b) => { b.identity = [{ type: 'SystemAssigned' }, { type: 'SystemAssigned' }]; }, BLOCKS, 'identity has 2 blocks, at most 1 allowed'],
    tokens: (b) => { b.retention_in_days = '${var.retention_days}'; b.sku = '${var.workspace_sku}'; b.location = '${azurerm_resource_group.rg.location}'; },
  },
  {
    type: 'azurerm_subnet',
    unknown: [(b) => { b.address_prefix = '10.0.0.0/24'; }, UNKNOWN, `address_prefix is not an argument or block of azurerm_subnet (${AZ}); did you mean "address_prefixes"?`],
    missing: [(b) => { delete b.virtual_network_name; }, MISSING, 'required argument virtual_network_name is missing'],
    wrongType: [(b) => { b.address_prefixes = '10.100.0.32/28'; }, TYPE, 'address_prefixes must be a list of strings, got the string "10.100.0.32/28"'],
    invalidValue: [(b) => { b.delegation[0].service_delegation.name = 'Microsoft.Network/dnsResolver'; }, VALUE, 'delegation[0].service_delegation.name is "Microsoft.Network/dnsResolver", not one of "GitHub.Network/networkSettings", "Informatica.DataManagement/organizations", "Microsoft.ApiManagement/service", "Microsoft.Apollo/npu", "Microsoft.App/environments", "Microsoft.App/testClients", "Microsoft.AVS/PrivateClouds", "Microsoft.AzureCosmosDB/clusters", "Microsoft.BareMetal/AzureHostedService", "Microsoft.BareMetal/AzureHPC", "Microsoft.BareMetal/AzurePaymentHSM", "Microsoft.BareMetal/AzureVMware", ... (68 values)'],
    extraBlock: [(b) => { b.delegation[0].service_delegation = [b.delegation[0].service_delegation, b.delegation[0].service_delegation]; }, BLOCKS, 'delegation[0].service_delegation has 2 blocks, at most 1 allowed'],
    tokens: (b) => { b.address_prefixes = ['${var.prefix}']; b.delegation[0].service_delegation.name = '${var.delegation}'; b.virtual_network_name = '${module.network.name}'; },
  },
];

const TAG_TYPO: Bad = [(p) => { p.Tags[0].Vaule = 'x'; }, UNKNOWN, 'Tags[0].Vaule is not a property of Tag; did you mean "Value"?'];
const first = <T>(xs: T[]) => xs[0];

export const CLOUDFORMATION: readonly Row[] = [
  {
    type: 'AWS::EC2::VPNConnection',
    unknown: [(p) => { p.VpnTunnelOptionsSpecifications[0].TunnelInsideCidrs = '169.254.21.0/30'; }, UNKNOWN, 'VpnTunnelOptionsSpecifications[0].TunnelInsideCidrs is not a property of VpnTunnelOptionsSpecification; did you mean "TunnelInsideCidr"?'],
    missing: [(p) => { delete p.Type; }, MISSING, 'required property Type is missing'],
    wrongType: [(p) => { p.StaticRoutesOnly = 'sometimes'; }, TYPE, 'StaticRoutesOnly must be a boolean, got the string "sometimes"'],
    invalidValue: [(p) => { first<any>(p.VpnTunnelOptionsSpecifications).IKEVersions = [{ Value: 'ikev3' }]; }, VALUE, 'VpnTunnelOptionsSpecifications[0].IKEVersions[0].Value is "ikev3", not one of "ikev1", "ikev2"'],
    extraBlock: [(p) => { p.VpnTunnelOptionsSpecifications[0].LogOptions.CloudwatchLogOptions.Destination = {}; }, UNKNOWN, 'VpnTunnelOptionsSpecifications[0].LogOptions.CloudwatchLogOptions.Destination is not a property of CloudwatchLogOptionsSpecification'],
    tokens: (p) => { p.StaticRoutesOnly = { 'Fn::If': ['Static', true, false] }; p.VpnTunnelOptionsSpecifications[0].IKEVersions = [{ Value: { Ref: 'IkeVersion' } }]; p.Type = { Ref: 'VpnType' }; },
  },
  {
    type: 'AWS::EC2::FlowLog',
    unknown: [(p) => { p.TrafficTypes = 'ALL'; }, UNKNOWN, 'TrafficTypes is not a property of AWS::EC2::FlowLog; did you mean "TrafficType"?'],
    missing: [(p) => { delete p.ResourceId; }, MISSING, 'required property ResourceId is missing'],
    wrongType: [(p) => { p.MaxAggregationInterval = 'often'; }, TYPE, 'MaxAggregationInterval must be an integer, got the string "often"'],
    invalidValue: [(p) => { p.TrafficType = 'SOME'; }, VALUE, 'TrafficType is "SOME", not one of "ACCEPT", "ALL", "REJECT"'],
    extraBlock: [(p) => { p.DestinationOptions = { FileFormat: 'parquet', HiveCompatiblePartitions: false, PerHourPartition: true, Compression: 'gzip' }; }, UNKNOWN, 'DestinationOptions.Compression is not a property of DestinationOptions'],
    tokens: (p) => { p.MaxAggregationInterval = { Ref: 'Interval' }; p.TrafficType = { 'Fn::FindInMap': ['Flow', 'Default', 'Traffic'] }; p.ResourceId = { 'Fn::ImportValue': 'vpc-id' }; },
  },
  {
    type: 'AWS::Logs::LogGroup',
    unknown: [(p) => { p.Retention = 30; }, UNKNOWN, 'Retention is not a property of AWS::Logs::LogGroup; did you mean "RetentionInDays"?'],
    wrongType: [(p) => { p.RetentionInDays = 'a year'; }, TYPE, 'RetentionInDays must be an integer, got the string "a year"'],
    invalidValue: [(p) => { p.RetentionInDays = 366; }, VALUE, 'RetentionInDays is 366, not one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ... (22 values)'],
    extraBlock: TAG_TYPO,
    tokens: (p) => { p.RetentionInDays = { Ref: 'Retention' }; p.Tags[0] = { Key: 'owner', Value: '{{resolve:ssm:/team/owner}}' }; },
  },
  {
    type: 'AWS::EC2::VPCEndpoint',
    unknown: [(p) => { p.PrivateDns = true; }, UNKNOWN, 'PrivateDns is not a property of AWS::EC2::VPCEndpoint; did you mean "PrivateDnsEnabled"?'],
    missing: [(p) => { delete p.VpcId; }, MISSING, 'required property VpcId is missing'],
    wrongType: [(p) => { p.SubnetIds = 'subnet-1'; }, TYPE, 'SubnetIds must be a list of strings, got the string "subnet-1"'],
    invalidValue: [(p) => { p.VpcEndpointType = 'interface'; }, VALUE, 'VpcEndpointType is "interface", not one of "Interface", "Gateway", "GatewayLoadBalancer", "ServiceNetwork", "Resource", "Tunnel"'],
    extraBlock: [(p) => { p.DnsOptions = { DnsRecordIpType: 'ipv4', PrivateDnsZone: 'x' }; }, UNKNOWN, 'DnsOptions.PrivateDnsZone is not a property of DnsOptionsSpecification'],
    tokens: (p) => { p.SubnetIds = { 'Fn::Split': [',', { Ref: 'Subnets' }] }; p.VpcEndpointType = { Ref: 'EndpointType' }; p.VpcId = { 'Fn::GetAtt': ['Vpc', 'VpcId'] }; },
  },
  {
    type: 'AWS::S3::Bucket',
    unknown: [(p) => { p.Versioning = { Status: 'Enabled' }; }, UNKNOWN, 'Versioning is not a property of AWS::S3::Bucket; did you mean "VersioningConfiguration"?'],
    missing: [(p) => { delete p.VersioningConfiguration.Status; }, MISSING, 'required property VersioningConfiguration.Status is missing'],
    wrongType: [(p) => { p.VersioningConfiguration = 'Enabled'; }, TYPE, 'VersioningConfiguration must be an object (VersioningConfiguration), got the string "Enabled"'],
    invalidValue: [(p) => { p.VersioningConfiguration.Status = 'On'; }, VALUE, 'VersioningConfiguration.Status is "On", not one of "Enabled", "Suspended"'],
    extraBlock: [(p) => { p.PublicAccessBlockConfiguration.BlockEverything = true; }, UNKNOWN, 'PublicAccessBlockConfiguration.BlockEverything is not a property of PublicAccessBlockConfiguration'],
    tokens: (p) => { p.VersioningConfiguration = { 'Fn::If': ['Versioned', { Status: 'Enabled' }, { Ref: 'AWS::NoValue' }] }; },
  },
  {
    type: 'AWS::BedrockAgentCore::Gateway',
    unknown: [(p) => { p.AuthorizationType = 'AWS_IAM'; }, UNKNOWN, 'AuthorizationType is not a property of AWS::BedrockAgentCore::Gateway; did you mean "AuthorizerType"?'],
    missing: [(p) => { delete p.RoleArn; }, MISSING, 'required property RoleArn is missing'],
    wrongType: [(p) => { p.Name = ['tools']; }, TYPE, 'Name must be a string, got a list'],
    invalidValue: [(p) => { p.AuthorizerType = 'IAM'; }, VALUE, 'AuthorizerType is "IAM", not one of "CUSTOM_JWT", "AWS_IAM", "NONE", "AUTHENTICATE_ONLY"'],
    extraBlock: [(p) => { p.ProtocolConfiguration = { Mcp: { SearchType: 'SEMANTIC', Tools: [] } }; }, UNKNOWN, 'ProtocolConfiguration.Mcp.Tools is not a property of MCPGatewayConfiguration'],
    tokens: (p) => { p.Name = { 'Fn::Sub': '${AWS::StackName}-tools' }; p.AuthorizerType = { Ref: 'Authorizer' }; p.RoleArn = { 'Fn::GetAtt': ['Role', 'Arn'] }; },
  },
  {
    type: 'AWS::BedrockAgentCore::Runtime',
    unknown: [(p) => { p.NetworkConfiguration.NetworkModeConfig.SecurityGroupIds = []; }, UNKNOWN, 'NetworkConfiguration.NetworkModeConfig.SecurityGroupIds is not a property of VpcConfig; did you mean "SecurityGroups"?'],
    missing: [(p) => { delete p.AgentRuntimeArtifact.ContainerConfiguration.ContainerUri; }, MISSING, 'required property AgentRuntimeArtifact.ContainerConfiguration.ContainerUri is missing'],
    wrongType: [(p) => { p.EnvironmentVariables = ['A=1']; }, TYPE, 'EnvironmentVariables must be a map of strings, got a list'],
    invalidValue: [(p) => { p.NetworkConfiguration.NetworkMode = 'PRIVATE'; }, VALUE, 'NetworkConfiguration.NetworkMode is "PRIVATE", not one of "PUBLIC", "VPC"'],
    extraBlock: [(p) => { p.LifecycleConfiguration.Idle = {}; }, UNKNOWN, 'LifecycleConfiguration.Idle is not a property of LifecycleConfiguration; did you mean "IdleRuntimeSessionTimeout"?'],
    tokens: (p) => { p.EnvironmentVariables = { 'Fn::If': ['Prod', { STAGE: 'prod' }, { Ref: 'AWS::NoValue' }] }; p.NetworkConfiguration.NetworkMode = { Ref: 'Mode' }; p.AgentRuntimeArtifact.ContainerConfiguration.ContainerUri = { 'Fn::Sub': '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/agent:1' }; },
  },
  {
    type: 'AWS::Route53Resolver::ResolverEndpoint',
    unknown: [(p) => { p.IpAddresses[0].Address = '10.0.0.1'; }, UNKNOWN, 'IpAddresses[0].Address is not a property of IpAddressRequest'],
    missing: [(p) => { delete p.Direction; }, MISSING, 'required property Direction is missing'],
    wrongType: [(p) => { p.IpAddresses = { SubnetId: 'subnet-1' }; }, TYPE, 'IpAddresses must be a list of objects (IpAddressRequest), got an object'],
    invalidValue: [(p) => { p.ResolverEndpointType = 'IPV5'; }, VALUE, 'ResolverEndpointType is "IPV5", not one of "IPV6", "IPV4", "DUALSTACK"'],
    extraBlock: TAG_TYPO,
    tokens: (p) => { p.IpAddresses = [{ SubnetId: { Ref: 'Subnet1' } }, { 'Fn::If': ['Two', { SubnetId: { Ref: 'Subnet2' } }, { Ref: 'AWS::NoValue' }] }]; p.ResolverEndpointType = { Ref: 'IpType' }; p.Direction = { 'Fn::Select': [0, ['OUTBOUND']] }; },
  },
  {
    type: 'AWS::Route53Resolver::ResolverRule',
    unknown: [(p) => { p.TargetIps[0].IpAddress = '10.0.0.4'; }, UNKNOWN, 'TargetIps[0].IpAddress is not a property of TargetAddress; did you mean "Ip"?'],
    missing: [(p) => { delete p.RuleType; }, MISSING, 'required property RuleType is missing'],
    wrongType: [(p) => { p.TargetIps = '10.100.0.36'; }, TYPE, 'TargetIps must be a list of objects (TargetAddress), got the string "10.100.0.36"'],
    invalidValue: [(p) => { p.RuleType = 'Forward'; }, VALUE, 'RuleType is "Forward", not one of "FORWARD", "SYSTEM", "RECURSIVE", "DELEGATE"'],
    extraBlock: TAG_TYPO,
    tokens: (p) => { p.TargetIps = [{ Ip: { 'Fn::ImportValue': 'azure-resolver-ip' }, Port: { Ref: 'DnsPort' } }]; p.RuleType = { Ref: 'RuleType' }; },
  },
  {
    type: 'AWS::Route53Resolver::FirewallRuleGroup',
    unknown: [(p) => { p.FirewallRules[0].Domain = 'x'; }, UNKNOWN, 'FirewallRules[0].Domain is not a property of FirewallRule'],
    missing: [(p) => { delete p.FirewallRules[0].Priority; }, MISSING, 'required property FirewallRules[0].Priority is missing'],
    wrongType: [(p) => { p.FirewallRules[0].Priority = 'first'; }, TYPE, 'FirewallRules[0].Priority must be an integer, got the string "first"'],
    invalidValue: [(p) => { p.FirewallRules[0].Action = 'DENY'; }, VALUE, 'FirewallRules[0].Action is "DENY", not one of "ALLOW", "BLOCK", "ALERT"'],
    extraBlock: TAG_TYPO,
    tokens: (p) => { p.FirewallRules[0].Priority = { Ref: 'Priority' }; p.FirewallRules[0].Action = { 'Fn::If': ['Block', 'BLOCK', 'ALERT'] }; },
  },
  {
    type: 'AWS::DynamoDB::Table',
    unknown: [(p) => { p.PointInTimeRecovery = { PointInTimeRecoveryEnabled: true }; }, UNKNOWN, 'PointInTimeRecovery is not a property of AWS::DynamoDB::Table; did you mean "PointInTimeRecoverySpecification"?'],
    missing: [(p) => { delete p.KeySchema; }, MISSING, 'required property KeySchema is missing'],
    wrongType: [(p) => { p.DeletionProtectionEnabled = 'always'; }, TYPE, 'DeletionProtectionEnabled must be a boolean, got the string "always"'],
    invalidValue: [(p) => { p.ContributorInsightsSpecification = { Enabled: true, Mode: 'ALL' }; }, VALUE, 'ContributorInsightsSpecification.Mode is "ALL", not one of "ACCESSED_AND_THROTTLED_KEYS", "THROTTLED_KEYS"'],
    extraBlock: [(p) => { p.SSESpecification.KMSMasterKey = 'x'; }, UNKNOWN, 'SSESpecification.KMSMasterKey is not a property of SSESpecification; did you mean "KMSMasterKeyId"?'],
    tokens: (p) => { p.DeletionProtectionEnabled = { 'Fn::If': ['Prod', true, false] }; p.KeySchema = { 'Fn::If': ['Composite', [], []] }; p.ContributorInsightsSpecification = { Enabled: true, Mode: { Ref: 'InsightsMode' } }; },
  },
];
