/**
 * Which lists are sets: where the provider ignores element order, a reorder alone is not a
 * change, and elements are compared as a multiset. Everything not listed here is an ordered
 * list (the safe default: a reorder then shows as moved elements, it is never hidden).
 *
 * - Terraform (azurerm): generated from the pinned provider schema, see
 *   `lib/diff/data/azurerm-sets.json` (`npx tsx scripts/gen-list-semantics.ts`).
 * - CloudFormation: array properties whose registry schema says `"insertionOrder": false`
 *   (CloudFormation ignores their order). Source: the CloudFormation registry resource schemas
 *   as vendored in aws-cloudformation/cfn-lint `src/cfnlint/data/schemas/providers/us_east_1/`
 *   (checked 2026-12-01), for the resource types stateline synthesizes and their common
 *   neighbours. A schema without the key (e.g. `AWS::Route53Resolver::ResolverEndpoint`
 *   `IpAddresses`, `AWS::IAM::Policy` `Roles`) keeps order: the schema default is `true`.
 * - IAM policy documents (any resource): `Statement`, and `Action`/`NotAction`/`Resource`/
 *   `NotResource`/principal lists inside a statement, are evaluated regardless of order
 *   (IAM JSON policy reference, "Policy evaluation logic").
 *
 * @see https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html (insertionOrder)
 * @see https://developer.hashicorp.com/terraform/plugin/sdkv2/schemas/schema-types#typeset
 */
import azurermSets from './data/azurerm-sets.json';

/** CloudFormation `insertionOrder: false` array properties, by resource type (dotted paths, no indexes). */
export const CFN_SETS: Readonly<Record<string, readonly string[]>> = {
  'AWS::BedrockAgentCore::Runtime': [
    'NetworkConfiguration.NetworkModeConfig.Subnets', 'NetworkConfiguration.NetworkModeConfig.SecurityGroups',
    'AuthorizerConfiguration.CustomJWTAuthorizer.AllowedAudience', 'AuthorizerConfiguration.CustomJWTAuthorizer.AllowedClients',
  ],
  'AWS::EC2::SecurityGroup': ['SecurityGroupIngress', 'SecurityGroupEgress', 'Tags'],
  'AWS::EC2::TransitGatewayAttachment': ['SubnetIds', 'Tags'],
  'AWS::EC2::TransitGatewayVpcAttachment': ['SubnetIds', 'AddSubnetIds', 'RemoveSubnetIds', 'Tags'],
  'AWS::EC2::VPCEndpoint': ['SubnetIds', 'SecurityGroupIds', 'RouteTableIds'],
  'AWS::EC2::VPNConnection': ['VpnTunnelOptionsSpecifications', 'Tags'],
  'AWS::IAM::ManagedPolicy': ['Groups', 'Roles', 'Users'],
  'AWS::IAM::Role': ['ManagedPolicyArns', 'Policies', 'Tags'],
  'AWS::Route53Resolver::FirewallRuleGroup': ['FirewallRules', 'Tags'],
  'AWS::Route53Resolver::FirewallDomainList': ['Tags'],
  'AWS::Route53Resolver::ResolverRule': ['TargetIps', 'Tags'],
};

/** Policy-document keys whose lists IAM evaluates as sets (matched on the path below a document). */
const POLICY_DOCUMENT = /(^|\.)(PolicyDocument|AssumeRolePolicyDocument|KeyPolicy|ResourcePolicy|Policy)\.Statement(\.(Action|NotAction|Resource|NotResource|Principal\.(AWS|Service|Federated)|NotPrincipal\.(AWS|Service|Federated)))?$/;

const AZURERM = (azurermSets as { resources: Record<string, readonly string[]> }).resources;

/** A property path without list indexes: `subnet[1].service_endpoints` -> `subnet.service_endpoints`. */
export function schemaPath(path: string): string {
  return path.replace(/\[\d+\]/g, '');
}

/** True when the provider treats the list at `path` of a `resourceType` as a set. */
export function isSetList(resourceType: string, path: string): boolean {
  const p = schemaPath(path);
  if (resourceType.startsWith('AWS::')) {
    return (CFN_SETS[resourceType] ?? []).includes(p) || POLICY_DOCUMENT.test(p);
  }
  return (AZURERM[resourceType] ?? []).includes(p);
}
