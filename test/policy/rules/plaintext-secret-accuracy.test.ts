/**
 * secrets/plaintext-secret on inputs modelled on public samples: identifiers that merely contain
 * "key" are never secrets, references never are, and real literals are found wherever the schema,
 * an auth-parameter block or the value's shape says they are credentials.
 */
import { envSecretStrength, isCredentialName, isSensitiveCredentialLeaf } from '../../../lib/policy/detect/credential-names';
import { isSchemaKnown, sensitivePaths } from '../../../lib/policy/detect/sensitive-table';
import { byRule, cfn, checkOne, flagged, tf } from '../helpers';

const RULE = 'secrets/plaintext-secret';

describe(`${RULE}: no false secrets on identifiers and references`, () => {
  it('API Gateway route keys, Bedrock action-group function parameters, DynamoDB keys, S3 object keys, KMS ids and key pairs (HCL)', async () => {
    const report = await checkOne('tf-hcl', `
      resource "aws_apigatewayv2_route" "create" {
        api_id    = aws_apigatewayv2_api.http.id
        route_key = "POST /create"
        target    = "integrations/\${aws_apigatewayv2_integration.lambda.id}"
      }
      resource "aws_bedrockagent_agent_action_group" "weather" {
        action_group_name = "weather"
        agent_id          = "AGENT12345"
        agent_version     = "DRAFT"
        function_schema {
          member_functions {
            functions {
              name = "get_forecast"
              parameters {
                map_block_key = "api_key"
                type          = "string"
                required      = true
              }
              parameters {
                map_block_key = "city"
                type          = "string"
              }
            }
          }
        }
      }
      resource "aws_dynamodb_table" "sessions" {
        name      = "sessions"
        hash_key  = "session_id"
        range_key = "turn"
        attribute {
          name = "session_id"
          type = "S"
        }
        server_side_encryption {
          enabled     = true
          kms_key_arn = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        }
      }
      resource "aws_s3_object" "prompt" {
        bucket     = "agent-artifacts"
        key        = "prompts/api_key_rotation.md"
        kms_key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
      }
      resource "aws_instance" "bastion" {
        ami           = "ami-0123456789abcdef0"
        instance_type = "t3.micro"
        key_name      = "ops-keypair"
      }
      resource "aws_key_pair" "ops" {
        key_name   = "ops-keypair"
        public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakePublicKeyMaterialForTests ops"
      }
      resource "azurerm_key_vault_key" "cmk" {
        name         = "cmk-ai"
        key_vault_id = azurerm_key_vault.kv.id
        key_type     = "RSA-HSM"
        key_size     = 2048
        key_opts     = ["wrapKey", "unwrapKey"]
      }
    `);
    expect(byRule(report, RULE)).toEqual([]);
  });

  it('DynamoDB key schemas, S3 keys, KMS key ids, public keys and SSH key names in CloudFormation JSON', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        Table: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
            SSESpecification: { SSEEnabled: true, KMSMasterKeyId: 'alias/agent-state' },
          },
        },
        Route: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'POST /create', ApiKeyRequired: false } },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Bucket: 'b', S3Key: 'handlers/secret-rotation.zip' }, KmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/x' } },
        Kp: { Type: 'AWS::EC2::KeyPair', Properties: { KeyName: 'ops', PublicKeyMaterial: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCfake ops' } },
        Instance: { Type: 'AWS::EC2::Instance', Properties: { KeyName: 'ops', InstanceType: 't3.micro', ImageId: 'ami-0123456789abcdef0' } },
      }),
    );
    expect(byRule(report, RULE)).toEqual([]);
  });

  it('secret references are never findings: dynamic references, NoEcho parameters, Key Vault, sensitive variables, Secrets Manager data sources', async () => {
    const cf = await checkOne('cfn-yaml', `
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      MasterUsername: admin
      MasterUserPassword: !Ref DbPassword
  Conn:
    Type: AWS::Events::Connection
    Properties:
      AuthorizationType: API_KEY
      AuthParameters:
        ApiKeyAuthParameters:
          ApiKeyName: x-api-key
          ApiKeyValue: '{{resolve:secretsmanager:partner/api-key:SecretString:key}}'
  Provider:
    Type: AWS::BedrockAgentCore::ApiKeyCredentialProvider
    Properties:
      Name: partner
      ApiKey: !Sub '{{resolve:secretsmanager:\${PartnerSecret}:SecretString:apiKey}}'
`);
    expect(byRule(cf, RULE)).toEqual([]);
    const hcl = await checkOne('tf-hcl', `
      variable "psk" {
        type      = string
        sensitive = true
      }
      data "aws_secretsmanager_secret_version" "oauth" {
        secret_id = "partner/oauth"
      }
      resource "azurerm_virtual_network_gateway_connection" "aws1" {
        name       = "aws-1"
        type       = "IPsec"
        shared_key = var.psk
      }
      resource "aws_cloudwatch_event_connection" "partner" {
        name               = "partner"
        authorization_type = "OAUTH_CLIENT_CREDENTIALS"
        auth_parameters {
          oauth {
            authorization_endpoint = "https://auth.example.com/oauth2/token"
            http_method            = "POST"
            client_parameters {
              client_id     = "partner-client"
              client_secret = jsondecode(data.aws_secretsmanager_secret_version.oauth.secret_string)["client_secret"]
            }
          }
        }
      }
      resource "azurerm_linux_function_app" "fn" {
        name = "fn"
        app_settings = {
          AZURE_OPENAI_KEY = "@Microsoft.KeyVault(VaultName=kv-agents;SecretName=oai-key)"
          SEARCH_API_KEY   = "@Microsoft.KeyVault(SecretUri=https://kv-agents.vault.azure.net/secrets/search/)"
        }
      }
    `);
    expect(byRule(hcl, RULE)).toEqual([]);
  });
});

describe(`${RULE}: real literals are still found`, () => {
  it('EventBridge connection auth parameters in CloudFormation: API key value, OAuth client secret, basic-auth password, secret header', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        ApiKeyConn: {
          Type: 'AWS::Events::Connection',
          Properties: { AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'pk_9f8e7d6c5b4a3210' } } },
        },
        OAuthConn: {
          Type: 'AWS::Events::Connection',
          Properties: {
            AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
            AuthParameters: {
              OAuthParameters: {
                AuthorizationEndpoint: 'https://auth.example.com/token',
                HttpMethod: 'POST',
                ClientParameters: { ClientID: 'agents', ClientSecret: 'c1i3nt-s3cr3t' },
                OAuthHttpParameters: { HeaderParameters: [{ Key: 'Content-Type', Value: 'application/json', IsValueSecret: false }] },
              },
            },
          },
        },
        BasicConn: {
          Type: 'AWS::Events::Connection',
          Properties: {
            AuthorizationType: 'BASIC',
            AuthParameters: {
              BasicAuthParameters: { Username: 'svc', Password: 'hunter2hunter2' },
              InvocationHttpParameters: { HeaderParameters: [{ Key: 'X-Tenant-Token', Value: 'tt-123', IsValueSecret: true }, { Key: 'X-Region', Value: 'eu', IsValueSecret: false }] },
            },
          },
        },
      }),
    );
    const messages = byRule(report, RULE).map((f) => `${f.resource}: ${f.message}`);
    expect(messages).toEqual([
      'ApiKeyConn: AuthParameters.ApiKeyAuthParameters.ApiKeyValue holds a literal secret (19 characters, value masked)',
      'BasicConn: AuthParameters.BasicAuthParameters.Password holds a literal secret (14 characters, value masked); AuthParameters.InvocationHttpParameters.HeaderParameters.0.X-Tenant-Token holds a literal secret (6 characters, value masked)',
      'OAuthConn: AuthParameters.OAuthParameters.ClientParameters.ClientSecret holds a literal secret (13 characters, value masked)',
    ]);
  });

  it('aws_cloudwatch_event_connection auth_parameters blocks and AgentCore credential providers (Terraform JSON and HCL)', async () => {
    const report = await checkOne(
      'tf-json',
      tf({
        aws_cloudwatch_event_connection: {
          key: { name: 'k', authorization_type: 'API_KEY', auth_parameters: { api_key: { key: 'x-api-key', value: 'pk_9f8e7d6c5b4a3210' } } },
          basic: {
            name: 'b',
            authorization_type: 'BASIC',
            auth_parameters: {
              basic: { username: 'svc', password: 'hunter2hunter2' },
              invocation_http_parameters: { header: [{ key: 'Content-Type', value: 'application/json', is_value_secret: false }] },
            },
          },
        },
        aws_bedrockagentcore_api_key_credential_provider: { partner: { name: 'partner', api_key: 'sk-partner-0123456789abcdef' } },
        aws_bedrockagentcore_oauth2_credential_provider: {
          entra: {
            name: 'entra',
            credential_provider_vendor: 'MicrosoftOauth2',
            oauth2_provider_config: { microsoft_oauth2_provider_config: { client_id: '00000000-0000-0000-0000-000000000000', client_secret: 'Abc~defGHIjklMNOpqr' } },
          },
        },
      }),
    );
    expect(byRule(report, RULE).map((f) => `${f.resource}: ${f.message}`)).toEqual([
      'aws_bedrockagentcore_api_key_credential_provider.partner: api_key holds a literal secret (27 characters, value masked)',
      'aws_bedrockagentcore_oauth2_credential_provider.entra: oauth2_provider_config.microsoft_oauth2_provider_config.client_secret holds a literal secret (19 characters, value masked)',
      'aws_cloudwatch_event_connection.basic: auth_parameters.basic.password holds a literal secret (14 characters, value masked)',
      'aws_cloudwatch_event_connection.key: auth_parameters.api_key.value holds a literal secret (19 characters, value masked)',
    ]);
  });

  it('AgentCore credential providers in CloudFormation YAML', async () => {
    const report = await checkOne('cfn-yaml', `
Resources:
  Partner:
    Type: AWS::BedrockAgentCore::ApiKeyCredentialProvider
    Properties:
      Name: partner
      ApiKey: sk-partner-0123456789abcdef
  Entra:
    Type: AWS::BedrockAgentCore::OAuth2CredentialProvider
    Properties:
      Name: entra
      CredentialProviderVendor: MicrosoftOauth2
      Oauth2ProviderConfigInput:
        MicrosoftOauth2ProviderConfig:
          ClientId: 00000000-0000-0000-0000-000000000000
          ClientSecret: Abc~defGHIjklMNOpqr
          TenantId: 11111111-1111-1111-1111-111111111111
`);
    expect(flagged(report, RULE).sort()).toEqual(['Entra', 'Partner']);
  });

  it('auth blocks of types no schema describes, however named (Custom:: resources, other providers)', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        Webhook: {
          Type: 'Custom::PartnerWebhook',
          Properties: {
            ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:hook',
            Endpoint: 'https://partner.example.com/hook',
            PartnerAuth: { ClientId: 'agents', ClientSecret: 'c1i3nt-s3cr3t', Headers: [{ Name: 'Authorization', Value: 'Bearer abc.def.ghi' }] },
            RoutingKey: 'orders.created',
          },
        },
      }),
    );
    expect(byRule(report, RULE).map((f) => f.message)).toEqual([
      'PartnerAuth.ClientSecret holds a literal secret (13 characters, value masked); PartnerAuth.Headers.0.Authorization holds a literal secret (18 characters, value masked)',
    ]);
  });

  it('vendor tokens and connection strings anywhere, weak *_KEY names only with key-shaped values', async () => {
    const report = await checkOne(
      'tf-json',
      tf({
        aws_lambda_function: {
          f: {
            function_name: 'f',
            environment: {
              variables: {
                NOTIFY_WEBHOOK: 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
                WIDGET_KEY: 'orders',
                GADGET_KEY: 'Zx81kPq02LmN',
                SORT_KEY: 'created_at',
              },
            },
          },
        },
        azurerm_container_app: {
          app: { name: 'app', template: { container: { name: 'c', image: 'x', env: [{ name: 'STORAGE', value: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abcdEFGH1234==;EndpointSuffix=core.windows.net' }] } } },
        },
      }),
    );
    expect(byRule(report, RULE).map((f) => `${f.resource}: ${f.message}`)).toEqual([
      'aws_lambda_function.f: environment.variables.NOTIFY_WEBHOOK holds a literal access token (56 characters, value masked); environment.variables.GADGET_KEY holds a literal secret (12 characters, value masked)',
      'azurerm_container_app.app: template.container.env.0.STORAGE holds a connection string with a literal key or password (102 characters, value masked)',
    ]);
  });
});

describe('secret tables and names', () => {
  it('take sensitive attributes from the provider schemas (sources dated in the table)', () => {
    const paths = (t: string) => sensitivePaths(t).map((p) => `${p.path.join('.')}${p.credential ? '' : ' (shape only)'}`);
    expect(paths('azurerm_virtual_network_gateway_connection')).toEqual(['authorization_key', 'shared_key']);
    expect(paths('aws_vpn_connection')).toEqual(expect.arrayContaining(['tunnel1_preshared_key', 'tunnel2_preshared_key']));
    expect(paths('azurerm_linux_virtual_machine')).toEqual(['admin_password', 'custom_data (shape only)']);
    expect(paths('AWS::Events::Connection')).toEqual([
      'AuthParameters.ApiKeyAuthParameters.ApiKeyValue', 'AuthParameters.BasicAuthParameters.Password', 'AuthParameters.OAuthParameters.ClientParameters.ClientSecret',
    ]);
    expect(paths('awscc_events_connection')).toContain('auth_parameters.basic_auth_parameters.password');
    expect(paths('aws_apigatewayv2_route')).toEqual([]);
    expect(isSchemaKnown('aws_apigatewayv2_route')).toBe(true);
    expect(isSchemaKnown('google_sql_user')).toBe(false);
  });

  it('judge names by what they are', () => {
    for (const n of ['RouteKey', 'route_key', 'hash_key', 'range_key', 'kms_key_id', 'key_name', 'map_block_key', 'S3Key', 'PublicKey', 'ClientToken', 'AccessTokenValidity']) {
      expect([n, isCredentialName(n)]).toEqual([n, false]);
    }
    for (const n of ['MasterUserPassword', 'ClientSecret', 'ApiKeyValue', 'PreSharedKey', 'tunnel1_preshared_key', 'SecretAccessKey', 'AuthToken', 'password_wo']) {
      expect([n, isCredentialName(n)]).toEqual([n, true]);
    }
    expect(['primary_access_key', 'primary_connection_string', 'sas_url', 'value'].map(isSensitiveCredentialLeaf)).toEqual([true, true, true, true]);
    expect(['certificate', 'custom_data', 'client_id', 'public_key', 'kms_key_id'].map(isSensitiveCredentialLeaf)).toEqual([false, false, false, false, false]);
    expect(['AZURE_OPENAI_KEY', 'OPENAI_API_KEY', 'DB_PASSWORD', 'CLIENT_SECRET', 'GITHUB_TOKEN'].map(envSecretStrength)).toEqual([2, 2, 2, 2, 2]);
    expect(['WIDGET_KEY'].map(envSecretStrength)).toEqual([1]);
    expect(['KEY_VAULT_NAME', 'KMS_KEY_ID', 'PARTITION_KEY', 'MAX_TOKENS', 'SECRET_ARN', 'ROUTE_KEY', 'TOKEN_URL'].map(envSecretStrength)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
