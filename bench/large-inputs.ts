/**
 * Synthetic large inputs: ~20,000 resources across CloudFormation and Terraform JSON files
 * (for `check`), and two ~5,000-resource output directories (for `diff`). Deterministic.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writePerfFixture } from './check-fixture';

function cfnResources(n: number, seed: number): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const k = (i + seed) % 5;
    const id = `Res${seed}x${i}`;
    if (k === 0) r[id] = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: `arn:aws:dynamodb:eu-central-1:123456789012:table/t${i}` }] } }] } };
    else if (k === 1) r[id] = { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] }, Tags: [{ Key: 'n', Value: String(i) }] } };
    else if (k === 2) r[id] = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler=async()=>1' }, Environment: { Variables: { TABLE: `t${i}`, MODE: 'x' } } } };
    else if (k === 3) r[id] = { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'sg', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } };
    else r[id] = { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] } };
  }
  return r;
}

function tfResources(n: number, seed: number): Record<string, Record<string, unknown>> {
  const r: Record<string, Record<string, unknown>> = {};
  const put = (type: string, name: string, body: unknown) => { (r[type] ??= {})[name] = body; };
  for (let i = 0; i < n; i++) {
    const k = (i + seed) % 5;
    const name = `r${seed}_${i}`;
    if (k === 0) put('azurerm_cognitive_account', name, { name, location: 'swedencentral', resource_group_name: 'rg', kind: 'AIServices', sku_name: 'S0', custom_subdomain_name: name, public_network_access_enabled: false, local_auth_enabled: false, tags: { n: String(i) } });
    else if (k === 1) put('azurerm_subnet', name, { name, resource_group_name: 'rg', virtual_network_name: 'vnet', address_prefixes: [`10.${i % 250}.0.0/24`] });
    else if (k === 2) put('aws_iam_policy', name, { name, policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] }) });
    else if (k === 3) put('azurerm_kubernetes_cluster_node_pool', name, { name: `p${i % 1000}`, kubernetes_cluster_id: '${azurerm_kubernetes_cluster.a.id}', vm_size: 'Standard_NC24ads_A100_v4', node_public_ip_enabled: false, node_taints: ['nvidia.com/gpu=present:NoSchedule'] });
    else put('azurerm_private_endpoint', name, { name, location: 'swedencentral', resource_group_name: 'rg', subnet_id: '${azurerm_subnet.pe.id}', private_service_connection: [{ name: 'c', is_manual_connection: false, subresource_names: ['account'], private_connection_resource_id: '${azurerm_cognitive_account.a.id}' }] });
  }
  return r;
}

function writeOutputs(dir: string, stacks: number, perStack: number, changed: boolean): void {
  const cdk = path.join(dir, 'cdk.out');
  const tf = path.join(dir, 'cdktf.out');
  fs.mkdirSync(cdk, { recursive: true });
  const artifacts: Record<string, unknown> = {};
  const tfStacks: Record<string, unknown> = {};
  for (let s = 0; s < stacks; s++) {
    const Resources = cfnResources(perStack, s) as Record<string, { Properties: Record<string, unknown> }>;
    if (changed) Object.values(Resources).forEach((r, i) => { if (i % 20 === 0) r.Properties = { ...r.Properties, Description: 'changed' }; });
    fs.writeFileSync(path.join(cdk, `S${s}.template.json`), JSON.stringify({ Resources }));
    artifacts[`S${s}`] = { type: 'aws:cloudformation:stack', properties: { templateFile: `S${s}.template.json` } };
    const resource = tfResources(perStack, s);
    if (changed) Object.values(resource).forEach((byName) => Object.values(byName).forEach((b, i) => { if (i % 20 === 0) (b as Record<string, unknown>).tags = { changed: 'yes' }; }));
    fs.mkdirSync(path.join(tf, 'stacks', `t${s}`), { recursive: true });
    fs.writeFileSync(path.join(tf, 'stacks', `t${s}`, 'cdk.tf.json'), JSON.stringify({ resource }));
    tfStacks[`t${s}`] = { synthesizedStackPath: `stacks/t${s}/cdk.tf.json` };
  }
  fs.writeFileSync(path.join(cdk, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts }));
  fs.writeFileSync(path.join(tf, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: tfStacks }));
}

export function generateLargeInputs(work: string) {
  const checkDir = path.join(work, 'large-check');
  fs.mkdirSync(checkDir, { recursive: true });
  // A realistic mix (IAM, Lambda, ECS, VPC, AgentCore, Azure) across CloudFormation and Terraform JSON.
  const { templates, terraform } = writePerfFixture(checkDir, 20000);
  const checkFiles = [...templates, ...terraform];
  const diffBefore = path.join(work, 'large-diff-before');
  const diffAfter = path.join(work, 'large-diff-after');
  writeOutputs(diffBefore, 5, 500, false);
  writeOutputs(diffAfter, 5, 500, true);
  return { checkDirs: [checkDir], checkFiles, checkResources: 20000, diffBefore, diffAfter, diffResources: 5000 };
}
