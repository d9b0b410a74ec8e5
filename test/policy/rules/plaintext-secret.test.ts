/**
 * secrets/plaintext-secret: literal secrets are reported (masked); references are fine.
 */
import { byRule, cfn, checkOne, flagged, tf } from '../helpers';

const RULE = 'secrets/plaintext-secret';
const PSK = 'Zq8.abcdefghijklmnop_1234';

describe(RULE, () => {
  it('flags literal VPN pre-shared keys, passwords and environment secrets in CloudFormation JSON, never echoing the value', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        LiteralPsk: { Type: 'AWS::EC2::VPNConnection', Properties: { VpnTunnelOptionsSpecifications: [{ PreSharedKey: PSK, TunnelInsideCidr: '169.254.21.0/30' }] } },
        StoredPsk: {
          Type: 'AWS::EC2::VPNConnection',
          Properties: {
            VpnTunnelOptionsSpecifications: [
              { PreSharedKeyStorage: 'SecretsManager', TunnelInsideCidr: '169.254.21.0/30' },
              { PreSharedKey: '{{resolve:secretsmanager:link/psk:SecretString:tunnel2}}' },
            ],
          },
        },
        Db: { Type: 'AWS::RDS::DBInstance', Properties: { MasterUsername: 'admin', MasterUserPassword: 'Sup3rS3cret!', ManageMasterUserPassword: false } },
        DbRef: { Type: 'AWS::RDS::DBInstance', Properties: { MasterUserPassword: { 'Fn::Sub': '{{resolve:ssm-secure:/db/pw:1}}' } } },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Environment: { Variables: { LOG_LEVEL: 'INFO', OPENAI_API_KEY: 'sk-live-123456', SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:x', TOKEN_URL: 'https://idp/token' } } },
        },
        Task: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            ContainerDefinitions: [
              {
                Name: 'agent',
                Image: 'agent:1',
                Environment: [{ Name: 'DB_PASSWORD', Value: 'hunter2hunter2' }, { Name: 'REGION', Value: 'eu-west-1' }],
                Secrets: [{ Name: 'API_TOKEN', ValueFrom: 'arn:aws:secretsmanager:eu-west-1:1:secret:t' }],
              },
            ],
          },
        },
        Custom: { Type: 'Custom::Thing', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:1:function:f' } },
      }),
    );
    expect(flagged(report, RULE).sort()).toEqual(['Db', 'Fn', 'LiteralPsk', 'Task']);
    const text = JSON.stringify(report);
    for (const secret of [PSK, 'Sup3rS3cret!', 'sk-live-123456', 'hunter2hunter2']) expect(text).not.toContain(secret);
    const msg = (id: string) => byRule(report, RULE).find((f) => f.resource === id)?.message;
    expect(msg('LiteralPsk')).toBe(`VpnTunnelOptionsSpecifications.0.PreSharedKey holds a literal secret (${PSK.length} characters, value masked)`);
    expect(msg('Task')).toMatch(/ContainerDefinitions\.0\.Environment\.0\.DB_PASSWORD holds a literal secret/);
    expect(msg('Fn')).toMatch(/Environment\.Variables\.OPENAI_API_KEY/);
  });

  it('flags Terraform shared_key / tunnel pre-shared keys and accepts variables, Key Vault and random_password (HCL)', async () => {
    const report = await checkOne('tf-hcl', `
      resource "azurerm_virtual_network_gateway_connection" "literal" {
        type = "IPsec"
        shared_key = "${PSK}"
      }
      resource "azurerm_virtual_network_gateway_connection" "vault" {
        type = "IPsec"
        shared_key = data.azurerm_key_vault_secret.psk.value
      }
      resource "aws_vpn_connection" "literal" {
        tunnel1_preshared_key = "${PSK}"
        tunnel2_preshared_key = var.psk2
      }
      resource "aws_vpn_connection" "generated" {
        tunnel1_preshared_key = random_password.t1.result
        tunnel2_preshared_key = "\${random_password.t2.result}"
      }
      resource "azurerm_linux_virtual_machine" "vm" {
        admin_password = "P@ssw0rd1234"
      }
      resource "azurerm_linux_web_app" "app" {
        app_settings = {
          "DB_CONNECTION_STRING" = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db)"
          "STORAGE" = "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abcdEFGHijkl==;EndpointSuffix=core.windows.net"
        }
      }
    `);
    expect(flagged(report, RULE).sort()).toEqual([
      'aws_vpn_connection.literal', 'azurerm_linux_virtual_machine.vm', 'azurerm_linux_web_app.app', 'azurerm_virtual_network_gateway_connection.literal',
    ]);
    expect(byRule(report, RULE).find((f) => f.resource === 'azurerm_linux_web_app.app')?.message).toMatch(/app_settings\.STORAGE holds a connection string/);
  });

  it('finds private keys anywhere and secrets inside ECS container definitions JSON (Terraform JSON)', async () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';
    const report = await checkOne(
      'tf-json',
      tf({
        aws_iam_server_certificate: { cert: { certificate_body: 'x', private_key: pem }, ref: { private_key: '${file("key.pem")}' } },
        aws_ecs_task_definition: {
          t: { container_definitions: JSON.stringify([{ name: 'a', environment: [{ name: 'HF_TOKEN', value: 'hf_abcdefghijk' }] }]) },
        },
        aws_ssm_parameter: { note: { name: 'n', type: 'String', value: `see ${pem}` } },
      }),
    );
    expect(flagged(report, RULE).sort()).toEqual(['aws_ecs_task_definition.t', 'aws_iam_server_certificate.cert', 'aws_ssm_parameter.note']);
    expect(byRule(report, RULE).find((f) => f.resource === 'aws_ssm_parameter.note')?.message).toMatch(/value holds a literal private key/);
  });

  it('reads AgentCore runtime environment variables in CloudFormation YAML', async () => {
    const report = await checkOne('cfn-yaml', `
Resources:
  Runtime:
    Type: AWS::BedrockAgentCore::Runtime
    Properties:
      AgentRuntimeName: a
      NetworkConfiguration: { NetworkMode: VPC }
      EnvironmentVariables:
        AZURE_OPENAI_API_KEY: abcdef0123456789
        AZURE_OPENAI_ENDPOINT: https://oai.openai.azure.com
        GITHUB_TOKEN: !Sub "{{resolve:secretsmanager:\${TokenSecret}}}"
`);
    expect(byRule(report, RULE).map((f) => f.message)).toEqual(['EnvironmentVariables.AZURE_OPENAI_API_KEY holds a literal secret (16 characters, value masked)']);
  });

  it('knows value fields that are secrets by resource type (Key Vault secret, SecureString, API key)', async () => {
    const report = await checkOne(
      'tf-json',
      tf({
        azurerm_key_vault_secret: { literal: { name: 'psk', value: 'abc.def_123456' }, generated: { name: 'psk', value: '${random_password.psk.result}' } },
        aws_ssm_parameter: { secure: { name: '/x', type: 'SecureString', value: 'plain-secret' }, plain: { name: '/y', type: 'String', value: 'eu-west-1' } },
      }),
    );
    expect(byRule(report, RULE).map((f) => [f.resource, f.message])).toEqual([
      ['aws_ssm_parameter.secure', 'value holds a literal secret (12 characters, value masked)'],
      ['azurerm_key_vault_secret.literal', 'value holds a literal secret (14 characters, value masked)'],
    ]);
  });

  it('flags literal values of *_KEY / *_SECRET / *_TOKEN / *_PASSWORD app settings and Lambda variables (HCL)', async () => {
    const report = await checkOne('tf-hcl', `
      resource "azurerm_linux_web_app" "literal" {
        app_settings = {
          "AZURE_OPENAI_KEY"      = "0123456789abcdef0123456789abcdef"
          "AZURE_OPENAI_ENDPOINT" = "https://oai.openai.azure.com"
        }
      }
      resource "azurerm_windows_web_app" "secret" {
        app_settings = { "SESSION_SECRET" = "s3cr3t-value" }
      }
      resource "azurerm_function_app_flex_consumption" "token" {
        app_settings = { "GITHUB_TOKEN" = "ghp_abcdefghijklmnop", "DB_PASSWORD" = "hunter2hunter2" }
      }
      resource "azurerm_linux_function_app" "camel" {
        app_settings = { "stripeApiKey" = "sk_live_abc123", "signingKey" = "k-123456789" }
      }
      resource "azurerm_linux_web_app" "references" {
        app_settings = {
          "AZURE_OPENAI_KEY"         = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/oai)"
          "SEARCH_KEY"               = azurerm_search_service.s.primary_key
          "KEY_VAULT_NAME"           = "kv-agents"
          "KEY_VAULT_URI"            = "https://kv-agents.vault.azure.net/"
          "KMS_KEY_ID"               = "1234abcd-12ab-34cd-56ef-1234567890ab"
          "KMS_KEY"                  = "alias/agent-state"
          "PUBLIC_KEY"               = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample"
          "PARTITION_KEY"            = "tenantId"
          "S3_KEY"                   = "artifacts/model-card.json"
          "CACHE_KEY"                = "v2"
          "KEY"                      = "value"
          "MAX_TOKENS"               = "4096"
          "MAX_TOKEN"                = "4096"
          "TOKEN_URL"                = "https://login.microsoftonline.com/t/oauth2/v2.0/token"
          "SECRET_NAME"              = "oai-key"
          "AZURE_CLIENT_ID"          = "00000000-0000-0000-0000-000000000000"
          "APPINSIGHTS_INSTRUMENTATIONKEY" = "00000000-0000-0000-0000-000000000000"
        }
      }
      resource "aws_lambda_function" "env" {
        function_name = "f"
        environment {
          variables = {
            AZURE_OPENAI_KEY = "literal-key-abcdef"
            SECRET_ARN       = "arn:aws:secretsmanager:eu-west-1:1:secret:x"
            API_KEY_PARAM    = "/agents/api-key"
          }
        }
      }
      resource "aws_dynamodb_table" "state" {
        name      = "state"
        hash_key  = "pk"
        range_key = "sk"
      }
      resource "aws_s3_object" "o" {
        bucket = "b"
        key    = "prompts/system.txt"
      }
      resource "aws_key_pair" "k" {
        key_name   = "agents"
        public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ example"
      }
    `);
    expect(flagged(report, RULE).sort()).toEqual([
      'aws_lambda_function.env', 'azurerm_function_app_flex_consumption.token', 'azurerm_linux_function_app.camel', 'azurerm_linux_web_app.literal',
      'azurerm_windows_web_app.secret',
    ]);
    const msg = (id: string) => byRule(report, RULE).find((f) => f.resource === id)?.message ?? '';
    expect(msg('azurerm_linux_web_app.literal')).toBe('app_settings.AZURE_OPENAI_KEY holds a literal secret (32 characters, value masked)');
    expect(msg('aws_lambda_function.env')).toMatch(/^environment\.0\.variables\.AZURE_OPENAI_KEY holds a literal secret/);
    expect(msg('azurerm_linux_function_app.camel')).toMatch(/app_settings\.stripeApiKey holds/);
    expect(msg('azurerm_linux_function_app.camel')).toMatch(/app_settings\.signingKey holds/);
  });

  it('flags AWS::Lambda::Function environment keys in CloudFormation JSON, not identifiers', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { AZURE_OPENAI_KEY: 'abc123abc123', MODEL_DEPLOYMENT: 'gpt-4.1' } } } },
        Ids: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Code: { S3Bucket: 'b', S3Key: 'fn.zip' },
            KmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/x',
            Environment: { Variables: { AZURE_OPENAI_KEY: { Ref: 'OaiKeyParam' }, TABLE_SORT_KEY: 'sk', ENCRYPTION_KEY_ALIAS: 'alias/x' } },
          },
        },
        ConditionKeys: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'p',
            PolicyDocument: {
              Statement: [{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: '*', Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['support_agent#*'] } } }],
            },
          },
        },
      }),
    );
    expect(flagged(report, RULE)).toEqual(['Fn']);
  });
});
