/**
 * classify(): the coarse role of each resource, for policy snapshots.
 */
import { classify, loadInventory } from '../../lib/policy';
import { cfn, tf, writeFiles } from './helpers';

describe('classify', () => {
  it('classifies Azure serving, AgentCore state, network, security and observability resources', async () => {
    const dir = writeFiles({
      'a.tf.json': tf({
        azurerm_cognitive_account: { oai: {} },
        azurerm_cognitive_deployment: { gpt: {} },
        azurerm_kubernetes_cluster: { aks: {} },
        azurerm_kubernetes_cluster_node_pool: { gpu: {} },
        azurerm_private_link_service: { pls: {} },
        azurerm_virtual_network: { hub: {} },
        azurerm_virtual_network_gateway: { vpn: {} },
        azurerm_private_dns_resolver: { dns: {} },
        azurerm_key_vault: { kv: {} },
        azurerm_monitor_diagnostic_setting: { diag: {} },
        azurerm_resource_group: { rg: {} },
        azapi_resource: { acct: { type: 'Microsoft.CognitiveServices/accounts@2024-10-01' } },
      }),
      'b.template.json': cfn({
        Runtime: { Type: 'AWS::BedrockAgentCore::Runtime' },
        Memory: { Type: 'AWS::BedrockAgentCore::Memory' },
        Gateway: { Type: 'AWS::BedrockAgentCore::Gateway' },
        Table: { Type: 'AWS::DynamoDB::Table' },
        Bucket: { Type: 'AWS::S3::Bucket' },
        Vpc: { Type: 'AWS::EC2::VPC' },
        Vpn: { Type: 'AWS::EC2::VPNConnection' },
        Endpoint: { Type: 'AWS::EC2::VPCEndpoint' },
        Resolver: { Type: 'AWS::Route53Resolver::ResolverEndpoint' },
        Role: { Type: 'AWS::IAM::Role' },
        Key: { Type: 'AWS::KMS::Key' },
        Secret: { Type: 'AWS::SecretsManager::Secret' },
        Logs: { Type: 'AWS::Logs::LogGroup' },
        FlowLog: { Type: 'AWS::EC2::FlowLog' },
        SageMaker: { Type: 'AWS::SageMaker::Endpoint' },
        Vllm: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Image: 'vllm/vllm-openai' }] } },
        Web: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Image: 'nginx' }] } },
      }),
    });
    const inv = await loadInventory({ terraform: ['a.tf.json'], templates: ['b.template.json'], cwd: dir });
    const got = Object.fromEntries(inv.resources.map((r) => [r.id, classify(r)]));
    expect(got).toEqual({
      'azurerm_cognitive_account.oai': 'stateless-serving',
      'azurerm_cognitive_deployment.gpt': 'stateless-serving',
      'azurerm_kubernetes_cluster.aks': 'stateless-serving',
      'azurerm_kubernetes_cluster_node_pool.gpu': 'stateless-serving',
      'azurerm_private_link_service.pls': 'stateless-serving',
      'azurerm_virtual_network.hub': 'network',
      'azurerm_virtual_network_gateway.vpn': 'network',
      'azurerm_private_dns_resolver.dns': 'network',
      'azurerm_key_vault.kv': 'security',
      'azurerm_monitor_diagnostic_setting.diag': 'observability',
      'azurerm_resource_group.rg': 'other',
      'azapi_resource.acct': 'stateless-serving',
      Runtime: 'stateful-runtime',
      Memory: 'stateful-runtime',
      Gateway: 'stateful-runtime',
      Table: 'stateful-runtime',
      Bucket: 'stateful-runtime',
      Vpc: 'network',
      Vpn: 'network',
      Endpoint: 'network',
      Resolver: 'network',
      Role: 'security',
      Key: 'security',
      Secret: 'security',
      Logs: 'observability',
      FlowLog: 'observability',
      SageMaker: 'stateless-serving',
      Vllm: 'stateless-serving',
      Web: 'other',
    });
  });
});
