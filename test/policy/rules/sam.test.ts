/**
 * SAM (`Transform: AWS::Serverless-2016-10-31`) resources: function and state machine `Policies`
 * in every form, state machine definitions, API definition bodies, image functions, events on an
 * API that routes inference, and `Globals`.
 */
import { runCheck } from '../../../lib/policy';
import { byRule, checkOne, flagged, writeFiles } from '../helpers';

const INVOKE = 'placement/model-invocation-outside-azure';
const SERVE = 'placement/stateless-endpoint-outside-azure';

describe('SAM function and state machine Policies', () => {
  it('flags bare managed policy names, ARNs, inline documents (incl. NotAction) and granting templates in YAML', async () => {
    const report = await checkOne('cfn-yaml', `
Transform: AWS::Serverless-2016-10-31
Resources:
  BareString:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: app.handler, CodeUri: src/, Policies: AmazonBedrockFullAccess }
  MixedList:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - AWSLambdaBasicExecutionRole
        - SQSPollerPolicy: { QueueName: !GetAtt Queue.QueueName }
        - AmazonSageMakerFullAccess
  Admin:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: app.handler, CodeUri: src/, Policies: [AdministratorAccess] }
  PowerUserArn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/PowerUserAccess"]
  Inline:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: ["bedrock:InvokeModel", "bedrock:Converse*"]
              Resource: "*"
  InlineSingle:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        Version: "2012-10-17"
        Statement: { Effect: Allow, NotAction: ["iam:*"], Resource: "*" }
  Template:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - SageMakerCreateEndpointPolicy: { EndpointName: e }
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
      Policies:
        - Statement: [{ Effect: Allow, NotAction: "s3:*", Resource: "*" }]
  Safe:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - AWSLambdaBasicExecutionRole
        - arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess
        - DynamoDBCrudPolicy: { TableName: !Ref Table }
        - SQSPollerPolicy: { QueueName: q }
        - UnknownFuturePolicy: {}
        - Statement:
            - Effect: Allow
              Action: ["bedrock-agentcore:InvokeAgentRuntime", "dynamodb:GetItem"]
              Resource: "*"
            - Effect: Allow
              NotAction: ["bedrock:*", "bedrock-mantle:*", "sagemaker:*"]
              Resource: "*"
            - Effect: Deny
              Action: "bedrock:*"
              Resource: "*"
  SafeFlow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
      Policies: [LambdaInvokePolicy: { FunctionName: f }]
`);
    expect(flagged(report, INVOKE).sort()).toEqual(['Admin', 'BareString', 'Flow', 'Inline', 'InlineSingle', 'MixedList', 'PowerUserArn', 'Template']);
    const msg = (id: string) => byRule(report, INVOKE).find((f) => f.resource === id)?.message;
    expect(msg('BareString')).toMatch(/AWS managed policy AmazonBedrockFullAccess/);
    expect(msg('MixedList')).toMatch(/AmazonSageMakerFullAccess/);
    expect(msg('Inline')).toMatch(/Policies\[0\] allows bedrock:InvokeModel/);
    expect(msg('InlineSingle')).toMatch(/via "NotAction \[iam:\*\]"/);
    expect(msg('Template')).toMatch(/SAM policy template SageMakerCreateEndpointPolicy\) allows sagemaker:CreateEndpoint/);
    expect(msg('Flow')).toMatch(/NotAction \[s3:\*\]/);
  });

  it('reads SAM Policies in CloudFormation JSON, Fn::If branches and JSON documents in Fn::Sub', async () => {
    const fn = (Policies: unknown) => ({ Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'i.h', CodeUri: 's/', Policies } });
    const report = await checkOne('cfn-json', {
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: {
        IfBranch: fn([{ 'Fn::If': ['UseModels', 'AmazonBedrockFullAccess', { Ref: 'AWS::NoValue' }] }]),
        SubDoc: fn([{ 'Fn::Sub': '{"Statement":[{"Effect":"Allow","Action":"bedrock:*","Resource":"arn:${AWS::Partition}:bedrock:*"}]}' }]),
        ParamRef: fn([{ Ref: 'ManagedPolicyArn' }]),
        NameInOtherField: fn(['AWSXrayWriteOnlyAccess']),
      },
    });
    expect(flagged(report, INVOKE).sort()).toEqual(['IfBranch', 'SubDoc']);
  });
});

describe('SAM inference routing and hosting', () => {
  it('flags state machines invoking Bedrock, APIs integrating Bedrock, image functions of model servers, and functions on such APIs', async () => {
    const report = await checkOne('cfn-yaml', `
Transform: AWS::Serverless-2016-10-31
Resources:
  AskFlow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Ask
        States:
          Ask:
            Type: Task
            Resource: arn:aws:states:::bedrock:invokeModel
            Parameters: { ModelId: openai.gpt-oss-120b-1:0 }
            End: true
  LambdaFlow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Run
        States: { Run: { Type: Task, Resource: arn:aws:states:::lambda:invoke, End: true } }
  ModelApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: "3.0.1"
        paths:
          /chat:
            post:
              x-amazon-apigateway-integration:
                type: aws
                httpMethod: POST
                uri: !Sub "arn:aws:apigateway:\${AWS::Region}:bedrock-runtime:path/model/anthropic.claude/invoke"
  PlainApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: "3.0.1"
        paths:
          /items:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Items.Arn}/invocations"
  ModelHttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: "3.0.1"
        paths: {}
        components:
          x-amazon-apigateway-integrations:
            sagemaker:
              type: http_proxy
              uri: https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/e/invocations
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        Chat: { Type: Api, Properties: { RestApiId: !Ref ModelApi, Path: /chat, Method: post } }
  Items:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        List: { Type: Api, Properties: { RestApiId: !Ref PlainApi, Path: /items, Method: get } }
        Implicit: { Type: Api, Properties: { Path: /health, Method: get } }
  Server:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/vllm-openai:v0.6.3
  WebImage:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/agent-tools:1
      ImageConfig: { Command: ["app.handler"] }
`);
    expect(flagged(report, SERVE).sort()).toEqual(['AskFlow', 'Handler', 'ModelApi', 'ModelHttpApi', 'Server']);
    const msg = (id: string) => byRule(report, SERVE).find((f) => f.resource === id)?.message;
    expect(msg('AskFlow')).toMatch(/states:::bedrock:invokeModel/);
    expect(msg('ModelApi')).toMatch(/OpenAPI DefinitionBody routes POST \/chat to the bedrock-runtime model runtime/);
    expect(msg('ModelHttpApi')).toMatch(/integration "sagemaker" forwarding to the runtime\.sagemaker model runtime/);
    expect(msg('Handler')).toMatch(/Api event "Chat" is on API ModelApi/);
    expect(msg('Server')).toMatch(/model server \(vllm-openai\)/);
  });

  it('applies Globals to SAM resources (a setting made globally is checked on each function)', async () => {
    const report = await checkOne('cfn-yaml', `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Environment:
      Variables: { AZURE_OPENAI_KEY: literal-key-1234567 }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Environment:
        Variables: { LOG_LEVEL: INFO }
`);
    expect(byRule(report, 'secrets/plaintext-secret').map((f) => [f.resource, f.message])).toEqual([
      ['Fn', 'Environment.Variables.AZURE_OPENAI_KEY holds a literal secret (19 characters, value masked)'],
    ]);
  });

  it('reads local definition files: state machine DefinitionUri, API DefinitionUri and AWS::Include', async () => {
    const dir = writeFiles({
      'app/template.yaml': `
Transform: AWS::Serverless-2016-10-31
Resources:
  FromFile:
    Type: AWS::Serverless::StateMachine
    Properties: { DefinitionUri: statemachine/ask.asl.json }
  SafeFile:
    Type: AWS::Serverless::StateMachine
    Properties: { DefinitionUri: statemachine/safe.asl.yaml }
  Remote:
    Type: AWS::Serverless::StateMachine
    Properties: { DefinitionUri: s3://bucket/ask.asl.json }
  ApiFromFile:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, DefinitionUri: api/openapi.yaml }
  ApiInclude:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        Fn::Transform: { Name: AWS::Include, Parameters: { Location: api/openapi.yaml } }
`,
      'app/statemachine/ask.asl.json': { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::bedrock:invokeModel', End: true } } },
      'app/statemachine/safe.asl.yaml': 'StartAt: A\nStates:\n  A: { Type: Task, Resource: "arn:aws:states:::dynamodb:getItem", End: true }\n',
      'app/api/openapi.yaml': 'openapi: 3.0.1\npaths:\n  /chat:\n    post:\n      x-amazon-apigateway-integration:\n        type: aws\n        uri: arn:aws:apigateway:eu-west-1:bedrock-runtime:path/model/x/invoke\n',
    });
    const { report } = await runCheck({ templates: ['app/template.yaml'], cwd: dir });
    expect(flagged(report, SERVE).sort()).toEqual(['ApiFromFile', 'ApiInclude', 'FromFile']);
  });
});
