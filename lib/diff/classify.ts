/**
 * Which resource types hold state (a delete or replace loses data or identity) and which
 * changes are security-relevant. Type lists cover both clouds' resources stateline uses
 * plus the common ones users add.
 */

const STATEFUL_CFN = new Set([
  'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret',
  'AWS::BedrockAgentCore::Memory', 'AWS::BedrockAgentCore::Gateway', 'AWS::BedrockAgentCore::Runtime',
  'AWS::EC2::VPNGateway', 'AWS::EC2::VPNConnection', 'AWS::EC2::CustomerGateway', 'AWS::EC2::TransitGateway', 'AWS::EC2::VPC',
  'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::EFS::FileSystem', 'AWS::Logs::LogGroup', 'AWS::Cognito::UserPool',
  'AWS::EKS::Cluster', 'AWS::ElastiCache::ReplicationGroup', 'AWS::OpenSearchService::Domain', 'AWS::SQS::Queue', 'AWS::SNS::Topic',
]);

const STATEFUL_TF = new Set([
  'azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool', 'azurerm_virtual_network_gateway',
  'azurerm_virtual_network_gateway_connection', 'azurerm_cognitive_account', 'azurerm_cognitive_deployment',
  'azurerm_key_vault', 'azurerm_key_vault_key', 'azurerm_storage_account', 'azurerm_log_analytics_workspace',
  'azurerm_public_ip', 'azurerm_private_dns_resolver', 'azurerm_virtual_network', 'azurerm_private_dns_zone',
  'azurerm_mssql_database', 'azurerm_cosmosdb_account', 'azurerm_postgresql_flexible_server',
  'aws_dynamodb_table', 'aws_s3_bucket', 'aws_kms_key', 'aws_db_instance', 'aws_rds_cluster', 'aws_vpn_gateway', 'aws_vpn_connection',
]);

const SECURITY_CFN = /^AWS::(IAM::|KMS::|EC2::SecurityGroup|EC2::NetworkAcl|Route53Resolver::|WAFv2::|SecretsManager::|Lambda::Permission|S3::BucketPolicy|SQS::QueuePolicy|SNS::TopicPolicy|EC2::VPCEndpoint$|EC2::CustomerGateway|EC2::VPNConnection|Cognito::)/;
const SECURITY_TF = /^(azurerm_(network_security|role_assignment|role_definition|key_vault|private_endpoint|private_dns|public_ip|firewall|network_watcher|user_assigned_identity|federated_identity|private_link_service|virtual_network_gateway_connection|local_network_gateway)|aws_(iam_|kms_|security_group|network_acl|route53_resolver|wafv2))/;
/** Property names whose change alters exposure or encryption on any resource. */
const SECURITY_PROPS = /(public_network_access|publicnetworkaccess|network_acls|networkacls|private_cluster|local_auth|localauth|encryption|kms|sse|ssespecification|public_?ip|ingress|egress|securitygroup|security_group|authorizer|networkconfiguration|networkmode|firewall|ip_rules|iprules|policydocument|assume_?role|shared_key|presharedkey|tls|enforcessl|publicaccessblock|blockpublic)/i;

export function isStateful(cloudType: string): boolean {
  return STATEFUL_CFN.has(cloudType) || STATEFUL_TF.has(cloudType);
}

export function isSecurityType(cloudType: string): boolean {
  return SECURITY_CFN.test(cloudType) || SECURITY_TF.test(cloudType);
}

export function isSecurityPath(path: string): boolean {
  return SECURITY_PROPS.test(path.replace(/\[\d+\]/g, ''));
}
