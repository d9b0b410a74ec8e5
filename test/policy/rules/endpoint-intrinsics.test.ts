/**
 * Model runtime endpoints built with intrinsics (Fn::Sub with pseudo parameters, Fn::Join) or
 * Terraform interpolation are recognized wherever an integration, data source or HTTP target takes
 * an endpoint URL; other endpoints (partners, Azure, AgentCore) are not.
 */
import { modelRuntimeOf, renderEndpointText } from '../../../lib/policy/detect/endpoint-text';
import { byRule, cfn, checkOne } from '../helpers';

const RULE = 'placement/stateless-endpoint-outside-azure';

describe('model runtime endpoints built with intrinsics', () => {
  it('CloudFormation: API Gateway, AppSync HTTP data sources, EventBridge API destinations and Step Functions HTTP tasks', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        HttpIntegration: {
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: {
            ApiId: { Ref: 'Api' },
            IntegrationType: 'HTTP_PROXY',
            IntegrationMethod: 'POST',
            IntegrationUri: { 'Fn::Sub': 'https://bedrock.${AWS::Region}.${AWS::URLSuffix}/model/${ModelId}/converse' },
          },
        },
        RestMethod: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            HttpMethod: 'POST',
            ResourceId: { Ref: 'Res' },
            RestApiId: { Ref: 'Rest' },
            AuthorizationType: 'AWS_IAM',
            Integration: {
              Type: 'AWS',
              IntegrationHttpMethod: 'POST',
              Uri: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ':bedrock', ':path/model/m/invoke']] },
            },
          },
        },
        AppSyncHttp: {
          Type: 'AWS::AppSync::DataSource',
          Properties: {
            ApiId: 'api',
            Name: 'llm',
            Type: 'HTTP',
            HttpConfig: { Endpoint: { 'Fn::Sub': ['https://${Service}.${AWS::Region}.amazonaws.com', { Service: 'bedrock-runtime' }] } },
          },
        },
        Destination: {
          Type: 'AWS::Events::ApiDestination',
          Properties: {
            ConnectionArn: { 'Fn::GetAtt': ['Conn', 'Arn'] },
            HttpMethod: 'POST',
            InvocationEndpoint: { 'Fn::Join': ['', ['https://runtime.sagemaker.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/endpoints/llm/invocations']] },
          },
        },
        Flow: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            RoleArn: 'arn:aws:iam::111122223333:role/sfn',
            Definition: {
              StartAt: 'Call',
              States: {
                Call: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::http:invoke',
                  Parameters: { ApiEndpoint: { 'Fn::Sub': 'https://bedrock-runtime.${AWS::Region}.amazonaws.com/model/m/invoke' }, Method: 'POST' },
                  End: true,
                },
              },
            },
          },
        },
        Partner: {
          Type: 'AWS::Events::ApiDestination',
          Properties: { ConnectionArn: 'arn:aws:events:eu-west-1:111122223333:connection/p', HttpMethod: 'POST', InvocationEndpoint: 'https://api.partner.example.com/hook' },
        },
        AzureModel: {
          Type: 'AWS::AppSync::DataSource',
          Properties: { ApiId: 'api', Name: 'azure', Type: 'HTTP', HttpConfig: { Endpoint: 'https://oai-agents.openai.azure.com' } },
        },
        AgentCore: {
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'HTTP_PROXY', IntegrationUri: { 'Fn::Sub': 'https://bedrock-agentcore.${AWS::Region}.${AWS::URLSuffix}/runtimes' } },
        },
      }),
    );
    expect(byRule(report, RULE).map((f) => `${f.resource}: ${f.message.replace(/; stateless inference must be served only from Azure$/, '')}`)).toEqual([
      'AppSyncHttp: AppSync HTTP data source calls the bedrock-runtime model runtime endpoint',
      'Destination: EventBridge API destination calls the runtime.sagemaker model runtime endpoint',
      'Flow: state machine HTTP task calls the bedrock-runtime model runtime endpoint (inference on AWS)',
      'HttpIntegration: API integration forwards to the bedrock model runtime',
      'RestMethod: API integration forwards to the bedrock model runtime',
    ]);
  });

  it('Terraform: interpolation with variables, locals and data sources', async () => {
    const report = await checkOne('tf-hcl', `
      data "aws_region" "current" {}
      variable "region" {
        default = "eu-central-1"
      }
      locals {
        runtime = "bedrock-runtime"
      }
      resource "aws_apigatewayv2_integration" "converse" {
        api_id             = aws_apigatewayv2_api.http.id
        integration_type   = "HTTP_PROXY"
        integration_method = "POST"
        integration_uri    = "https://bedrock.\${data.aws_region.current.name}.amazonaws.com/model/m/converse"
      }
      resource "aws_cloudwatch_event_api_destination" "llm" {
        name                = "llm"
        connection_arn      = aws_cloudwatch_event_connection.c.arn
        http_method         = "POST"
        invocation_endpoint = "https://\${local.runtime}.\${var.region}.amazonaws.com/model/m/invoke"
      }
      resource "aws_appsync_datasource" "http" {
        api_id = "api"
        name   = "partner"
        type   = "HTTP"
        http_config {
          endpoint = "https://api.partner.example.com"
        }
      }
    `);
    expect(byRule(report, RULE).map((f) => f.resource)).toEqual(['aws_apigatewayv2_integration.converse', 'aws_cloudwatch_event_api_destination.llm']);
  });

  it('renders Fn::Join and Fn::Sub (with and without variables) to what CloudFormation will build', () => {
    expect(renderEndpointText({ 'Fn::Join': ['.', ['https://bedrock', { Ref: 'AWS::Region' }, { Ref: 'AWS::URLSuffix' }]] })).toBe('https://bedrock.${AWS::Region}.${AWS::URLSuffix}');
    expect(renderEndpointText({ 'Fn::Sub': ['https://${S}.${AWS::Region}.amazonaws.com', { S: { 'Fn::If': ['Fips', 'bedrock-fips', 'bedrock'] } }] })).toBe(
      'https://bedrock-fips bedrock.${AWS::Region}.amazonaws.com',
    );
    expect(modelRuntimeOf({ 'Fn::Sub': 'https://bedrock-fips.${AWS::Region}.${AWS::URLSuffix}' })).toBe('bedrock-fips');
    expect(modelRuntimeOf('https://bedrock-agentcore.eu-central-1.amazonaws.com')).toBeUndefined();
  });
});
