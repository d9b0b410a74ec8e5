/**
 * Address math for the path proof: lenient IPv4 ranges (a host address is a /32, host bits
 * are masked), and the two packet filters on the way — AWS security group egress and Azure
 * network security group inbound rules — evaluated the way the clouds do.
 */
import * as ipaddr from 'ipaddr.js';
import type { InventoryResource, InventoryView } from '../policy/types';
import { blocks, literal, num, prop, strings } from '../policy/util/values';
import { resolve } from './refs';

export interface Range {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const toInt = (o: number[]) => ((o[0] << 24) >>> 0) + (o[1] << 16) + (o[2] << 8) + o[3];

/** Plain dotted-decimal IPv4 with an optional prefix length, no leading zeros: the form synthesized outputs use. */
const PLAIN = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})(?:\/(0|[1-9]\d?))?$/;

/** Address texts read during one proof (see `withRanges`); none outside one. */
let proofRanges: Map<string, Range | null> | undefined;

/**
 * Runs `f` reading each distinct address text once: a proof reads the same few hundred prefixes
 * over a thousand times (NSG rules, security group rules, subnets). The cache lives as long as
 * `f`, so every proof, the first in a process included, parses what it reads.
 */
export function withRanges<T>(f: () => T): T {
  if (proofRanges !== undefined) return f();
  proofRanges = new Map();
  try {
    return f();
  } finally {
    proofRanges = undefined;
  }
}

/** `10.0.0.0/16`, `10.0.0.5` or `10.0.0.5/32`; undefined for anything else (IPv6, tokens, tags). */
export function range(text: unknown): Range | undefined {
  if (typeof text !== 'string') return undefined;
  if (proofRanges === undefined) return readRange(text);
  let r = proofRanges.get(text);
  if (r === undefined) proofRanges.set(text, (r = readRange(text) ?? null));
  return r ?? undefined;
}

function readRange(text: string): Range | undefined {
  const t = literal(text)?.trim();
  if (!t) return undefined;
  // Every IPv4 form ipaddr.js reads starts with a digit; service tags (`AzureLoadBalancer`) do not,
  // and asking ipaddr.js about them costs a thrown and caught error each time.
  return plainRange(t) ?? (t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57 ? parseRange(t) : undefined);
}

/**
 * The plain form read directly (the path proof reads thousands of prefixes); undefined when
 * the text is anything else, for ipaddr.js to decide.
 */
function plainRange(t: string): Range | undefined {
  const m = PLAIN.exec(t);
  if (m === null) return undefined;
  const o = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (o[0] > 255 || o[1] > 255 || o[2] > 255 || o[3] > 255 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const start = Math.floor(toInt(o) / size) * size;
  return { start, end: start + size - 1, text: t };
}

function parseRange(t: string): Range | undefined {
  try {
    if (t.includes('/')) {
      if (!ipaddr.IPv4.isValidCIDR(t)) return undefined;
      const [addr, prefix] = ipaddr.IPv4.parseCIDR(t);
      const size = 2 ** (32 - prefix);
      const start = Math.floor(toInt(addr.octets) / size) * size;
      return { start, end: start + size - 1, text: t };
    }
    if (!ipaddr.IPv4.isValidFourPartDecimal(t)) return undefined;
    const n = toInt(ipaddr.IPv4.parse(t).octets);
    return { start: n, end: n, text: t };
  } catch {
    return undefined;
  }
}

/**
 * Whether `text` matches an IAM-style pattern (`*` any run, `?` one character), ignoring case:
 * a linear scan that backtracks only to the last `*`, so no pattern is compiled or cached.
 */
export function globMatches(pattern: string, text: string): boolean {
  if (pattern === '*') return true;
  // Most patterns are plain actions or ARNs: compared as they are (lowercased only when the lengths agree).
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern.length === text.length && (pattern === text || pattern.toLowerCase() === text.toLowerCase());
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < t.length) {
    if (i < p.length && (p[i] === '?' || p[i] === t[j])) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else {
      return false;
    }
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}

export const ANY: Range = { start: 0, end: 0xffffffff, text: '0.0.0.0/0' };
export const covers = (outer: Range, inner: Range) => outer.start <= inner.start && inner.end <= outer.end;
export const overlapsRange = (a: Range, b: Range) => a.start <= b.end && b.start <= a.end;

/** A port range; `-1`/absent protocol ports mean all. */
function portsCover(from: unknown, to: unknown, port: number): boolean {
  return portSpanCovers(num(from), num(to), port);
}

function portSpanCovers(f: number | undefined, t: number | undefined, port: number): boolean {
  if (f === undefined && t === undefined) return true;
  return (f ?? 0) <= port && port <= (t ?? 65535);
}

/** A rule's protocol as lowercase text (`tcp`, `6`, `-1`); empty for a token or nothing. */
function protocolText(p: unknown): string {
  if (typeof p === 'number') return String(p);
  return typeof p === 'string' && literal(p) !== undefined ? p.toLowerCase() : '';
}

function protocolCovers(p: unknown, protocol: 'tcp' | 'udp'): boolean {
  return protocolTextCovers(protocolText(p), protocol);
}

function protocolTextCovers(v: string, protocol: 'tcp' | 'udp'): boolean {
  return v === '-1' || v === 'all' || v === protocol || (protocol === 'tcp' && v === '6') || (protocol === 'udp' && v === '17');
}

export interface EgressRule {
  readonly protocol: unknown;
  readonly from: unknown;
  readonly to: unknown;
  readonly cidr?: Range;
  /** Logical id of a destination security group. */
  readonly destinationGroup?: string;
  /** `protocol`, `from` and `to` as the filters read them (normalized once per rule, not per check). */
  readonly protocolText: string;
  readonly fromPort?: number;
  readonly toPort?: number;
}

/**
 * Egress rules of a CloudFormation security group: inline `SecurityGroupEgress` plus standalone
 * `AWS::EC2::SecurityGroupEgress` resources. Without inline egress, EC2 keeps its default
 * allow-all rule (standalone rules do not remove it).
 */
export function egressRules(inv: InventoryView, sg: InventoryResource): EgressRule[] {
  const byGroup = inv.memo('path:sg-egress', () => {
    const m = new Map<InventoryResource, InventoryResource[]>();
    for (const e of inv.ofType('AWS::EC2::SecurityGroupEgress')) {
      const g = resolve(inv, e, e.properties.GroupId);
      if (!g) continue;
      const list = m.get(g);
      if (list) list.push(e);
      else m.set(g, [e]);
    }
    return m;
  });
  const toRule = (o: Record<string, unknown>): EgressRule => ({
    protocol: o.IpProtocol,
    from: o.FromPort,
    to: o.ToPort,
    cidr: range(o.CidrIp),
    destinationGroup: resolve(inv, sg, o.DestinationSecurityGroupId)?.id,
    protocolText: protocolText(o.IpProtocol),
    fromPort: num(o.FromPort),
    toPort: num(o.ToPort),
  });
  const inline = sg.properties.SecurityGroupEgress;
  const rules = blocks(inline).map(toRule);
  for (const e of byGroup.get(sg) ?? []) rules.push(toRule(e.properties));
  // EC2's default egress rule: a group with no SecurityGroupEgress in the template allows everything out.
  if (inline === undefined) rules.push({ protocol: '-1', from: undefined, to: undefined, cidr: ANY, protocolText: '-1' });
  return rules;
}

/** Whether some egress rule of the groups lets `protocol/port` out to every address of `dest`. */
export function egressAllows(rules: readonly EgressRule[], protocol: 'tcp' | 'udp', port: number, dest: Range): boolean {
  return rules.some((r) => r.cidr !== undefined && protocolTextCovers(r.protocolText, protocol) && portSpanCovers(r.fromPort, r.toPort, port) && covers(r.cidr, dest));
}

/** Whether some egress rule lets `protocol/port` out to the security group with logical id `group`. */
export function egressAllowsGroup(rules: readonly EgressRule[], protocol: 'tcp' | 'udp', port: number, group: string): boolean {
  return rules.some((r) => r.destinationGroup === group && protocolTextCovers(r.protocolText, protocol) && portSpanCovers(r.fromPort, r.toPort, port));
}

/** Ingress of a CloudFormation security group allows `tcp/port` from every address of `source`, or from the group `sourceGroup`. */
export function ingressAllows(inv: InventoryView, sg: InventoryResource, port: number, source: Range | undefined, sourceGroup?: string): boolean {
  const standalone = inv.memo('path:sg-ingress', () => {
    const m = new Map<InventoryResource, InventoryResource[]>();
    for (const e of inv.ofType('AWS::EC2::SecurityGroupIngress')) {
      const g = resolve(inv, e, e.properties.GroupId);
      if (!g) continue;
      const list = m.get(g);
      if (list) list.push(e);
      else m.set(g, [e]);
    }
    return m;
  });
  const rules = [...blocks(sg.properties.SecurityGroupIngress), ...(standalone.get(sg) ?? []).map((e) => e.properties)];
  return rules.some((r) => {
    if (!protocolCovers(r.IpProtocol, 'tcp') || !portsCover(r.FromPort, r.ToPort, port)) return false;
    const cidr = range(r.CidrIp);
    if (source && cidr && covers(cidr, source)) return true;
    return sourceGroup !== undefined && resolve(inv, sg, r.SourceSecurityGroupId)?.id === sourceGroup;
  });
}

/** One Azure NSG rule, normalized from an inline `security_rule` block or an `azurerm_network_security_rule`. */
export interface NsgRule {
  readonly name: string;
  readonly priority: number;
  readonly direction: string;
  readonly access: string;
  readonly protocol: string;
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  /** Keys of the application security groups the rule names as sources / destinations. */
  readonly sourceGroups: readonly string[];
  readonly destinationGroups: readonly string[];
  readonly ports: readonly string[];
}

/**
 * Normalizes a rule. `groupKey` turns an application security group reference into a stable
 * key (the same key `nsgInbound` gets for the destination's memberships).
 */
export function nsgRule(o: Record<string, unknown>, groupKey: (ref: unknown) => string | undefined = () => undefined): NsgRule {
  const list = (single: string, plural: string) => [...strings(prop(o, single)), ...strings(prop(o, plural))];
  const groups = (attr: string) => (Array.isArray(o[attr]) ? (o[attr] as unknown[]) : []).map(groupKey).filter((k): k is string => k !== undefined);
  return {
    name: literal(o.name) ?? '(unnamed)',
    priority: num(o.priority) ?? 4096,
    direction: (literal(o.direction) ?? '').toLowerCase(),
    access: (literal(o.access) ?? '').toLowerCase(),
    protocol: (literal(o.protocol) ?? '*').toLowerCase(),
    sources: list('source_address_prefix', 'source_address_prefixes'),
    destinations: list('destination_address_prefix', 'destination_address_prefixes'),
    sourceGroups: groups('source_application_security_group_ids'),
    destinationGroups: groups('destination_application_security_group_ids'),
    ports: list('destination_port_range', 'destination_port_ranges'),
  };
}

/** Azure's default inbound rules (priority 65000+), which follow every custom rule. */
const NO_GROUPS = { sourceGroups: [], destinationGroups: [] };
export const DEFAULT_INBOUND: readonly NsgRule[] = [
  { name: 'AllowVnetInBound', priority: 65000, direction: 'inbound', access: 'allow', protocol: '*', sources: ['VirtualNetwork'], destinations: ['VirtualNetwork'], ports: ['*'], ...NO_GROUPS },
  { name: 'AllowAzureLoadBalancerInBound', priority: 65001, direction: 'inbound', access: 'allow', protocol: '*', sources: ['AzureLoadBalancer'], destinations: ['*'], ports: ['*'], ...NO_GROUPS },
  { name: 'DenyAllInBound', priority: 65500, direction: 'inbound', access: 'deny', protocol: '*', sources: ['*'], destinations: ['*'], ports: ['*'], ...NO_GROUPS },
];

const ANY_PREFIX = new Set(['*', 'any', '0.0.0.0/0', 'virtualnetwork']);

/**
 * A rule's prefix as the filter reads it: every address (`*`, `Any`, `0.0.0.0/0`), a range, or
 * nothing. `VirtualNetwork` includes address spaces reached through the VNet's gateway (the AWS
 * VPC over the VPN) and the VNet itself, so it covers both the agents and the target;
 * `Internet` is the public address space, which holds neither (both are private ranges).
 */
type Prefix = 'all' | 'none' | Range;

function prefixOf(prefix: string): Prefix {
  // Most prefixes are addresses (a range covering everything, such as 0.0.0.0/0, matches as 'all' does).
  const c = prefix.charCodeAt(0);
  if (c >= 48 && c <= 57) return range(prefix) ?? 'none';
  const p = prefix.trim();
  const lower = p.toLowerCase();
  if (ANY_PREFIX.has(lower)) return 'all';
  if (lower === 'internet') return 'none';
  return range(p) ?? 'none';
}

/** How a prefix relates to an address set: `all` (covers it), `some` (overlaps it), `none`. */
function prefixMatch(p: Prefix, set: Range): 'all' | 'some' | 'none' {
  if (typeof p === 'string') return p;
  if (covers(p, set)) return 'all';
  return overlapsRange(p, set) ? 'some' : 'none';
}

function anyMatch(prefixes: readonly Prefix[], set: Range): 'all' | 'some' | 'none' {
  let best: 'all' | 'some' | 'none' = 'none';
  for (const p of prefixes) {
    const m = prefixMatch(p, set);
    if (m === 'all') return 'all';
    if (m === 'some') best = 'some';
  }
  return best;
}

/** A destination port range (`*` is 0-65535; anything unreadable matches no port). */
const ALL_PORTS = { from: 0, to: 65535 };
function portSpan(p: string): { from: number; to: number } | undefined {
  const t = p.trim();
  if (t === '*') return ALL_PORTS;
  // `443` or `8000-8999`, read digit by digit (`^(\d+)(?:-(\d+))?$`).
  const dash = t.indexOf('-');
  const first = dash < 0 ? t : t.slice(0, dash);
  if (!isDigits(first)) return undefined;
  if (dash < 0) return { from: Number(first), to: Number(first) };
  const second = t.slice(dash + 1);
  return isDigits(second) ? { from: Number(first), to: Number(second) } : undefined;
}

function isDigits(t: string): boolean {
  if (t.length === 0) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A rule with its prefixes and ports read once (rules are evaluated for many sources and targets). */
interface ReadRule {
  readonly rule: NsgRule;
  readonly sources: readonly Prefix[];
  readonly destinations: readonly Prefix[];
  readonly ports: ReadonlyArray<{ from: number; to: number } | undefined>;
}

const readRule = (rule: NsgRule): ReadRule => ({ rule, sources: rule.sources.map(prefixOf), destinations: rule.destinations.map(prefixOf), ports: rule.ports.map(portSpan) });

const DEFAULT_INBOUND_READ = DEFAULT_INBOUND.map(readRule);

/**
 * The inbound rules of a rule list with Azure's defaults, in evaluation order, read once per list
 * (the lists are the per-inventory ones `nsgOf` keeps; a WeakMap lets each go with its inventory).
 */
const inboundOrders = new WeakMap<readonly NsgRule[], readonly ReadRule[]>();
function inboundOrder(rules: readonly NsgRule[]): readonly ReadRule[] {
  let ordered = inboundOrders.get(rules);
  if (ordered === undefined) {
    ordered = rules.filter((r) => r.direction === 'inbound').map(readRule).concat(DEFAULT_INBOUND_READ).sort((a, b) => a.rule.priority - b.rule.priority);
    inboundOrders.set(rules, ordered);
  }
  return ordered;
}

export interface NsgVerdict {
  readonly allowed: boolean;
  /** The rule that decided (or blocked part of the sources). */
  readonly rule: string;
  readonly priority: number;
}

/** What else is known about the destination: the application security groups it belongs to, the protocol. */
export interface NsgTarget {
  /** Keys of the application security groups of the destination (a private endpoint's memberships). */
  readonly groups?: ReadonlySet<string>;
  /** @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
}

/** How a rule's destination relates to the target: by application security group when it names groups, else by prefix. */
function destinationMatch(r: ReadRule, dest: Range, target: NsgTarget): 'all' | 'some' | 'none' {
  if (r.rule.destinationGroups.length > 0) return r.rule.destinationGroups.some((g) => target.groups?.has(g)) ? 'all' : 'none';
  return anyMatch(r.destinations, dest);
}

/**
 * Evaluates inbound rules in priority order for `port` (TCP unless told) from every address of
 * each source range to every address of `dest`, as Azure does: the first rule that matches a
 * packet decides. A deny that matches any part of a source blocks the proof; an allow must
 * cover the whole source to decide it. Rules naming source application security groups never
 * match sources outside Azure (the AWS subnets).
 */
export function nsgInbound(rules: readonly NsgRule[], sources: readonly Range[], dest: Range, port: number, target: NsgTarget = {}): NsgVerdict {
  const ordered = inboundOrder(rules);
  const protocol = target.protocol ?? 'tcp';
  let last: NsgVerdict = { allowed: true, rule: 'none', priority: 0 };
  for (const source of sources) {
    let decided = false;
    for (const r of ordered) {
      const { rule } = r;
      if (rule.protocol !== '*' && rule.protocol !== protocol) continue;
      if (!r.ports.some((p) => p !== undefined && p.from <= port && port <= p.to)) continue;
      const d = destinationMatch(r, dest, target);
      if (d === 'none') continue;
      const s = rule.sources.length === 0 && rule.sourceGroups.length > 0 ? 'none' : anyMatch(r.sources, source);
      if (s === 'none') continue;
      if (rule.access === 'deny') return { allowed: false, rule: rule.name, priority: rule.priority };
      if (s === 'all' && d === 'all') {
        last = { allowed: true, rule: rule.name, priority: rule.priority };
        decided = true;
        break;
      }
    }
    if (!decided) return { allowed: false, rule: 'DenyAllInBound', priority: 65500 };
  }
  return last;
}
