/**
 * The agent VPC's subnet plan: one private subnet per AgentCore-supported zone, together
 * half of the VPC, allocated from its start in zone order (the order the CDK `Vpc`
 * allocates a single subnet group in). Derived here once because both clouds need it: the
 * AWS VPC creates these subnets, and the Azure network security groups admit exactly them.
 */
import { allocate, Cidr, parseCidr } from './cidr';

export interface AgentSubnetPlan {
  /** Prefix length of each subnet. */
  readonly mask: number;
  /** Subnet CIDRs, one per zone, in zone order. */
  readonly cidrs: readonly string[];
}

/** The subnets of a VPC `cidr` spread over `zones` zones (2-3): half the VPC, split evenly. */
export function agentSubnetPlan(cidr: string, zones: number): AgentSubnetPlan {
  const block = parseCidr(cidr);
  if (typeof block === 'string') return { mask: 0, cidrs: [] };
  const mask = block.prefix + 1 + Math.ceil(Math.log2(Math.max(zones, 1)));
  const requests = Array.from({ length: zones }, (_, i) => ({ name: String(i), prefix: mask }));
  const plan = allocate(block as Cidr, requests) ?? {};
  return { mask, cidrs: requests.map((r) => plan[r.name]).filter((x): x is string => x !== undefined) };
}
