/**
 * The pre-shared key of one tunnel, out of the Secrets Manager secret Site-to-Site VPN keeps
 * for a connection (`PreSharedKeyStorage: SecretsManager`, ARN `VpnConnection.PreSharedKeyArn`).
 *
 * The service keeps one secret per connection whose value is a JSON object holding each
 * tunnel's key under the tunnel's outside IP address (`{"<outside ip>": "<psk>", ...}`). AWS's
 * API and CloudFormation references document the ARN but not the value's shape (this is the
 * shape public tooling reads), so it is checked here: a mismatch fails phase 3 naming the
 * object's keys, which are addresses, never a value.
 * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/enhanced-security-storage.html
 */

/** What AWS accepts as a tunnel PSK, and Azure as a connection shared key. */
const PSK = /^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$/;

/** The key of the tunnel whose outside IP is `outsideIp`, from the connection secret's value. */
export function tunnelPskFromSecret(secretString: string, outsideIp: string, secretArn: string): string {
  let value: unknown;
  try {
    value = JSON.parse(secretString);
  } catch {
    throw new Error(`secret ${secretArn} is not the JSON object Site-to-Site VPN stores (tunnel outside IP -> pre-shared key)`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`secret ${secretArn} is not the JSON object Site-to-Site VPN stores (tunnel outside IP -> pre-shared key)`);
  }
  const entries = value as Record<string, unknown>;
  const psk = entries[outsideIp];
  if (typeof psk !== 'string') {
    throw new Error(`secret ${secretArn} holds no key for the tunnel at ${outsideIp}; it holds keys for ${Object.keys(entries).join(', ') || 'no tunnel'}`);
  }
  if (!PSK.test(psk)) {
    throw new Error(`the key for the tunnel at ${outsideIp} in secret ${secretArn} is not a valid pre-shared key (8-64 of [A-Za-z0-9._], not starting with 0)`);
  }
  return psk;
}
