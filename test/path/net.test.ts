/**
 * The path proof's address and wildcard helpers: the plain dotted-decimal reader must agree with
 * ipaddr.js (which still decides every other form), and the IAM wildcard matcher with the
 * anchored, case-insensitive regular expression it replaced.
 */
import * as ipaddr from 'ipaddr.js';
import { globMatches, range } from '../../lib/path/net';

/** What ipaddr.js alone makes of a text (the reference the fast path must match). */
function viaIpaddr(t: string): { start: number; end: number } | undefined {
  const toInt = (o: number[]) => ((o[0] << 24) >>> 0) + (o[1] << 16) + (o[2] << 8) + o[3];
  if (t.includes('/')) {
    if (!ipaddr.IPv4.isValidCIDR(t)) return undefined;
    const [addr, prefix] = ipaddr.IPv4.parseCIDR(t);
    const size = 2 ** (32 - prefix);
    const start = Math.floor(toInt(addr.octets) / size) * size;
    return { start, end: start + size - 1 };
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(t)) return undefined;
  const n = toInt(ipaddr.IPv4.parse(t).octets);
  return { start: n, end: n };
}

describe('range', () => {
  test.each([
    '10.0.0.0/16', '10.4.1.37/27', '172.16.0.0/18', '0.0.0.0/0', '255.255.255.255', '255.255.255.255/32', '10.0.0.36', '192.168.1.1/24',
    '256.1.1.1', '10.0.0.1/33', '1.2.3.4/032', '010.0.0.1', '010.0.0.0/8', '10.1', '1.2.3.4/ 8', '::1', '10.0.0.0/', '10.0.0.0.1',
  ])('%s reads as ipaddr.js reads it', (t) => {
    const r = range(t);
    expect(r ? { start: r.start, end: r.end } : undefined).toEqual(viaIpaddr(t));
  });

  test('masks host bits, keeps the text, and reads no tokens, service tags or non-strings', () => {
    expect(range(' 10.4.1.37/27 ')).toEqual({ start: 0x0a040120, end: 0x0a04013f, text: '10.4.1.37/27' });
    expect(range('AzureLoadBalancer')).toBeUndefined();
    expect(range('${azurerm_subnet.x.address_prefixes[0]}')).toBeUndefined();
    expect(range({ Ref: 'Cidr' })).toBeUndefined();
    expect(range(undefined)).toBeUndefined();
  });
});

describe('globMatches', () => {
  /** The anchored, case-insensitive expression the matcher replaced. */
  const viaRegExp = (p: string, t: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i').test(t);

  test.each([
    ['bedrock-agentcore:*', 'bedrock-agentcore:GetResourceOauth2Token', true],
    ['bedrock-agentcore:Get*Token', 'bedrock-agentcore:GetResourceOauth2Token', true],
    ['BEDROCK-AGENTCORE:getresourceoauth2token', 'bedrock-agentcore:GetResourceOauth2Token', true],
    ['bedrock-agentcore:Get*', 'bedrock-agentcore:CreateWorkloadIdentity', false],
    ['*', '', true],
    ['', '', true],
    ['', 'x', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['*token-vault/*', 'arn:aws:bedrock-agentcore:eu-central-1:123456789012:token-vault/default', true],
    ['arn:aws:s3:::bucket.name', 'arn:aws:s3:::bucketXname', false],
    ['**a', 'bba', true],
  ])('%s against %s: %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
    expect(viaRegExp(pattern, text)).toBe(expected);
  });
});
