/**
 * DNS: where names resolve (Route 53 Resolver forwarding rules, private DNS records) and what
 * the DNS firewall blocks. Sending a name somewhere new, or blocking less, can redirect or
 * leak traffic; removing a forwarding target or blocking more cannot.
 */
import type { SecurityKind } from './types';
import { at, leaf, short } from './util';

const FORWARDING_TYPES = /^(AWS::Route53Resolver::ResolverRule|AWS::Route53Resolver::ResolverRuleAssociation|azurerm_private_dns_resolver_forwarding_rule|azurerm_private_dns_a_record|azurerm_private_dns_cname_record|aws_route53_resolver_rule)$/;
const FIREWALL_TYPES = /^(AWS::Route53Resolver::FirewallRuleGroup|AWS::Route53Resolver::FirewallDomainList|AWS::Route53Resolver::FirewallRuleGroupAssociation)$/;

export const dns: SecurityKind = {
  id: 'dns',
  title: 'DNS',
  security: 'a forwarding rule or private DNS record is added or points somewhere new (new target IPs, domain, records); a DNS firewall rule, blocked domain or firewall association is removed, or a rule stops blocking',
  notSecurity: 'a forwarding rule, target or record is only removed; a DNS firewall rule or blocked domain is added',
  classify: ({ resourceType, kind, changes, before, after }) => {
    if (FORWARDING_TYPES.test(resourceType)) {
      if (kind === 'add') return [`adds ${resourceType}${after?.DomainName ? ` for ${short(after.DomainName)}` : after?.domain_name ? ` for ${short(after.domain_name)}` : ''}`];
      if (kind === 'remove') return [];
      return changes.flatMap((c) => {
        if (c.list) return c.list.added.map((e) => `points ${c.path} at ${short(e.value)}`);
        if (/^(Tags|tags|Name|name)$/.test(c.path.split(/[.[]/)[0])) return [];
        return c.new === undefined ? [] : [`changes ${c.path}: ${short(c.old)} -> ${short(c.new)}`];
      });
    }
    if (FIREWALL_TYPES.test(resourceType)) {
      if (kind === 'remove') return [`removes ${resourceType}`];
      if (kind === 'add') return [];
      return changes.flatMap((c) => {
        if (c.list) return c.list.removed.map((e) => `stops ${leaf(c.path) === 'Domains' ? 'blocking' : 'applying'} ${short(e.value)} (${c.path})`);
        if (leaf(c.path) === 'Action' && at(before, c.path) === 'BLOCK') return [`${c.path}: BLOCK -> ${short(c.new)}`];
        return [];
      });
    }
    return [];
  },
};
