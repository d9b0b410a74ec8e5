/**
 * Coarse role of a resource in the topology, for policy snapshots: what serves stateless
 * inference, what holds agent state, what is network, security or observability plumbing.
 * Mostly by type; compute and integrations count as serving when they host or call a model
 * (the same detection as placement/stateless-endpoint-outside-azure).
 */
import { inferenceReason, isInferenceType } from './detect/inference';
import { literal } from './util/values';
import type { InventoryResource } from './types';

/** Where a resource sits in the placement contract: stateless serving, stateful agent runtime, or supporting infrastructure. */
export type ResourceClass = 'stateless-serving' | 'stateful-runtime' | 'network' | 'security' | 'observability' | 'other';

/** Ordered: the first matching pattern wins (e.g. flow logs are observability, not network). */
const PATTERNS: ReadonlyArray<[ResourceClass, RegExp]> = [
  [
    'stateless-serving',
    /^(?:azurerm_(?:cognitive_account|cognitive_deployment|ai_services|ai_foundry(?:_project)?|kubernetes_cluster(?:_node_pool)?|private_link_service|machine_learning_online_(?:endpoint|deployment)))$/,
  ],
  [
    'observability',
    /^(?:AWS::(?:Logs|CloudWatch|XRay|CloudTrail|ApplicationSignals|Oam|InternetMonitor)::|AWS::EC2::FlowLog$|AWS::BedrockAgentCore::OnlineEvaluationConfig$|aws_(?:cloudwatch|xray|cloudtrail|flow_log)|awscc_(?:logs|cloudwatch|xray)_|azurerm_(?:log_analytics|monitor_|application_insights|network_watcher|dashboard))/,
  ],
  [
    'stateful-runtime',
    /^(?:AWS::(?:BedrockAgentCore|DynamoDB|S3|S3Express|ECR|SQS|SNS|EFS)::|aws_(?:bedrockagentcore|dynamodb|s3|ecr|sqs|sns|efs)_|awscc_(?:bedrockagentcore|dynamodb|s3|ecr)_|azurerm_(?:storage_|cosmosdb_))/,
  ],
  [
    'security',
    /^(?:AWS::(?:IAM|KMS|SecretsManager|Cognito|WAFv2|SSO|CertificateManager|ACMPCA|AccessAnalyzer|GuardDuty|SecurityHub)::|AWS::EC2::SecurityGroup\w*$|aws_(?:iam|kms|secretsmanager|cognito|wafv2|ssoadmin|acm|security_group|vpc_security_group)|awscc_(?:iam|kms|secretsmanager)_|azurerm_(?:key_vault|role_assignment|role_definition|user_assigned_identity|federated_identity_credential|network_security_group|network_security_rule|application_security_group|disk_encryption_set|cognitive_account_customer_managed_key)|azuread_)/,
  ],
  [
    'network',
    /^(?:AWS::(?:Route53|Route53Resolver|NetworkFirewall|ElasticLoadBalancingV2|ElasticLoadBalancing|GlobalAccelerator)::|AWS::EC2::(?:VPC\w*|Subnet\w*|RouteTable|Route|InternetGateway|EgressOnlyInternetGateway|NatGateway|EIP\w*|VPNGateway\w*|VPNConnection\w*|CustomerGateway|TransitGateway\w*|NetworkAcl\w*|NetworkInterface\w*|PrefixList|DHCPOptions|VPCEndpoint\w*|VPCGatewayAttachment)$|aws_(?:vpc|subnet|route|internet_gateway|nat_gateway|eip|vpn_|customer_gateway|ec2_transit_gateway|network_acl|network_interface|lb|alb|route53|networkfirewall|default_route_table|default_network_acl|main_route_table)|awscc_ec2_(?:vpc|subnet|route|vpn|customer_gateway|transit_gateway)|azurerm_(?:virtual_network|subnet|virtual_network_gateway|local_network_gateway|public_ip|lb|private_endpoint|private_dns|dns_|route_table|route|nat_gateway|firewall|bastion_host|network_interface|application_gateway|private_link_scope))/,
  ],
];

/** azapi resources by their ARM type. */
function classifyAzapi(resource: InventoryResource): ResourceClass {
  const arm = (literal(resource.properties.type) ?? '').split('@')[0].toLowerCase();
  if (/^microsoft\.(?:cognitiveservices\/accounts|machinelearningservices\/workspaces\/onlineendpoints|containerservice\/managedclusters)/.test(arm)) return 'stateless-serving';
  if (arm.startsWith('microsoft.network/')) return 'network';
  if (arm.startsWith('microsoft.keyvault/') || arm.startsWith('microsoft.authorization/')) return 'security';
  if (arm.startsWith('microsoft.insights/') || arm.startsWith('microsoft.operationalinsights/')) return 'observability';
  return 'other';
}

/** The class of a resource. AWS or GCP resources that serve inference are `stateless-serving` too (and violate placement). */
export function classify(resource: InventoryResource): ResourceClass {
  const type = resource.type;
  if (type === 'azapi_resource') return classifyAzapi(resource);
  if (isInferenceType(type)) return 'stateless-serving';
  for (const [cls, re] of PATTERNS) if (re.test(type)) return cls;
  if (resource.cloud !== 'azure' && resource.mode === 'managed' && inferenceReason(resource) !== undefined) return 'stateless-serving';
  return 'other';
}
