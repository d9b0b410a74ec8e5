/**
 * The jest matchers of `stateline/jest` on what CDK and CDKTF tests hold: aws-cdk-lib's
 * `Template.fromStack(stack)` and cdktf's `Testing.synth(stack)`. Failures list the findings.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { TerraformStack, Testing } from 'cdktf';
import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import '../../lib/api/jest';
import { placementDocument } from '../../lib/api/jest';

function agentStack(extra?: (s: Stack) => void): Stack {
  const stack = new Stack(new App(), 'Agents');
  new iam.Role(stack, 'AgentRole', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
  extra?.(stack);
  return stack;
}

function servingStack(publicNetworkAccessEnabled: boolean): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'serving');
  new CognitiveAccount(stack, 'ai', {
    name: 'acme-ai', location: 'swedencentral', resourceGroupName: 'rg-serving', kind: 'AIServices', skuName: 'S0',
    customSubdomainName: 'acme-ai', publicNetworkAccessEnabled, localAuthEnabled: false,
  });
  return stack;
}

describe('toSatisfyPlacement', () => {
  test('passes on a clean agent stack and a private serving stack', () => {
    expect(Template.fromStack(agentStack())).toSatisfyPlacement();
    expect(Testing.synth(servingStack(false))).toSatisfyPlacement();
  });

  test('fails on a SageMaker endpoint and a model-invocation grant, listing each finding (not a dump)', () => {
    const stack = agentStack((s) => {
      new sagemaker.CfnEndpoint(s, 'LlamaEndpoint', { endpointConfigName: 'llama-serverless' });
      (s.node.findChild('AgentRole') as iam.Role).addToPolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: ['*'] }));
    });
    let message = '';
    try {
      expect(Template.fromStack(stack)).toSatisfyPlacement();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^expected no placement errors, found 2 errors in \d+ resources:/);
    expect(message).toMatch(/error placement\/stateless-endpoint-outside-azure: LlamaEndpoint \(AWS::SageMaker::Endpoint\) in template: /);
    expect(message).toMatch(/error placement\/model-invocation-outside-azure: AgentRoleDefaultPolicy\w+ \(AWS::IAM::Policy\)/);
    expect(message).not.toMatch(/"Resources"/);
    expect(Template.fromStack(stack)).not.toSatisfyPlacement();
    expect(() => expect(Template.fromStack(stack)).toSatisfyPlacement({ name: 'Agents' })).toThrow(/LlamaEndpoint \(AWS::SageMaker::Endpoint\) in Agents:/);
  });

  test('fails on a public Azure OpenAI endpoint; a suppression with a reason lets it pass', () => {
    const tf = Testing.synth(servingStack(true));
    expect(() => expect(tf).toSatisfyPlacement()).toThrow(/privacy\/public-serving-endpoint: azurerm_cognitive_account\.ai/);
    expect(tf).toSatisfyPlacement({ suppressions: [{ rule: 'privacy/public-serving-endpoint', resource: 'azurerm_cognitive_account.ai', reason: 'sandbox, no data' }] });
  });

  test('recognizes what it receives, and says what it expected otherwise', () => {
    expect(placementDocument(Template.fromStack(agentStack()))).toMatchObject({ name: 'template' });
    expect(placementDocument(Testing.synth(servingStack(false)), 'serving')).toMatchObject({ name: 'serving' });
    expect(() => expect('not json').toSatisfyPlacement()).toThrow(/not JSON/);
    expect(() => expect({ foo: 1 }).toSatisfyPlacement()).toThrow(/expected a CloudFormation template .* or Terraform JSON/);
  });
});

describe('toMatchPlacementSnapshot', () => {
  test('pins the placement classification of a stack', () => {
    const stack = agentStack((s) => new sagemaker.CfnEndpoint(s, 'LlamaEndpoint', { endpointConfigName: 'llama-serverless' }));
    expect(Template.fromStack(stack)).toMatchPlacementSnapshot();
    expect(Testing.synth(servingStack(false))).toMatchPlacementSnapshot('serving');
  });
});
