/**
 * Which resource types hold state (a delete or replace loses data or identity). Type lists
 * cover both clouds' resources stateline uses plus the common ones users add. Whether a change
 * is security-relevant depends on what it does: see ./security/.
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

export function isStateful(cloudType: string): boolean {
  return STATEFUL_CFN.has(cloudType) || STATEFUL_TF.has(cloudType);
}
