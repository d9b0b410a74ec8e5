/**
 * Network rules: security group rules, network ACL entries and network security group rules.
 * A new or wider allow rule (or a removed deny rule, or a removed NSG association) opens
 * traffic; a removed allow rule or a narrower one closes it.
 */
import * as ipaddr from 'ipaddr.js';
import type { RawChange } from '../values';
import type { SecurityKind } from './types';
import { at, leaf, short } from './util';

const RULE_LISTS = /^(SecurityGroupIngress|SecurityGroupEgress|security_rule|ingress|egress)$/;
const RULE_TYPES = /^(AWS::EC2::SecurityGroup(Ingress|Egress)|AWS::EC2::NetworkAclEntry|azurerm_network_security_rule|aws_security_group_rule|aws_vpc_security_group_(ingress|egress)_rule|aws_network_acl_rule)$/;
const ASSOCIATIONS = /^(azurerm_subnet_network_security_group_association|azurerm_network_interface_security_group_association|AWS::EC2::SubnetNetworkAclAssociation)$/;
const CIDR = /^(CidrIp|CidrIpv6|CidrBlock|Ipv6CidrBlock|source_address_prefix|destination_address_prefix|cidr_block|cidr_ipv4|cidr_ipv6)$/;
const CIDR_LISTS = /^(source_address_prefixes|destination_address_prefixes|cidr_blocks|ipv6_cidr_blocks)$/;
const NEUTRAL = /^(Description|description|name|Name)$/;

const isDeny = (rule: unknown) => /^deny$/i.test(String((rule as Record<string, unknown> | undefined)?.access ?? (rule as Record<string, unknown> | undefined)?.RuleAction ?? ''));

function cidrWithin(inner: string, outer: string): boolean {
  if (outer === '*' || outer === 'Internet' || outer === '0.0.0.0/0') return true;
  if (inner === '*' || inner === 'Internet') return false;
  try {
    const [ia, ib] = ipaddr.parseCIDR(inner);
    const [oa, ob] = ipaddr.parseCIDR(outer);
    return ia.kind() === oa.kind() && ib >= ob && ia.match([oa, ob]);
  } catch {
    return inner === outer;
  }
}

function portRange(v: unknown): [number, number] | undefined {
  if (v === '*') return [0, 65535];
  const m = /^(\d+)(?:-(\d+))?$/.exec(String(v));
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : undefined;
}

/** A field change as text: `old -> new`, or the elements a list gained and lost. */
function describe(c: RawChange): string {
  if (!c.list) return `${short(c.old)} -> ${short(c.new)}`;
  return [...c.list.added.map((e) => `+${short(e.value)}`), ...c.list.removed.map((e) => `-${short(e.value)}`)].join(' ') || 'reordered';
}

/** True when the change to one rule field only narrows what the rule allows. */
function narrows(c: RawChange): boolean {
  const name = leaf(c.path);
  if (c.list) return CIDR_LISTS.test(name) || /port_ranges$/.test(name) ? c.list.added.length === 0 : c.list.added.length === 0 && c.list.moved.length === 0;
  if (CIDR.test(name) && typeof c.old === 'string' && typeof c.new === 'string') return cidrWithin(c.new, c.old);
  if (name === 'FromPort' || name === 'from_port') return Number(c.new) >= Number(c.old);
  if (name === 'ToPort' || name === 'to_port') return Number(c.new) <= Number(c.old);
  if (/port_range$/.test(name)) {
    const o = portRange(c.old);
    const n = portRange(c.new);
    return !!o && !!n && n[0] >= o[0] && n[1] <= o[1];
  }
  if (name === 'access' || name === 'RuleAction') return /^deny$/i.test(String(c.new));
  return false;
}

export const networkRules: SecurityKind = {
  id: 'network-rules',
  title: 'network rules',
  security: 'an allow rule is added or widened (wider CIDR, more ports, deny -> allow), a deny rule is removed, or a network security group is detached from a subnet',
  notSecurity: 'an allow rule is removed or narrowed, a deny rule is added, or only a rule description changes',
  classify: ({ resourceType, kind, changes, before, after }) => {
    if (ASSOCIATIONS.test(resourceType)) return kind === 'remove' ? [`detaches ${resourceType}`] : [];
    if (RULE_TYPES.test(resourceType)) {
      if (kind === 'add') return isDeny(after) ? [] : [`adds rule ${short(after)}`];
      if (kind === 'remove') return isDeny(before) ? [`removes deny rule ${short(before)}`] : [];
      const deny = isDeny(after);
      return changes.filter((c) => !NEUTRAL.test(leaf(c.path)) && narrows(c) === (deny && leaf(c.path) !== 'access' && leaf(c.path) !== 'RuleAction'))
        .map((c) => `opens ${c.path}: ${describe(c)}${deny ? ' (the deny rule covers less)' : ' (allows what the old rule did not)'}`);
    }
    const reasons: string[] = [];
    if (kind === 'add') {
      for (const [key, rules] of Object.entries(after ?? {})) {
        if (!RULE_LISTS.test(key) || !Array.isArray(rules)) continue;
        for (const r of rules) if (!isDeny(r)) reasons.push(`opens ${key}: ${short(r)}`);
      }
      return reasons;
    }
    for (const c of changes) {
      const top = c.path.split(/[.[]/)[0];
      if (!RULE_LISTS.test(top) || NEUTRAL.test(leaf(c.path))) continue;
      if (c.list && c.path === top) {
        for (const e of c.list.added) if (!isDeny(e.value)) reasons.push(`opens ${top}: ${short(e.value)}`);
        for (const e of c.list.removed) if (isDeny(e.value)) reasons.push(`removes deny rule from ${top}: ${short(e.value)}`);
        continue;
      }
      // A field of one rule changed: narrowing an allow rule (or widening a deny rule) is safe.
      const element = /^[^[]*\[\d+\]/.exec(c.path)?.[0];
      const deny = element !== undefined && isDeny(at(after, element)) && leaf(c.path) !== 'access';
      if (narrows(c) === deny) reasons.push(`opens ${c.path}: ${describe(c)} (allows what the old rule did not)`);
    }
    return reasons;
  },
};
