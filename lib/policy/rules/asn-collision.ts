/**
 * link/asn-collision: the two BGP sides use different ASNs. On AWS the customer gateway (Azure's
 * side) must differ from the VPN/transit gateway's Amazon-side ASN (64512 by default); on Azure the
 * local network gateway (AWS's side) must differ from the VPN gateway's ASN (65515 by default).
 */
import {
  amazonSideAsn, asn, AWS_CUSTOMER_GATEWAY_TYPES, AWS_TRANSIT_GATEWAY_TYPES, AWS_VPN_GATEWAY_TYPES, AZ_GATEWAY, AZ_LOCAL_GATEWAY,
  azureGatewayAsn, bgpSettings, isAzureVpnGateway, ofTypes,
} from '../detect/link';
import { COMPLIANT, nonCompliant, typeIn } from '../rule';
import type { Rule } from '../types';
import { Obj, prop } from '../util/values';

export const asnCollision: Rule = {
  id: 'link/asn-collision',
  severity: 'error',
  description: 'A BGP peer uses the same ASN as the gateway it peers with (customer gateway vs Amazon-side ASN, local network gateway vs Azure gateway ASN).',
  rationale: 'BGP drops routes whose AS path already contains its own ASN: with equal ASNs no route crosses the link.',
  fix: 'Keep the Azure gateway ASN (e.g. 65010) and the AWS Amazon-side ASN (e.g. 64512) distinct; the AWS customer gateways carry the Azure ASN and the Azure local network gateways the AWS ASN.',
  scope: 'AWS::EC2::CustomerGateway, aws_customer_gateway (vs VPN/transit gateways), azurerm_local_network_gateway (vs azurerm_virtual_network_gateway).',
  appliesTo: typeIn(...AWS_CUSTOMER_GATEWAY_TYPES, AZ_LOCAL_GATEWAY),
  evaluate(resource, ctx) {
    const inv = ctx.inventory;
    if (resource.type === AZ_LOCAL_GATEWAY) {
      const own = asn(bgpSettings(resource.properties as Obj)?.asn);
      if (own === undefined) return COMPLIANT;
      const clash = ofTypes(inv, [AZ_GATEWAY]).find((g) => isAzureVpnGateway(g) && azureGatewayAsn(g) === own);
      return clash ? nonCompliant(`bgp_settings.asn ${own} equals the ASN of Azure gateway ${clash.id}`) : COMPLIANT;
    }
    const own = asn(prop(resource.properties, 'BgpAsn') ?? prop(resource.properties, 'BgpAsnExtended'));
    if (own === undefined) return COMPLIANT;
    const clash = ofTypes(inv, [...AWS_VPN_GATEWAY_TYPES, ...AWS_TRANSIT_GATEWAY_TYPES]).find((g) => amazonSideAsn(g) === own);
    return clash ? nonCompliant(`BGP ASN ${own} equals the Amazon-side ASN of ${clash.id}`) : COMPLIANT;
  },
};
