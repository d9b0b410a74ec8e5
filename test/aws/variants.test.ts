/**
 * Composition on a non-default topology (synthesized once): transit gateway, two agents,
 * self-managed long-term memory, DNS firewall off.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { Derived } from '../../lib/topology/derive';
import { deriveFrom, rawDefault } from '../helpers';
import { idsOf, modelInvocationGrants, synthVariant } from './support';

let derived: Derived;
let t: Template;
let json: any;

beforeAll(() => {
  const raw = rawDefault();
  raw.aws.vpnGateway = 'tgw';
  raw.link = { dnsFirewall: false };
  raw.aws.agents[0].memory = { eventExpiryDays: 90, longTerm: 'self-managed' };
  raw.aws.agents.push({ name: 'billing_agent', image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/billing-agent@sha256:' + 'a'.repeat(64), protocol: 'MCP' });
  derived = deriveFrom(raw);
  t = synthVariant(derived);
  json = t.toJSON();
});

const resourcesOf = (type: string) => Object.entries<any>(json.Resources).filter(([, r]) => r.Type === type);

test('transit gateway: Amazon-side ASN, ECMP, VPC attachment on the private subnets; no VGW', () => {
  t.resourceCountIs('AWS::EC2::VPNGateway', 0);
  t.hasResourceProperties('AWS::EC2::TransitGateway', { AmazonSideAsn: 64512, VpnEcmpSupport: 'enable', DefaultRouteTablePropagation: 'enable' });
  t.hasResourceProperties('AWS::EC2::TransitGatewayVpcAttachment', { SubnetIds: idsOf(json, 'AWS::EC2::Subnet').map((id) => ({ Ref: id })) });
  const tgw = idsOf(json, 'AWS::EC2::TransitGateway')[0];
  for (const [, c] of resourcesOf('AWS::EC2::VPNConnection')) {
    expect(c.Properties.TransitGatewayId).toEqual({ 'Fn::GetAtt': [tgw, 'Id'] });
    expect(c.Properties.VpnGatewayId).toBeUndefined();
  }
});

test('transit gateway: a static route per private route table and Azure address space', () => {
  const routes = resourcesOf('AWS::EC2::Route').map(([, r]) => r.Properties);
  const spaces = [derived.hub.addressSpace, ...derived.serving.map((s) => s.addressSpace)];
  expect(routes).toHaveLength(2 * spaces.length);
  expect([...new Set(routes.map((r) => r.DestinationCidrBlock))].sort()).toEqual([...spaces].sort());
  for (const r of routes) expect(Object.keys(r.TransitGatewayId)).toEqual(['Fn::GetAtt']);
});

test('each agent gets its own runtime, security group, memory and partition', () => {
  t.resourceCountIs('AWS::BedrockAgentCore::Runtime', 2);
  t.resourceCountIs('AWS::BedrockAgentCore::Memory', 2);
  const runtimes = resourcesOf('AWS::BedrockAgentCore::Runtime').map(([, r]) => r.Properties);
  expect(new Set(runtimes.map((r) => JSON.stringify(r.NetworkConfiguration.NetworkModeConfig.SecurityGroups))).size).toBe(2);
  expect(runtimes.map((r) => r.ProtocolConfiguration)).toEqual(['HTTP', 'MCP']);
  expect(runtimes[1].AgentRuntimeArtifact.ContainerConfiguration.ContainerUri).toMatch(/@sha256:a{64}$/);
  const leading = resourcesOf('AWS::IAM::Policy').flatMap(([, r]) => r.Properties.PolicyDocument.Statement)
    .map((st: any) => st.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).filter(Boolean);
  expect(leading).toEqual([['support_agent#*'], ['billing_agent#*']]);
});

test('self-managed long-term memory: payload bucket + topic, no model anywhere in the strategy', () => {
  const memories = resourcesOf('AWS::BedrockAgentCore::Memory').map(([, r]) => r.Properties);
  const [selfManaged, shortTerm] = memories;
  expect(shortTerm.MemoryStrategies).toBeUndefined();
  expect(selfManaged.EventExpiryDuration).toBe(90);
  expect(selfManaged.MemoryStrategies).toHaveLength(1);
  const strategy = selfManaged.MemoryStrategies[0];
  expect(Object.keys(strategy)).toEqual(['CustomMemoryStrategy']);
  expect(strategy.CustomMemoryStrategy.Configuration.SelfManagedConfiguration.InvocationConfiguration).toEqual({
    TopicArn: { Ref: expect.stringMatching(/^AgentssupportagentMemoryPayloadTopic/) },
    PayloadDeliveryBucketName: { Ref: expect.stringMatching(/^AgentssupportagentMemoryPayloadBucket/) },
  });
  const keys: string[] = [];
  JSON.stringify(strategy, (k, v) => { keys.push(k); return v; });
  expect(keys.filter((k) => /model|prompt|override/i.test(k))).toEqual([]);
  t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysData'), 'Arn'] } });
  expect(modelInvocationGrants(json)).toEqual([]);
});

test('dnsFirewall: false leaves the firewall out and the forwarding in', () => {
  t.resourceCountIs('AWS::Route53Resolver::FirewallRuleGroup', 0);
  t.resourceCountIs('AWS::Route53Resolver::FirewallDomainList', 0);
  t.resourceCountIs('AWS::Route53Resolver::ResolverEndpoint', 1);
});
