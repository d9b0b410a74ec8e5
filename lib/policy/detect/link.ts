/**
 * The cross-cloud link as it appears in synthesized output: AWS VPN gateways, customer gateways
 * and VPN connections (CloudFormation and Terraform), and Azure virtual network gateways, local
 * network gateways and connections. Facts: shared/DOMAIN.md ("The cross-cloud link").
 */
import type { InventoryResource, InventoryView } from '../types';
import { block, blocks, bool, literal, num, Obj, prop, referencedId } from '../util/values';

export const AWS_VPN_GATEWAY_TYPES = ['AWS::EC2::VPNGateway', 'aws_vpn_gateway', 'awscc_ec2_vpn_gateway'];
export const AWS_TRANSIT_GATEWAY_TYPES = ['AWS::EC2::TransitGateway', 'aws_ec2_transit_gateway', 'awscc_ec2_transit_gateway'];
export const AWS_VPN_CONNECTION_TYPES = ['AWS::EC2::VPNConnection', 'aws_vpn_connection', 'awscc_ec2_vpn_connection'];
export const AWS_CUSTOMER_GATEWAY_TYPES = ['AWS::EC2::CustomerGateway', 'aws_customer_gateway', 'awscc_ec2_customer_gateway'];
export const AZ_GATEWAY = 'azurerm_virtual_network_gateway';
export const AZ_CONNECTION = 'azurerm_virtual_network_gateway_connection';
export const AZ_LOCAL_GATEWAY = 'azurerm_local_network_gateway';

/** Managed (deployed) records of several types; data sources are lookups of resources elsewhere. */
export function ofTypes(inv: InventoryView, types: readonly string[]): InventoryResource[] {
  return types.flatMap((t) => inv.ofType(t).filter((r) => r.mode === 'managed'));
}

/** An Azure virtual network gateway of type Vpn (ExpressRoute gateways are not the link). */
export const isAzureVpnGateway = (r: InventoryResource): boolean => (literal(r.properties.type) ?? 'Vpn').toLowerCase() === 'vpn';

/** An Azure connection of type IPsec (site-to-site). */
export const isIpsecConnection = (r: InventoryResource): boolean => (literal(r.properties.type) ?? 'IPsec').toLowerCase() === 'ipsec';

/** BGP flag of an Azure gateway or connection: azurerm 4.55 `enable_bgp`, 4.62+ `bgp_enabled`. */
export const azureBgp = (p: Obj): boolean | undefined => bool(p.enable_bgp ?? p.bgp_enabled);

/** `bgp_settings` block of an Azure gateway or local network gateway. */
export const bgpSettings = (p: Obj): Obj | undefined => block(p.bgp_settings);

/** APIPA addresses listed on an Azure gateway's `bgp_settings.peering_addresses`. */
export function apipaAddresses(gateway: Obj): string[] {
  return blocks(bgpSettings(gateway)?.peering_addresses).flatMap((pa) => (Array.isArray(pa.apipa_addresses) ? pa.apipa_addresses.filter((a): a is string => typeof a === 'string') : []));
}

/**
 * The managed resource a data source looks up, by literal `name` (and `resource_group_name` when
 * both sides set it): e.g. the link stack reads the hub stack's VPN gateway with
 * `data.azurerm_virtual_network_gateway`.
 */
function resolveData(data: InventoryResource, candidates: readonly InventoryResource[]): InventoryResource | undefined {
  const name = literal(data.properties.name);
  if (!name) return undefined;
  const rg = literal(data.properties.resource_group_name);
  return candidates.find((c) => {
    if (c.type !== data.type || literal(c.properties.name) !== name) return false;
    const crg = literal(c.properties.resource_group_name);
    return !rg || !crg || rg === crg;
  });
}

/**
 * The gateway a connection belongs to, among managed `gateways`. References (`Ref`,
 * `${type.name.id}`, `${data.type.name.id}`) are resolved within the connection's stack, data
 * sources to the managed gateway they read; when exactly one gateway exists, an unresolvable
 * reference (an import, a literal id) is assumed to point at it.
 */
export function gatewayOf(conn: InventoryResource, refValue: unknown, gateways: readonly InventoryResource[], inv: InventoryView): InventoryResource | undefined {
  const ref = referencedId(refValue);
  if (ref) {
    const hit = inv.lookup(conn.stack, ref);
    const target = hit?.mode === 'data' ? resolveData(hit, gateways) : hit;
    if (target && gateways.includes(target)) return target;
  }
  return gateways.length === 1 ? gateways[0] : undefined;
}

/** The AWS gateway reference of a VPN connection (virtual private gateway or transit gateway). */
export const awsConnectionGatewayRef = (conn: InventoryResource): unknown =>
  prop(conn.properties, 'VpnGatewayId') ?? prop(conn.properties, 'TransitGatewayId');

/** Parsed IPv4 address, or undefined. */
export function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((x) => x > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/** Azure's APIPA range for BGP peers: 169.254.21.0 - 169.254.22.255. */
const APIPA_LOW = ipv4('169.254.21.0') as number;
const APIPA_HIGH = ipv4('169.254.22.255') as number;
export const APIPA_RANGE_TEXT = '169.254.21.0-169.254.22.255';

export const inApipaRange = (ip: number): boolean => ip >= APIPA_LOW && ip <= APIPA_HIGH;

/** Why a tunnel inside CIDR is unusable with Azure, or undefined when it is a /30 inside the APIPA range. */
export function insideCidrProblem(cidr: string): string | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr.trim());
  const ip = m ? ipv4(m[1]) : undefined;
  if (!m || ip === undefined) return `"${cidr}" is not an IPv4 CIDR`;
  if (Number(m[2]) !== 30) return `"${cidr}" is not a /30`;
  if (ip % 4 !== 0) return `"${cidr}" is not aligned on a /30 boundary`;
  if (!inApipaRange(ip) || !inApipaRange(ip + 3)) return `"${cidr}" is outside Azure's APIPA range ${APIPA_RANGE_TEXT}`;
  return undefined;
}

/** Literal ASN (numbers or numeric strings); `BgpAsnExtended` on customer gateways too. */
export const asn = (v: unknown): number | undefined => num(v);

/** Amazon-side ASN of a VPN or transit gateway (64512 when not set). */
export const amazonSideAsn = (gw: InventoryResource): number | undefined => {
  const v = prop(gw.properties, 'AmazonSideAsn');
  return v === undefined ? 64512 : num(v);
};

/** ASN of an Azure gateway (65515 when `bgp_settings.asn` is not set). */
export const azureGatewayAsn = (gw: InventoryResource): number | undefined => {
  const v = bgpSettings(gw.properties as Obj)?.asn;
  return v === undefined ? 65515 : num(v);
};
