/**
 * link/reserved-asn: no ASN of the link is reserved. Azure reserves 8074, 8075, 12076, 65515 (its
 * own default, allowed only on the Azure gateway), 65517-65520; IANA reserves 23456, 64496-64511,
 * 65535-65551; AWS refuses 7224, 9059, 10124, 17943 on customer gateways and wants the
 * Amazon-side ASN in 64512-65534 or 4200000000-4294967294.
 */
import {
  amazonSideAsn, asn, AWS_CUSTOMER_GATEWAY_TYPES, AWS_TRANSIT_GATEWAY_TYPES, AWS_VPN_GATEWAY_TYPES, AZ_GATEWAY, AZ_LOCAL_GATEWAY,
  azureGatewayAsn, bgpSettings,
} from '../detect/link';
import { COMPLIANT, nonCompliant, typeIn } from '../rule';
import type { InventoryResource, Rule } from '../types';
import { Obj, prop } from '../util/values';

const AZURE_RESERVED = new Set([8074, 8075, 12076, 65515, 65517, 65518, 65519, 65520]);
const AWS_CGW_RESERVED = new Set([7224, 9059, 10124, 17943]);
const ianaReserved = (n: number) => n === 23456 || (n >= 64496 && n <= 64511) || (n >= 65535 && n <= 65551) || n === 4294967295 || n === 0;
const amazonSideValid = (n: number) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294);

/** Why an ASN is unusable on this resource, or undefined. */
function problem(r: InventoryResource): string | undefined {
  const t = r.type;
  if (AWS_VPN_GATEWAY_TYPES.includes(t) || AWS_TRANSIT_GATEWAY_TYPES.includes(t)) {
    const n = amazonSideAsn(r);
    return n !== undefined && !amazonSideValid(n) ? `AmazonSideAsn ${n} is outside 64512-65534 and 4200000000-4294967294` : undefined;
  }
  if (AWS_CUSTOMER_GATEWAY_TYPES.includes(t)) {
    const n = asn(prop(r.properties, 'BgpAsn') ?? prop(r.properties, 'BgpAsnExtended'));
    if (n === undefined) return undefined;
    if (AWS_CGW_RESERVED.has(n)) return `BgpAsn ${n} is reserved by AWS for customer gateways`;
    if (ianaReserved(n)) return `BgpAsn ${n} is reserved by IANA`;
    if (AZURE_RESERVED.has(n) && n !== 65515) return `BgpAsn ${n} is reserved by Azure, so the Azure gateway cannot use it`;
    return undefined;
  }
  const n = t === AZ_GATEWAY ? azureGatewayAsn(r) : asn(bgpSettings(r.properties as Obj)?.asn);
  if (n === undefined) return undefined;
  if (ianaReserved(n)) return `bgp_settings.asn ${n} is reserved by IANA`;
  if (AZURE_RESERVED.has(n) && !(t === AZ_GATEWAY && n === 65515)) return `bgp_settings.asn ${n} is reserved by Azure`;
  return undefined;
}

export const reservedAsn: Rule = {
  id: 'link/reserved-asn',
  severity: 'error',
  description: 'A gateway of the link uses an ASN reserved by Azure, AWS or IANA.',
  rationale: 'Azure and AWS reject reserved ASNs at deployment time (after a 30-60 minute gateway build) or silently drop the BGP session.',
  fix: 'Use private ASNs from 64512-65514 or 65521-65534 (Azure) and 64512-65534 (AWS Amazon side), distinct on each side.',
  scope: 'AWS::EC2::VPNGateway/TransitGateway/CustomerGateway, aws_vpn_gateway, aws_ec2_transit_gateway, aws_customer_gateway, azurerm_virtual_network_gateway, azurerm_local_network_gateway.',
  appliesTo: typeIn(...AWS_VPN_GATEWAY_TYPES, ...AWS_TRANSIT_GATEWAY_TYPES, ...AWS_CUSTOMER_GATEWAY_TYPES, AZ_GATEWAY, AZ_LOCAL_GATEWAY),
  evaluate(resource) {
    const p = problem(resource);
    return p ? nonCompliant(p) : COMPLIANT;
  },
};
