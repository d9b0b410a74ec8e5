/** Reading one tunnel's key from a Site-to-Site VPN-managed secret. */
import { tunnelPskFromSecret } from '../../lib/deploy/vpn-psk';

const ARN = 'arn:aws:secretsmanager:eu-central-1:210987654321:secret:s2svpn!vpn-0a1b2c3d4e5f60718-AbCdEf';

describe('tunnelPskFromSecret', () => {
  test("takes the key under the tunnel's outside IP", () => {
    const value = JSON.stringify({ '3.120.0.1': 'Aa1.b_c2D3e4F5g6', '3.120.0.2': 'Zz9_y.x8W7v6U5t4' });
    expect(tunnelPskFromSecret(value, '3.120.0.2', ARN)).toBe('Zz9_y.x8W7v6U5t4');
  });

  test('fails without echoing the value: not JSON, not an object, no such tunnel, not a valid key', () => {
    const cases: Array<[string, RegExp]> = [
      ['Sup3rS3cretPlainText', /is not the JSON object Site-to-Site VPN stores/],
      ['["Sup3rS3cretInArray1"]', /is not the JSON object/],
      [JSON.stringify({ '3.120.0.9': 'Sup3rS3cretOtherOne' }), /holds no key for the tunnel at 3\.120\.0\.1; it holds keys for 3\.120\.0\.9/],
      [JSON.stringify({ '3.120.0.1': '0Sup3rS3cret-bad!' }), /is not a valid pre-shared key/],
    ];
    for (const [value, message] of cases) {
      let error = '';
      try {
        tunnelPskFromSecret(value, '3.120.0.1', ARN);
      } catch (e) {
        error = (e as Error).message;
      }
      expect(error).toMatch(message);
      expect(error).not.toMatch(/Sup3rS3cret/);
      expect(error).toContain(ARN);
    }
  });
});
