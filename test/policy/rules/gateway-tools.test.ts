/**
 * Agent tools in the placement policy, on raw CloudFormation and Terraform inputs:
 * - an AgentCore Gateway with SEMANTIC (model-backed) tool search is stateless inference on AWS;
 * - a gateway target that routes inference (an Inference target, an INFERENCE passthrough);
 * - a Lambda tool target whose function's role (in the same outputs) can invoke a model.
 */
import { cfn, checkOne, flagged, byRule, tf } from '../helpers';

const PLACEMENT = 'placement/stateless-endpoint-outside-azure';
const INVOCATION = 'placement/model-invocation-outside-azure';

describe('gateway semantic tool search', () => {
  const gateway = (mcp: object) => ({
    Type: 'AWS::BedrockAgentCore::Gateway',
    Properties: { Name: 'tools', AuthorizerType: 'AWS_IAM', RoleArn: 'arn:aws:iam::111122223333:role/gw', ProtocolType: 'MCP', ProtocolConfiguration: { Mcp: mcp } },
  });

  it('flags SearchType SEMANTIC in CloudFormation JSON with a message that names the embedding model, and leaves unset search alone', async () => {
    const report = await checkOne('cfn-json', cfn({
      Semantic: gateway({ SupportedVersions: ['2025-06-18'], SearchType: 'SEMANTIC' }),
      Plain: gateway({ SupportedVersions: ['2025-06-18'] }),
      NoProtocolConfig: { Type: 'AWS::BedrockAgentCore::Gateway', Properties: { Name: 'n', AuthorizerType: 'AWS_IAM', RoleArn: 'arn:aws:iam::111122223333:role/gw' } },
      FromParameter: gateway({ SearchType: { Ref: 'SearchType' } }),
    }));
    expect(flagged(report, PLACEMENT)).toEqual(['Semantic']);
    expect(byRule(report, PLACEMENT)[0].message).toMatch(/tool search is SEMANTIC: the gateway embeds tool descriptions and search queries with an embedding model on AWS .*leave SearchType unset; stateless inference must be served only from Azure/);
    expect(byRule(report, PLACEMENT)[0].severity).toBe('error');
  });

  it('flags it in CloudFormation YAML', async () => {
    const report = await checkOne('cfn-yaml', `
Resources:
  Gw:
    Type: AWS::BedrockAgentCore::Gateway
    Properties:
      Name: tools
      AuthorizerType: AWS_IAM
      RoleArn: !GetAtt Role.Arn
      ProtocolType: MCP
      ProtocolConfiguration:
        Mcp:
          SearchType: SEMANTIC
`);
    expect(flagged(report, PLACEMENT)).toEqual(['Gw']);
  });

  it('flags search_type in Terraform HCL (aws) and JSON (awscc), HYBRID too', async () => {
    const hcl = await checkOne('tf-hcl', `
      resource "aws_bedrockagentcore_gateway" "semantic" {
        name            = "tools"
        role_arn        = aws_iam_role.gw.arn
        authorizer_type = "AWS_IAM"
        protocol_type   = "MCP"
        protocol_configuration {
          mcp {
            search_type        = "SEMANTIC"
            supported_versions = ["2025-06-18"]
          }
        }
      }
      resource "aws_bedrockagentcore_gateway" "hybrid" {
        name            = "tools2"
        role_arn        = aws_iam_role.gw.arn
        authorizer_type = "AWS_IAM"
        protocol_type   = "MCP"
        protocol_configuration {
          mcp {
            search_type = "HYBRID"
          }
        }
      }
      resource "aws_bedrockagentcore_gateway" "plain" {
        name            = "tools3"
        role_arn        = aws_iam_role.gw.arn
        authorizer_type = "AWS_IAM"
        protocol_type   = "MCP"
      }
    `);
    expect(flagged(hcl, PLACEMENT).sort()).toEqual(['aws_bedrockagentcore_gateway.hybrid', 'aws_bedrockagentcore_gateway.semantic']);
    const json = await checkOne('tf-json', tf({
      awscc_bedrockagentcore_gateway: { g: { name: 'g', authorizer_type: 'AWS_IAM', role_arn: 'arn:aws:iam::111122223333:role/gw', protocol_configuration: { mcp: { search_type: 'SEMANTIC' } } } },
    }));
    expect(flagged(json, PLACEMENT)).toEqual(['awscc_bedrockagentcore_gateway.g']);
  });
});

describe('gateway targets that route inference', () => {
  it('flags Inference targets and INFERENCE passthrough, not MCP targets', async () => {
    const report = await checkOne('cfn-json', cfn({
      Llm: {
        Type: 'AWS::BedrockAgentCore::GatewayTarget',
        Properties: { Name: 'llm', GatewayIdentifier: 'gw', TargetConfiguration: { Inference: { Provider: { Endpoint: 'https://api.example.com/v1' } } } },
      },
      Passthrough: {
        Type: 'AWS::BedrockAgentCore::GatewayTarget',
        Properties: { Name: 'pt', GatewayIdentifier: 'gw', TargetConfiguration: { Http: { Passthrough: { Endpoint: 'https://x.example.com', ProtocolType: 'INFERENCE' } } } },
      },
      McpPassthrough: {
        Type: 'AWS::BedrockAgentCore::GatewayTarget',
        Properties: { Name: 'mp', GatewayIdentifier: 'gw', TargetConfiguration: { Http: { Passthrough: { Endpoint: 'https://x.example.com', ProtocolType: 'MCP' } } } },
      },
      Mcp: {
        Type: 'AWS::BedrockAgentCore::GatewayTarget',
        Properties: { Name: 'mcp', GatewayIdentifier: 'gw', TargetConfiguration: { Mcp: { McpServer: { Endpoint: 'https://mcp.example.com/mcp' } } } },
      },
    }));
    expect(flagged(report, PLACEMENT).sort()).toEqual(['Llm', 'Passthrough']);
    expect(byRule(report, PLACEMENT).find((f) => f.resource === 'Llm')?.message).toMatch(/type Inference routes model inference requests/);
  });
});

describe('Lambda tools whose function can invoke a model', () => {
  const target = (lambdaArn: unknown) => ({
    Type: 'AWS::BedrockAgentCore::GatewayTarget',
    Properties: {
      Name: 't', GatewayIdentifier: 'gw',
      TargetConfiguration: { Mcp: { Lambda: { LambdaArn: lambdaArn, ToolSchema: { InlinePayload: [{ Name: 'x', Description: 'x', InputSchema: { Type: 'object' } }] } } } },
      CredentialProviderConfigurations: [{ CredentialProviderType: 'GATEWAY_IAM_ROLE' }],
    },
  });
  const role = (policies: object[] = [], managed?: unknown) => ({
    Type: 'AWS::IAM::Role',
    Properties: { AssumeRolePolicyDocument: {}, Policies: policies, ...(managed ? { ManagedPolicyArns: managed } : {}) },
  });
  const fn = (roleRef: unknown, name?: string) => ({ Type: 'AWS::Lambda::Function', Properties: { Role: roleRef, Code: { ZipFile: 'x' }, Handler: 'i.h', Runtime: 'python3.12', ...(name ? { FunctionName: name } : {}) } });
  const invoke = { PolicyName: 'llm', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }] } };

  it('reports the target when its function (by GetAtt) runs with a role allowing bedrock:InvokeModel; a clean tool passes', async () => {
    const report = await checkOne('cfn-json', cfn({
      BadRole: role([invoke]),
      BadFn: fn({ 'Fn::GetAtt': ['BadRole', 'Arn'] }),
      BadTool: target({ 'Fn::GetAtt': ['BadFn', 'Arn'] }),
      GoodRole: role([{ PolicyName: 'ddb', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/t' }] } }]),
      GoodFn: fn({ 'Fn::GetAtt': ['GoodRole', 'Arn'] }),
      GoodTool: target({ 'Fn::GetAtt': ['GoodFn', 'Arn'] }),
      ExternalTool: target('arn:aws:lambda:eu-west-1:111122223333:function:not-in-these-outputs'),
    }));
    const tools = flagged(report, INVOCATION).filter((id) => id.endsWith('Tool'));
    expect(tools).toEqual(['BadTool']);
    expect(byRule(report, INVOCATION).find((f) => f.resource === 'BadTool')?.message)
      .toMatch(/agent tool: this gateway target invokes Lambda function BadFn, whose execution permissions can invoke a model on AWS \(role BadRole: inline policy "llm" allows bedrock:InvokeModel\); the agents' tool calls would move inference off Azure/);
    // The role itself is reported too, by the IAM part of the rule.
    expect(flagged(report, INVOCATION)).toContain('BadRole');
  });

  it('follows a literal function ARN by name, standalone policies and managed policies attached to the role', async () => {
    const report = await checkOne('cfn-json', cfn({
      Role: role(),
      Extra: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'x', Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }] } } },
      Fn: fn({ 'Fn::GetAtt': ['Role', 'Arn'] }, 'tool-fn'),
      Tool: target('arn:aws:lambda:eu-west-1:111122223333:function:tool-fn'),
      ManagedRole: role([], ['arn:aws:iam::aws:policy/AmazonBedrockFullAccess']),
      ManagedFn: fn({ 'Fn::GetAtt': ['ManagedRole', 'Arn'] }),
      ManagedTool: target({ 'Fn::GetAtt': ['ManagedFn', 'Arn'] }),
    }));
    const messages = Object.fromEntries(byRule(report, INVOCATION).map((f) => [f.resource, f.message]));
    expect(messages.Tool).toMatch(/Lambda function Fn \(tool-fn\).*policy Extra allows bedrock:InvokeModel \(via "bedrock:\*"\)/);
    expect(messages.ManagedTool).toMatch(/AmazonBedrockFullAccess allows model invocation/);
  });

  it('reads SAM functions (Policies) behind a tool', async () => {
    const report = await checkOne('cfn-yaml', `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: x
      Policies: [AmazonBedrockFullAccess]
  Tool:
    Type: AWS::BedrockAgentCore::GatewayTarget
    Properties:
      Name: t
      GatewayIdentifier: gw
      TargetConfiguration: { Mcp: { Lambda: { LambdaArn: !GetAtt Fn.Arn, ToolSchema: { InlinePayload: [] } } } }
`);
    expect(flagged(report, INVOCATION)).toEqual(expect.arrayContaining(['Fn', 'Tool']));
  });

  it('follows Terraform references: function -> role -> aws_iam_role_policy and attachments', async () => {
    const report = await checkOne('tf-hcl', `
      resource "aws_iam_role" "tool" {
        name               = "tool-role"
        assume_role_policy = "{}"
      }
      resource "aws_iam_role_policy" "llm" {
        role   = aws_iam_role.tool.id
        policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["bedrock:InvokeModel"], Resource = "*" }] })
      }
      resource "aws_lambda_function" "tool" {
        function_name = "tool"
        role          = aws_iam_role.tool.arn
        handler       = "index.handler"
        runtime       = "nodejs20.x"
        filename      = "tool.zip"
      }
      resource "aws_bedrockagentcore_gateway_target" "tool" {
        name               = "tool"
        gateway_identifier = "gw"
        credential_provider_configuration {
          gateway_iam_role {}
        }
        target_configuration {
          mcp {
            lambda {
              lambda_arn = aws_lambda_function.tool.arn
              tool_schema {
                inline_payload {
                  name        = "t"
                  description = "t"
                  input_schema {
                    type = "object"
                  }
                }
              }
            }
          }
        }
      }
      resource "aws_iam_role" "clean" {
        name               = "clean-role"
        assume_role_policy = "{}"
      }
      resource "aws_iam_role_policy_attachment" "clean" {
        role       = aws_iam_role.clean.name
        policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
      }
      resource "aws_lambda_function" "clean" {
        function_name = "clean"
        role          = aws_iam_role.clean.arn
        handler       = "index.handler"
        runtime       = "nodejs20.x"
        filename      = "clean.zip"
      }
      resource "aws_bedrockagentcore_gateway_target" "clean" {
        name               = "clean"
        gateway_identifier = "gw"
        target_configuration {
          mcp {
            lambda {
              lambda_arn = aws_lambda_function.clean.arn
              tool_schema {
                inline_payload {
                  name        = "c"
                  description = "c"
                  input_schema {
                    type = "object"
                  }
                }
              }
            }
          }
        }
      }
    `);
    const targets = flagged(report, INVOCATION).filter((id) => id.startsWith('aws_bedrockagentcore_gateway_target.'));
    expect(targets).toEqual(['aws_bedrockagentcore_gateway_target.tool']);
    expect(byRule(report, INVOCATION).find((f) => f.resource === 'aws_bedrockagentcore_gateway_target.tool')?.message)
      .toMatch(/Lambda function aws_lambda_function.tool \(tool\).*role aws_iam_role.tool: policy aws_iam_role_policy.llm allows bedrock:InvokeModel/);
  });
});
