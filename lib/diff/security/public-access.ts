/**
 * Public access: switches that make a resource reachable from the internet or accept weaker
 * authentication or transport (public network access, a public agent runtime, a public AKS API,
 * local/key auth, an ACL default of Allow, allowed IP ranges, public IPs, S3 public-access
 * blocks, minimum TLS). Turning them toward public widens exposure; toward private narrows it.
 */
import type { RawChange } from '../values';
import type { SecurityKind } from './types';
import { leaf, short } from './util';

interface Toggle {
  /** Property name (last path segment). */
  readonly name: RegExp;
  /** True when the new value (undefined = removed, i.e. the provider default) is the exposed side. */
  readonly exposed: (value: unknown, old: unknown) => boolean;
  readonly what: string;
}

const TOGGLES: readonly Toggle[] = [
  // azurerm defaults public_network_access_enabled and local_auth_enabled to true: removing a false widens.
  { name: /^public_network_access_enabled$/, exposed: (v, o) => v === true || (v === undefined && o === false), what: 'public network access' },
  { name: /^(PublicNetworkAccess|public_network_access)$/, exposed: (v) => /^enabled$/i.test(String(v)), what: 'public network access' },
  { name: /^local_auth_enabled$/, exposed: (v, o) => v === true || (v === undefined && o === false), what: 'key-based (local) authentication' },
  { name: /^shared_access_key_enabled$/, exposed: (v, o) => v === true || (v === undefined && o === false), what: 'shared key authentication' },
  { name: /^NetworkMode$/, exposed: (v) => v === 'PUBLIC', what: 'a public network mode' },
  { name: /^private_cluster_enabled$/, exposed: (v, o) => v === false || (v === undefined && o === true), what: 'a public AKS API server' },
  { name: /^private_cluster_public_fqdn_enabled$/, exposed: (v) => v === true, what: 'a public FQDN for the AKS API server' },
  { name: /^(node_public_ip_enabled|MapPublicIpOnLaunch|AssociatePublicIpAddress|PubliclyAccessible|allow_nested_items_to_be_public)$/, exposed: (v) => v === true, what: 'public IPs or public access' },
  { name: /^default_action$/, exposed: (v, o) => v === 'Allow' || (v === undefined && o === 'Deny'), what: 'an ACL that allows by default' },
  { name: /^(BlockPublicAcls|BlockPublicPolicy|IgnorePublicAcls|RestrictPublicBuckets)$/, exposed: (v, o) => v === false || (v === undefined && o === true), what: 'S3 public access' },
  { name: /^(Scheme|scheme)$/, exposed: (v) => v === 'internet-facing', what: 'an internet-facing load balancer' },
  { name: /^(AuthType|authorization_type)$/, exposed: (v) => v === 'NONE', what: 'unauthenticated access' },
];

/** Lists of allowed public sources: adding an entry lets more of the internet in. */
const ALLOW_LISTS = /^(ip_rules|authorized_ip_ranges|ip_range_filter|allowed_ips|IpRules)$/;
const TLS = /^(min_tls_version|minimum_tls_version|MinimumTlsVersion|MinimumProtocolVersion|ssl_minimal_tls_version_enforced)$/;
const PUBLIC_TYPES = /^(azurerm_public_ip|azurerm_public_ip_prefix|AWS::EC2::EIP|AWS::EC2::InternetGateway|AWS::EC2::NatGateway|AWS::EC2::EgressOnlyInternetGateway|AWS::Lambda::Url|aws_eip|aws_internet_gateway|aws_nat_gateway)$/;

const tlsNumber = (v: unknown) => Number(String(v ?? '').replace(/^TLS(v)?/i, '').replace(/_/g, '.').replace(/[^0-9.]/g, '')) || 0;

function exposes(c: RawChange): string | undefined {
  const name = leaf(c.path);
  if (c.list) return ALLOW_LISTS.test(name) && c.list.added.length ? `allows ${c.list.added.map((e) => short(e.value)).join(', ')} (${c.path})` : undefined;
  const t = TOGGLES.find((x) => x.name.test(name));
  if (t && t.exposed(c.new, c.old) && !t.exposed(c.old, undefined)) return `enables ${t.what} (${c.path}: ${short(c.old)} -> ${short(c.new)})`;
  if (TLS.test(name) && c.old !== undefined && tlsNumber(c.new) < tlsNumber(c.old)) return `lowers the minimum TLS version (${c.path}: ${short(c.old)} -> ${short(c.new)})`;
  if (ALLOW_LISTS.test(name) && c.new !== undefined && c.old === undefined) return `allows ${short(c.new)} (${c.path})`;
  return undefined;
}

/** Leaves of a freshly added resource, as changes from nothing. */
function leaves(v: unknown, path: string, out: RawChange[] = []): RawChange[] {
  if (Array.isArray(v)) out.push({ path, list: { set: false, added: v.map((value, index) => ({ value, index })), removed: [], moved: [] }, replaces: false });
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, path ? `${path}.${k}` : k, out);
  else out.push({ path, new: v, replaces: false });
  return out;
}

export const publicAccess: SecurityKind = {
  id: 'public-access',
  title: 'public access',
  security: 'public network access, a public network mode, public IPs, a public AKS API, key-based auth or an Allow-by-default ACL is turned on; allowed public IP ranges are added; an S3 public access block is lifted; the minimum TLS version is lowered; a public IP, internet gateway or function URL is added',
  notSecurity: 'the same switches turned toward private (public access off, VPC mode, private cluster, keyless auth, Deny by default), allowed ranges removed, or a public IP removed',
  classify: ({ resourceType, kind, changes, after }) => {
    if (kind === 'remove') return [];
    if (kind === 'add') {
      if (PUBLIC_TYPES.test(resourceType)) return [`adds ${resourceType}`];
      return leaves(after, '').map(exposes).filter((r): r is string => r !== undefined);
    }
    return changes.map(exposes).filter((r): r is string => r !== undefined);
  },
};
