/**
 * A generated, realistic mix of ~20,000 resources (IAM, Lambda, ECS, VPC, AgentCore, Azure) in
 * CloudFormation and Terraform JSON files, for the performance test.
 */
import * as fs from 'fs';
import * as path from 'path';

const policyDoc = (i: number) => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], Resource: { 'Fn::GetAtt': [`Table${i}`, 'Arn'] } },
    { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
    { Effect: 'Allow', Action: ['bedrock-agentcore:InvokeAgentRuntime'], Resource: '*' },
  ],
});

function cfnResource(i: number): [string, object] {
  switch (i % 8) {
    case 0:
      return [`Policy${i}`, { Type: 'AWS::IAM::Policy', Properties: { PolicyName: `p${i}`, PolicyDocument: policyDoc(i), Roles: [{ Ref: `Role${i}` }] } }];
    case 1:
      return [`Role${i}`, { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: policyDoc(i), ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] }] } }];
    case 2:
      return [`Fn${i}`, { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.12', Handler: 'index.handler', Code: { S3Bucket: 'b', S3Key: `k${i}.zip` }, Environment: { Variables: { TABLE: { Ref: `Table${i}` }, LOG_LEVEL: 'INFO', API_TOKEN: '{{resolve:secretsmanager:tok}}' } } } }];
    case 3:
      return [`Task${i}`, { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app', Image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:${i}`, Environment: [{ Name: 'MODE', Value: 'prod' }], PortMappings: [{ ContainerPort: 8080 }] }] } }];
    case 4:
      return [`Subnet${i}`, { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24', Tags: [{ Key: 'Name', Value: `subnet-${i}` }] } }];
    case 5:
      return [`Table${i}`, { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] } }];
    case 6:
      return [`Runtime${i}`, { Type: 'AWS::BedrockAgentCore::Runtime', Properties: { AgentRuntimeName: `a${i}`, NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { Subnets: [{ Ref: `Subnet${i}` }] } }, EnvironmentVariables: { MODEL_ENDPOINT: 'https://oai.openai.azure.com' } } }];
    default:
      return [`Sg${i}`, { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'sg', SecurityGroupEgress: [{ CidrIp: '10.0.0.0/8', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }] } }];
  }
}

function tfResource(i: number): [string, string, object] {
  switch (i % 5) {
    case 0:
      return ['azurerm_cognitive_account', `oai${i}`, { name: `oai-${i}`, kind: 'OpenAI', sku_name: 'S0', public_network_access_enabled: false, local_auth_enabled: false, '//': { metadata: { path: `s/oai${i}` } } }];
    case 1:
      return ['azurerm_cognitive_deployment', `dep${i}`, { name: 'gpt', cognitive_account_id: `\${azurerm_cognitive_account.oai${i - 1}.id}`, model: { format: 'OpenAI', name: 'gpt-4.1', version: '2025-04-14' }, sku: { name: 'DataZoneStandard', capacity: 10 } }];
    case 2:
      return ['azurerm_subnet', `sn${i}`, { name: `sn-${i}`, address_prefixes: ['10.1.0.0/24'], virtual_network_name: '${azurerm_virtual_network.hub.name}' }];
    case 3:
      return ['azurerm_private_endpoint', `pe${i}`, { name: `pe-${i}`, subnet_id: `\${azurerm_subnet.sn${i - 1}.id}`, private_service_connection: { name: 'c', subresource_names: ['account'], is_manual_connection: false } }];
    default:
      return ['azurerm_role_assignment', `ra${i}`, { scope: '${azurerm_resource_group.rg.id}', role_definition_name: 'Cognitive Services OpenAI User', principal_id: '${var.principal}' }];
  }
}

/** Writes the fixture under `dir`; returns the CloudFormation and Terraform file lists. */
export function writePerfFixture(dir: string, total = 20_000): { templates: string[]; terraform: string[] } {
  const templates: string[] = [];
  const terraform: string[] = [];
  const cfnCount = Math.round(total * 0.6);
  for (let f = 0; f < 8; f++) {
    const resources: Record<string, object> = {};
    for (let i = f; i < cfnCount; i += 8) {
      const [id, r] = cfnResource(i);
      resources[id] = r;
    }
    const file = path.join(dir, `stack${f}.template.json`);
    fs.writeFileSync(file, JSON.stringify({ Resources: resources }, null, 1));
    templates.push(file);
  }
  for (let f = 0; f < 4; f++) {
    const resource: Record<string, Record<string, object>> = {};
    for (let i = f; i < total - cfnCount; i += 4) {
      const [type, name, body] = tfResource(i);
      (resource[type] ??= {})[name] = body;
    }
    const file = path.join(dir, `azure${f}.tf.json`);
    fs.writeFileSync(file, JSON.stringify({ resource }, null, 1));
    terraform.push(file);
  }
  return { templates, terraform };
}
