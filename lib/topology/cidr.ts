/**
 * IPv4 CIDR helpers over ipaddr.js: parsing, ranges, overlap and aligned allocation.
 */
import * as ipaddr from 'ipaddr.js';

export interface Cidr {
  readonly text: string;
  /** First address as an unsigned 32-bit integer. */
  readonly start: number;
  /** Last address (inclusive). */
  readonly end: number;
  readonly prefix: number;
}

function toInt(addr: ipaddr.IPv4): number {
  const o = addr.octets;
  return ((o[0] << 24) >>> 0) + (o[1] << 16) + (o[2] << 8) + o[3];
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses `a.b.c.d/n`; returns an error text when invalid or not a network address. */
export function parseCidr(text: string): Cidr | string {
  if (typeof text !== 'string' || !ipaddr.IPv4.isValidCIDR(text)) {
    return 'must be an IPv4 CIDR like 10.0.0.0/16';
  }
  const [addr, prefix] = ipaddr.IPv4.parseCIDR(text);
  const network = ipaddr.IPv4.networkAddressFromCIDR(text);
  if (toInt(network) !== toInt(addr)) {
    return `host bits are set: the network address is ${network.toString()}/${prefix}`;
  }
  const start = toInt(network);
  const size = 2 ** (32 - prefix);
  return { text, start, end: start + size - 1, prefix };
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function cidrOf(start: number, prefix: number): string {
  return `${intToIp(start)}/${prefix}`;
}

/** Address at `offset` inside a block, as dotted quad. */
export function hostAt(block: Cidr, offset: number): string {
  return intToIp(block.start + offset);
}

export interface SubnetRequest {
  readonly name: string;
  readonly prefix: number;
}

/**
 * Packs subnets into a block, largest first, each aligned to its own size.
 * Deterministic: requests of equal size keep their given order.
 * Returns undefined when they do not fit.
 */
export function allocate(block: Cidr, requests: readonly SubnetRequest[]): Record<string, string> | undefined {
  const ordered = requests.map((r, i) => ({ ...r, i })).sort((a, b) => a.prefix - b.prefix || a.i - b.i);
  const out: Record<string, string> = {};
  let next = block.start;
  for (const r of ordered) {
    if (r.prefix < block.prefix) return undefined;
    const size = 2 ** (32 - r.prefix);
    const aligned = Math.ceil(next / size) * size;
    if (aligned + size - 1 > block.end) return undefined;
    out[r.name] = cidrOf(aligned, r.prefix);
    next = aligned + size;
  }
  return out;
}

/**
 * The smallest block (largest prefix length) the requests fit in, e.g. 23 for a /24, two /27s
 * and a /28; undefined when they fit in no IPv4 block. Allocation starts at the block's own
 * (aligned) network address, so only the size matters.
 */
export function minimumPrefix(requests: readonly SubnetRequest[]): number | undefined {
  for (let prefix = 32; prefix >= 1; prefix--) {
    if (allocate({ text: `0.0.0.0/${prefix}`, start: 0, end: 2 ** (32 - prefix) - 1, prefix }, requests)) return prefix;
  }
  return undefined;
}

/** RFC 1918 and RFC 6598 (shared address space) blocks allowed for VNets and VPCs. */
export const PRIVATE_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((t) => parseCidr(t) as Cidr);
