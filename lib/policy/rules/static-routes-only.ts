/**
 * link/static-routes-only: AWS VPN connections of the link use dynamic (BGP) routing.
 */
import { AWS_VPN_CONNECTION_TYPES } from '../detect/link';
import { COMPLIANT, nonCompliant, typeIn } from '../rule';
import type { Rule } from '../types';
import { bool, prop } from '../util/values';

export const staticRoutesOnly: Rule = {
  id: 'link/static-routes-only',
  severity: 'error',
  description: 'An AWS VPN connection uses static routes only (no BGP).',
  rationale: 'Static routing cannot fail over between the four tunnels; the Azure side expects BGP peers on every tunnel.',
  fix: 'Remove `StaticRoutesOnly: true` (`static_routes_only = true` in Terraform) and give the customer gateway the Azure gateway ASN.',
  scope: 'AWS::EC2::VPNConnection, aws_vpn_connection, awscc_ec2_vpn_connection.',
  appliesTo: typeIn(...AWS_VPN_CONNECTION_TYPES),
  evaluate(resource) {
    return bool(prop(resource.properties, 'StaticRoutesOnly')) === true ? nonCompliant('StaticRoutesOnly is true: BGP is off on both tunnels') : COMPLIANT;
  },
};
