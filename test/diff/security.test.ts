/**
 * Security classification by what a change does: for every kind, a change that is
 * security-relevant and one that is not, on minimal raw CloudFormation / Terraform JSON.
 */
import { diffCloudFormation } from '../../lib/diff/cloudformation';
import type { ResourceChange } from '../../lib/diff/model';
import { SECURITY_KINDS } from '../../lib/diff/security';
import { diffTerraform } from '../../lib/diff/terraform';

const cfn = (resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>) => ({ Resources: resources });
const tf = (resources: Record<string, Record<string, Record<string, unknown>>>) => ({ resource: resources });

/** The one change between two single-resource CloudFormation templates. */
function awsChange(type: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): ResourceChange | undefined {
  const t = (p?: Record<string, unknown>) => (p ? cfn({ R: { Type: type, Properties: p } }) : cfn({}));
  const { changes } = diffCloudFormation(t(before), t(after));
  expect(changes.length).toBeLessThanOrEqual(1);
  return changes[0];
}

function azureChange(type: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): ResourceChange | undefined {
  const t = (p?: Record<string, unknown>) => tf(p ? { [type]: { r: p } } : {});
  const changes = diffTerraform(t(before), t(after));
  expect(changes.length).toBeLessThanOrEqual(1);
  return changes[0];
}

const ref = (id: string) => ({ Ref: id });
const endpoint = (subnets: string[]) => ({ VpcId: ref('Vpc'), ServiceName: 'com.amazonaws.eu-central-1.kms', VpcEndpointType: 'Interface', SubnetIds: subnets.map(ref), SecurityGroupIds: [ref('Sg')] });
const sg = (ingress: Record<string, unknown>[]) => ({ GroupDescription: 'agent', VpcId: ref('Vpc'), SecurityGroupIngress: ingress });
const https = (cidr: string) => ({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: cidr, Description: 'HTTPS' });
const policy = (statements: Record<string, unknown>[]) => ({ PolicyName: 'p', Roles: [ref('Role')], PolicyDocument: { Version: '2012-10-17', Statement: statements } });
const allow = (actions: string[], resource = '*') => ({ Effect: 'Allow', Action: actions, Resource: resource });
const account = (props: Record<string, unknown>) => ({ name: 'ais-x', location: 'swedencentral', resource_group_name: 'rg', kind: 'AIServices', sku_name: 'S0', custom_subdomain_name: 'x-ai', ...props });
const rule = (ips: string[]) => ({ DomainName: 'openai.azure.com', RuleType: 'FORWARD', ResolverEndpointId: ref('Out'), TargetIps: ips.map((Ip) => ({ Ip, Port: '53' })) });

const reasons = (c: ResourceChange | undefined) => c?.securityReasons ?? [];

describe('security classification: one positive and one negative case per kind', () => {
  test('every kind is documented and covered here', () => {
    expect(SECURITY_KINDS.map((k) => k.id)).toEqual(['network-placement', 'network-rules', 'iam', 'public-access', 'keys-secrets', 'dns']);
    for (const k of SECURITY_KINDS) expect(k.security.length && k.notSecurity.length).toBeGreaterThan(20);
  });

  describe('network placement', () => {
    test('adding a subnet to a VPC endpoint is security-relevant', () => {
      const c = awsChange('AWS::EC2::VPCEndpoint', endpoint(['S1', 'S2']), endpoint(['S1', 'S2', 'S3']));
      expect(c).toMatchObject({ kind: 'update', security: true });
      expect(reasons(c)).toEqual(['network placement: adds {"Ref":"S3"} to SubnetIds']);
    });
    test('removing a subnet from a VPC endpoint is not; reordering its subnets is no change at all', () => {
      expect(awsChange('AWS::EC2::VPCEndpoint', endpoint(['S1', 'S2', 'S3']), endpoint(['S1', 'S2']))).toMatchObject({ kind: 'update', security: false });
      expect(awsChange('AWS::EC2::VPCEndpoint', endpoint(['S1', 'S2']), endpoint(['S2', 'S1']))).toBeUndefined();
    });
  });

  describe('network rules', () => {
    test('a new ingress rule, or a wider CIDR on an existing one, is security-relevant', () => {
      expect(reasons(awsChange('AWS::EC2::SecurityGroup', sg([]), sg([https('0.0.0.0/0')])))).toEqual([expect.stringMatching(/^network rules: opens SecurityGroupIngress: .*0\.0\.0\.0\/0/)]);
      expect(reasons(awsChange('AWS::EC2::SecurityGroup', sg([https('10.0.0.0/24')]), sg([https('10.0.0.0/16')])))).toEqual([expect.stringMatching(/^network rules: opens SecurityGroupIngress\[0\]\.CidrIp: "10.0.0.0\/24" -> "10.0.0.0\/16"/)]);
      expect(azureChange('azurerm_network_security_rule', undefined, { name: 'in', access: 'Allow', direction: 'Inbound', source_address_prefix: '*', destination_port_range: '22' })?.security).toBe(true);
    });
    test('a removed or narrower rule, a new deny rule, or a description change is not', () => {
      expect(awsChange('AWS::EC2::SecurityGroup', sg([https('10.0.0.0/16')]), sg([]))?.security).toBe(false);
      expect(awsChange('AWS::EC2::SecurityGroup', sg([https('10.0.0.0/16')]), sg([https('10.0.1.0/24')]))?.security).toBe(false);
      expect(awsChange('AWS::EC2::SecurityGroup', sg([https('10.0.0.0/16')]), sg([{ ...https('10.0.0.0/16'), Description: 'HTTPS to Azure' }]))?.security).toBe(false);
      expect(azureChange('azurerm_network_security_rule', undefined, { name: 'deny', access: 'Deny', direction: 'Inbound', source_address_prefix: '*', destination_port_range: '*' })?.security).toBe(false);
    });
  });

  describe('IAM', () => {
    test('a new action, a removed Deny or an Azure role assignment is security-relevant', () => {
      expect(reasons(awsChange('AWS::IAM::Policy', policy([allow(['s3:GetObject'])]), policy([allow(['s3:GetObject', 's3:PutObject'])]))))
        .toEqual(['IAM: adds "s3:PutObject" to PolicyDocument.Statement[0].Action']);
      const deny = { Effect: 'Deny', Action: ['bedrock:InvokeModel'], Resource: '*' };
      expect(reasons(awsChange('AWS::IAM::ManagedPolicy', { PolicyDocument: { Statement: [deny, allow(['logs:PutLogEvents'])] } }, { PolicyDocument: { Statement: [allow(['logs:PutLogEvents'])] } })))
        .toEqual([expect.stringMatching(/^IAM: removes Deny \["bedrock:InvokeModel"\]/)]);
      expect(azureChange('azurerm_role_assignment', undefined, { scope: '/subscriptions/x', role_definition_name: 'Owner', principal_id: 'p' })?.securityReasons).toEqual(['IAM: assigns "Owner" on "/subscriptions/x"']);
    });
    test('removing an action or an Allow statement, or removing a role assignment, is not', () => {
      expect(awsChange('AWS::IAM::Policy', policy([allow(['s3:GetObject', 's3:PutObject'])]), policy([allow(['s3:GetObject'])]))?.security).toBe(false);
      expect(awsChange('AWS::IAM::Policy', policy([allow(['s3:GetObject']), allow(['logs:PutLogEvents'])]), policy([allow(['logs:PutLogEvents'])]))?.security).toBe(false);
      expect(azureChange('azurerm_role_assignment', { scope: '/subscriptions/x', role_definition_name: 'Owner', principal_id: 'p' }, undefined)?.security).toBe(false);
      // Statement order means nothing to IAM: a reorder is no change.
      expect(awsChange('AWS::IAM::Policy', policy([allow(['a:A']), allow(['b:B'])]), policy([allow(['b:B']), allow(['a:A'])]))).toBeUndefined();
    });
  });

  describe('public access', () => {
    test('turning public network access on, or a PUBLIC agent runtime, is security-relevant', () => {
      expect(reasons(azureChange('azurerm_cognitive_account', account({ public_network_access_enabled: false }), account({ public_network_access_enabled: true }))))
        .toEqual(['public access: enables public network access (public_network_access_enabled: false -> true)']);
      const runtime = (mode: string) => ({ AgentRuntimeName: 'a', RoleArn: 'arn', AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: 'x' } }, NetworkConfiguration: { NetworkMode: mode } });
      expect(reasons(awsChange('AWS::BedrockAgentCore::Runtime', runtime('VPC'), runtime('PUBLIC')))).toEqual([expect.stringMatching(/^public access: enables a public network mode/)]);
    });
    test('turning it off, or moving a runtime into a VPC, is not', () => {
      expect(azureChange('azurerm_cognitive_account', account({ public_network_access_enabled: true }), account({ public_network_access_enabled: false }))?.security).toBe(false);
      const runtime = (mode: string) => ({ AgentRuntimeName: 'a', NetworkConfiguration: { NetworkMode: mode } });
      expect(awsChange('AWS::BedrockAgentCore::Runtime', runtime('PUBLIC'), runtime('VPC'))?.security).toBe(false);
    });
  });

  describe('keys and secrets', () => {
    test('changing a key policy, or the key a log group is encrypted with, is security-relevant', () => {
      const key = (rotation: boolean) => ({ EnableKeyRotation: rotation, KeyPolicy: { Statement: [allow(['kms:*'])] } });
      expect(reasons(awsChange('AWS::KMS::Key', key(true), key(false)))).toEqual(['keys and secrets: changes AWS::KMS::Key: EnableKeyRotation']);
      expect(reasons(awsChange('AWS::Logs::LogGroup', { RetentionInDays: 30, KmsKeyArn: 'arn:a' }, { RetentionInDays: 30, KmsKeyArn: 'arn:b' }))).toEqual(['keys and secrets: changes KmsKeyArn (KmsKeyArn)']);
    });
    test('a tag-only change on a key, or a non-key setting, is not', () => {
      const key = (env: string) => ({ EnableKeyRotation: true, Tags: [{ Key: 'env', Value: env }] });
      expect(awsChange('AWS::KMS::Key', key('dev'), key('prod'))?.security).toBe(false);
      expect(awsChange('AWS::Logs::LogGroup', { RetentionInDays: 30, KmsKeyArn: 'arn:a' }, { RetentionInDays: 90, KmsKeyArn: 'arn:a' })?.security).toBe(false);
    });
  });

  describe('DNS', () => {
    test('pointing a forwarding rule at a new target, or unblocking a domain, is security-relevant', () => {
      expect(reasons(awsChange('AWS::Route53Resolver::ResolverRule', rule(['10.100.0.36']), rule(['10.100.0.36', '203.0.113.9']))))
        .toEqual(['DNS: points TargetIps at {"Ip":"203.0.113.9","Port":"53"}']);
      const list = (domains: string[]) => ({ Name: 'model-endpoints', Domains: domains });
      expect(reasons(awsChange('AWS::Route53Resolver::FirewallDomainList', list(['bedrock-runtime.eu-central-1.amazonaws.com', 'runtime.sagemaker.eu-central-1.amazonaws.com']), list(['runtime.sagemaker.eu-central-1.amazonaws.com']))))
        .toEqual(['DNS: stops blocking "bedrock-runtime.eu-central-1.amazonaws.com" (Domains)']);
    });
    test('removing a forwarding target, or blocking one more domain, is not', () => {
      expect(awsChange('AWS::Route53Resolver::ResolverRule', rule(['10.100.0.36', '10.100.0.37']), rule(['10.100.0.36']))?.security).toBe(false);
      const list = (domains: string[]) => ({ Name: 'model-endpoints', Domains: domains });
      expect(awsChange('AWS::Route53Resolver::FirewallDomainList', list(['a.example']), list(['a.example', 'b.example']))?.security).toBe(false);
    });
  });
});
