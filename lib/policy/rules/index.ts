/**
 * The rule set, in the order rules run and appear in the reference. Each rule lives in its own
 * file named after the last segment of its id.
 */
import type { Rule } from '../types';
import { apipaInsideCidr } from './apipa-inside-cidr';
import { asnCollision } from './asn-collision';
import { bgpEnabled } from './bgp-enabled';
import { customBgpAddresses } from './custom-bgp-addresses';
import { gatewayActiveActive } from './gateway-active-active';
import { invalidValue } from './invalid-value';
import { localAuthEnabled } from './local-auth-enabled';
import { minimumTunnels } from './minimum-tunnels';
import { missingRequired } from './missing-required';
import { modelEndpointDns } from './model-endpoint-dns';
import { modelInvocationOutsideAzure } from './model-invocation-outside-azure';
import { moduleModelInput } from './module-model-input';
import { moduleNotInspected } from './module-not-inspected';
import { plaintextSecret } from './plaintext-secret';
import { publicAgentRuntime } from './public-agent-runtime';
import { publicServingEndpoint } from './public-serving-endpoint';
import { readOnlyAttribute } from './read-only-attribute';
import { reservedAsn } from './reserved-asn';
import { staticRoutesOnly } from './static-routes-only';
import { statelessEndpointOutsideAzure } from './stateless-endpoint-outside-azure';
import { blockedByNsg } from './blocked-by-nsg';
import { blockedBySecurityGroup } from './blocked-by-security-group';
import { dnsUnresolvable } from './dns-unresolvable';
import { noRoleAssignment } from './no-role-assignment';
import { noRoute } from './no-route';
import { noTokenPath } from './no-token-path';
import { unknownTarget } from './unknown-target';
import { tooManyBlocks } from './too-many-blocks';
import { unknownAttribute } from './unknown-attribute';
import { unknownType } from './unknown-type';
import { wrongType } from './wrong-type';
import { vpcEndpointWithoutPolicy } from './vpc-endpoint-without-policy';
import { nsgAllowsAnyInbound } from './nsg-allows-any-inbound';
import { privateEndpointPoliciesDisabled } from './private-endpoint-policies-disabled';
import { servingSubnetWithoutNsg } from './serving-subnet-without-nsg';
import { zoneLinkedTwice } from './zone-linked-twice';

export const RULES: readonly Rule[] = [
  statelessEndpointOutsideAzure,
  modelInvocationOutsideAzure,
  modelEndpointDns,
  publicServingEndpoint,
  publicAgentRuntime,
  servingSubnetWithoutNsg,
  nsgAllowsAnyInbound,
  privateEndpointPoliciesDisabled,
  zoneLinkedTwice,
  vpcEndpointWithoutPolicy,
  localAuthEnabled,
  plaintextSecret,
  minimumTunnels,
  gatewayActiveActive,
  bgpEnabled,
  staticRoutesOnly,
  customBgpAddresses,
  apipaInsideCidr,
  asnCollision,
  reservedAsn,
  moduleNotInspected,
  moduleModelInput,
  unknownTarget,
  noTokenPath,
  dnsUnresolvable,
  blockedBySecurityGroup,
  noRoute,
  blockedByNsg,
  noRoleAssignment,
  unknownType,
  unknownAttribute,
  readOnlyAttribute,
  missingRequired,
  wrongType,
  invalidValue,
  tooManyBlocks,
];
