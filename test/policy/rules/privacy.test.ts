/**
 * privacy/public-serving-endpoint, privacy/public-agent-runtime and privacy/local-auth-enabled.
 */
import { byRule, cfn, checkOne, flagged, tf } from '../helpers';

describe('privacy/public-serving-endpoint', () => {
  const RULE = 'privacy/public-serving-endpoint';

  it('flags public Azure AI accounts, AKS and node pools in Terraform JSON (missing means public)', async () => {
    const report = await checkOne(
      'tf-json',
      tf({
        azurerm_cognitive_account: {
          private: { kind: 'OpenAI', public_network_access_enabled: false },
          missing: { kind: 'OpenAI' },
          explicit: { kind: 'AIServices', public_network_access_enabled: true },
          variable: { kind: 'OpenAI', public_network_access_enabled: '${var.public}' },
        },
        azurerm_ai_services: { private: { public_network_access: 'Disabled' }, open: {} },
        azurerm_kubernetes_cluster: {
          private: { private_cluster_enabled: true, default_node_pool: { name: 'sys' } },
          public: { default_node_pool: { name: 'sys' } },
          nodeips: { private_cluster_enabled: true, default_node_pool: [{ name: 'sys', node_public_ip_enabled: true }] },
        },
        azurerm_kubernetes_cluster_node_pool: { gpu: { vm_size: 'Standard_NC24ads_A100_v4', node_public_ip_enabled: true }, ok: { vm_size: 'Standard_NC24ads_A100_v4' } },
        azurerm_machine_learning_online_endpoint: { ep: { name: 'ep' }, privep: { name: 'p', public_network_access_enabled: false } },
        azapi_resource: {
          acct: { type: 'Microsoft.CognitiveServices/accounts@2024-10-01', body: { properties: { publicNetworkAccess: 'Enabled' } } },
          privacct: { type: 'Microsoft.CognitiveServices/accounts@2024-10-01', body: { properties: { publicNetworkAccess: 'Disabled' } } },
          vnet: { type: 'Microsoft.Network/virtualNetworks@2024-01-01', body: { properties: {} } },
        },
      }),
    );
    expect(flagged(report, RULE).sort()).toEqual([
      'azapi_resource.acct', 'azurerm_ai_services.open', 'azurerm_cognitive_account.explicit', 'azurerm_cognitive_account.missing',
      'azurerm_kubernetes_cluster.nodeips', 'azurerm_kubernetes_cluster.public', 'azurerm_kubernetes_cluster_node_pool.gpu',
      'azurerm_machine_learning_online_endpoint.ep',
    ]);
    expect(byRule(report, RULE).find((f) => f.resource === 'azurerm_cognitive_account.missing')?.message).toMatch(/not set \(the provider default allows public network access\)/);
  });

  it('allows the VPN gateway public IPs and flags public IPs / load balancers of a model server (HCL)', async () => {
    const report = await checkOne('tf-hcl', `
      resource "azurerm_public_ip" "vpn1" {
        name = "pip-vpngw-1"
        allocation_method = "Static"
        sku = "Standard"
        tags = { role = "serving-link" }
      }
      resource "azurerm_virtual_network_gateway" "vpn" {
        name = "vpngw"
        type = "Vpn"
        ip_configuration {
          name = "a"
          public_ip_address_id = azurerm_public_ip.vpn1.id
          subnet_id = azurerm_subnet.gw.id
        }
      }
      resource "azurerm_public_ip" "vllm" {
        name = "pip-vllm-ingress"
        allocation_method = "Static"
      }
      resource "azurerm_public_ip" "bastion" {
        name = "pip-bastion"
        allocation_method = "Static"
      }
      resource "azurerm_lb" "models" {
        name = "lb-models"
        frontend_ip_configuration {
          name = "public"
          public_ip_address_id = azurerm_public_ip.bastion.id
        }
      }
      resource "azurerm_lb" "internal" {
        name = "lb-inference"
        frontend_ip_configuration {
          name = "private"
          subnet_id = azurerm_subnet.serving.id
        }
      }
    `);
    expect(flagged(report, RULE).sort()).toEqual(['azurerm_lb.models', 'azurerm_public_ip.vllm']);
  });
});

describe('privacy/public-agent-runtime', () => {
  const RULE = 'privacy/public-agent-runtime';

  it('flags PUBLIC or default network mode and gateways without authorizer (CloudFormation YAML)', async () => {
    const report = await checkOne('cfn-yaml', `
Resources:
  VpcRuntime:
    Type: AWS::BedrockAgentCore::Runtime
    Properties:
      AgentRuntimeName: a
      NetworkConfiguration:
        NetworkMode: VPC
        NetworkModeConfig: { Subnets: [!Ref SubnetA], SecurityGroups: [!GetAtt Sg.GroupId] }
  DefaultRuntime:
    Type: AWS::BedrockAgentCore::Runtime
    Properties: { AgentRuntimeName: b }
  PublicBrowser:
    Type: AWS::BedrockAgentCore::BrowserCustom
    Properties: { Name: b, NetworkConfiguration: { NetworkMode: PUBLIC } }
  SandboxInterpreter:
    Type: AWS::BedrockAgentCore::CodeInterpreterCustom
    Properties: { Name: c, NetworkConfiguration: { NetworkMode: SANDBOX } }
  OpenGateway:
    Type: AWS::BedrockAgentCore::Gateway
    Properties: { Name: g, AuthorizerType: NONE, ProtocolType: MCP, RoleArn: !GetAtt Role.Arn }
  JwtGateway:
    Type: AWS::BedrockAgentCore::Gateway
    Properties: { Name: g, AuthorizerType: CUSTOM_JWT, ProtocolType: MCP, RoleArn: !GetAtt Role.Arn }
`);
    expect(flagged(report, RULE).sort()).toEqual(['DefaultRuntime', 'OpenGateway', 'PublicBrowser']);
    expect(byRule(report, RULE).find((f) => f.resource === 'DefaultRuntime')?.message).toMatch(/default is PUBLIC/);
  });

  it('reads Terraform block and attribute forms (HCL)', async () => {
    const report = await checkOne('tf-hcl', `
      resource "aws_bedrockagentcore_agent_runtime" "public" {
        agent_runtime_name = "p"
        network_configuration {
          network_mode = "PUBLIC"
        }
      }
      resource "aws_bedrockagentcore_agent_runtime" "vpc" {
        agent_runtime_name = "v"
        network_configuration {
          network_mode = "VPC"
          network_mode_config {
            subnets = ["subnet-1"]
            security_groups = ["sg-1"]
          }
        }
      }
      resource "aws_bedrockagentcore_browser" "b" {
        name = "b"
        network_configuration = { network_mode = "PUBLIC" }
      }
      resource "aws_bedrockagentcore_gateway" "iam" {
        name = "g"
        authorizer_type = "AWS_IAM"
        protocol_type = "MCP"
        role_arn = "arn:aws:iam::123456789012:role/g"
      }
    `);
    expect(flagged(report, RULE).sort()).toEqual(['aws_bedrockagentcore_agent_runtime.public', 'aws_bedrockagentcore_browser.b']);
  });

  it('reads CloudFormation JSON and awscc names', async () => {
    const json = await checkOne('cfn-json', cfn({ G: { Type: 'AWS::BedrockAgentCore::Gateway', Properties: { Name: 'g' } } }));
    expect(flagged(json, RULE)).toEqual(['G']);
    const awscc = await checkOne('tf-json', tf({ awscc_bedrockagentcore_runtime: { r: { network_configuration: { network_mode: 'VPC' } } } }));
    expect(flagged(awscc, RULE)).toEqual([]);
  });
});

describe('privacy/local-auth-enabled', () => {
  const RULE = 'privacy/local-auth-enabled';

  it('warns on key auth and AKS local accounts, including provider defaults', async () => {
    const report = await checkOne(
      'tf-json',
      tf({
        azurerm_cognitive_account: { keyless: { local_auth_enabled: false, public_network_access_enabled: false }, keys: { public_network_access_enabled: false } },
        azurerm_kubernetes_cluster: { aks: { private_cluster_enabled: true, local_account_disabled: true }, legacy: { private_cluster_enabled: true } },
      }),
    );
    expect(flagged(report, RULE).sort()).toEqual(['azurerm_cognitive_account.keys', 'azurerm_kubernetes_cluster.legacy']);
    expect(byRule(report, RULE).every((f) => f.severity === 'warning')).toBe(true);
  });

  it('reads HCL and skips values that are variables', async () => {
    const report = await checkOne('tf-hcl', `
      resource "azurerm_ai_services" "keys" {
        name = "ais"
        local_authentication_enabled = true
        public_network_access = "Disabled"
      }
      resource "azurerm_cognitive_account" "var" {
        name = "oai"
        local_auth_enabled = var.local_auth
        public_network_access_enabled = false
      }
    `);
    expect(flagged(report, RULE)).toEqual(['azurerm_ai_services.keys']);
  });
});
