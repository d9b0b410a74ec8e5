/**
 * Network placement: the subnets, security groups and interfaces a resource sits in
 * (VPC endpoint and runtime subnets, resolver endpoint addresses, AKS/private endpoint subnets).
 * Adding one gives the resource a new network path; taking one away only narrows it.
 */
import type { SecurityKind } from './types';
import { leaf, sameReference, short } from './util';

const PLACEMENT = /^(SubnetIds?|Subnets|SecurityGroupIds|SecurityGroups|IpAddresses|subnet_ids?|vnet_subnet_id|pod_subnet_id|virtual_network_subnet_ids|network_interface_ids|security_group_ids)$/;
/** Associations route or filter a subnet; they do not place anything in it. */
const NOT_PLACED = /(RouteTableAssociation|NetworkAclAssociation|route_table_association|network_security_group_association)$/i;

export const networkPlacement: SecurityKind = {
  id: 'network-placement',
  title: 'network placement',
  security: 'a subnet, security group or network interface is added to a resource, or the resource moves to a different one',
  notSecurity: 'a subnet or security group is only removed (e.g. a VPC endpoint leaves the subnet of a removed zone), or a referenced subnet is re-created in place',
  classify: ({ resourceType, changes }) => {
    if (NOT_PLACED.test(resourceType)) return [];
    const reasons: string[] = [];
    for (const c of changes) {
      if (!PLACEMENT.test(leaf(c.path))) continue;
      if (c.list) {
        for (const e of c.list.added) reasons.push(`adds ${short(e.value)} to ${c.path}`);
      } else if (c.new !== undefined && !sameReference(c.old, c.new)) {
        reasons.push(c.old === undefined ? `places it in ${short(c.new)} (${c.path})` : `moves ${c.path} from ${short(c.old)} to ${short(c.new)}`);
      }
    }
    return reasons;
  },
};
