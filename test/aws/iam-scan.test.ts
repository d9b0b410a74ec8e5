/** The model-invocation scanner used on the synthesized template, tested on raw CloudFormation JSON. */
import { actionRegex, modelInvocationGrants } from './support';

const withStatements = (type: string, statements: unknown[]) => ({
  Resources: {
    R: type === 'AWS::IAM::Role'
      ? { Type: type, Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: statements } }] } }
      : { Type: type, Properties: { PolicyDocument: { Statement: statements } } },
  },
});

describe.each(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role'])('%s', (type) => {
  test.each([
    ['bedrock:InvokeModel'],
    ['bedrock:invokemodel'],
    ['bedrock:Invoke*'],
    ['bedrock:*'],
    ['*'],
    ['bedrock-mantle:*'],
    ['sagemaker:Invoke*'],
    ['sagemaker:InvokeEndpoint?sync'],
  ])('flags Allow %s', (action) => {
    expect(modelInvocationGrants(withStatements(type, [{ Effect: 'Allow', Action: action, Resource: '*' }])).length).toBeGreaterThan(0);
  });

  test('flags an Allow NotAction that leaves model invocation in', () => {
    expect(modelInvocationGrants(withStatements(type, [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }])).length).toBeGreaterThan(0);
  });

  test.each([
    [{ Effect: 'Deny', Action: ['bedrock:*', 'sagemaker:InvokeEndpoint*'], Resource: '*' }],
    [{ Effect: 'Allow', Action: ['bedrock-agentcore:*', 's3:GetObject'], Resource: '*' }],
    [{ Effect: 'Allow', Action: 'bedrock:ListFoundationModels', Resource: '*' }],
    [{ Effect: 'Allow', NotAction: ['bedrock:*', 'bedrock-mantle:*', 'sagemaker:*'], Resource: '*' }],
  ])('passes %j', (statement) => {
    expect(modelInvocationGrants(withStatements(type, [statement]))).toEqual([]);
  });
});

test('IAM wildcards: * spans any characters, ? one, matching is case-insensitive', () => {
  expect(actionRegex('bedrock:Invoke*').test('bedrock:InvokeModelWithResponseStream')).toBe(true);
  expect(actionRegex('bedrock:Invoke?odel').test('bedrock:InvokeModel')).toBe(true);
  expect(actionRegex('bedrock-agentcore:*').test('bedrock:InvokeModel')).toBe(false);
  expect(actionRegex('s3:Get.bject').test('s3:GetObject')).toBe(false);
});
