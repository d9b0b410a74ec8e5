/**
 * VPC endpoint policies as data: where an endpoint's policy is (CloudFormation `PolicyDocument`,
 * Terraform `aws_vpc_endpoint.policy` or a separate `aws_vpc_endpoint_policy`, awscc
 * `policy_document`, documents built by `aws_iam_policy_document`), its statements in one
 * normalized shape, and whether they form a data perimeter: every Allow limits who may call
 * through the endpoint (principals, their account or organization, or AWS service principals)
 * or which resources may be reached (named resources, or their account or organization).
 *
 * An endpoint without a policy gets AWS's default, full access for any principal to any
 * resource: credentials of any account can reach any account's data through it.
 * @see https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 * @see https://github.com/aws-samples/data-perimeter-policy-examples (vpc_endpoint_policies/)
 */
import type { InventoryResource, InventoryView } from '../types';
import { decodeDocument } from '../util/hcl-expr';
import { allStrings, blocks, isObj, isToken, literal, Obj, path, prop, referencedId, strings } from '../util/values';

/** A condition of a statement: `StringEquals` / `aws:PrincipalAccount` / values. */
export interface PolicyCondition {
  /** As written, e.g. `StringNotEqualsIfExists`, `ForAnyValue:StringLike`. */
  readonly operator: string;
  /** Lowercased key, e.g. `aws:principalaccount`. */
  readonly key: string;
  readonly values: readonly unknown[];
}

/** One statement, from a JSON document or an `aws_iam_policy_document` block. */
export interface PolicyStatement {
  readonly sid?: string;
  /** 1-based position in the document (for messages when there is no Sid). */
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  /** `*` for any principal; otherwise the principal values (ARNs, account ids, service names, references). */
  readonly principals: '*' | readonly unknown[];
  readonly notPrincipal: boolean;
  readonly actions: readonly unknown[];
  readonly notActions: boolean;
  /** `undefined` when the statement has no Resource (gateway endpoint policies may omit it: all resources). */
  readonly resources?: readonly unknown[];
  readonly notResources: boolean;
  readonly conditions: readonly PolicyCondition[];
}

/** An endpoint's policy: absent (AWS's full-access default), unreadable (a token), or its statements. */
export type EndpointPolicy =
  | { readonly kind: 'default' }
  | { readonly kind: 'unknown'; readonly why: string }
  | { readonly kind: 'document'; readonly statements: readonly PolicyStatement[] };

const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

const label = (st: PolicyStatement) => (st.sid ? `"${st.sid}"` : `#${st.index}`);
export const statementLabel = label;

/** Principals of a JSON `Principal` (`*`, `{ AWS: ... }`, `{ Service: ... }`). */
function jsonPrincipals(p: unknown): '*' | unknown[] {
  if (p === '*') return '*';
  if (!isObj(p)) return [];
  const out: unknown[] = [];
  for (const [k, v] of Object.entries(p)) {
    const values = list(v);
    if (k === 'AWS' && values.some((x) => x === '*')) return '*';
    out.push(...values);
  }
  return out;
}

/** Principals of Terraform `principals { type, identifiers }` blocks. */
function tfPrincipals(v: unknown): '*' | unknown[] {
  const out: unknown[] = [];
  for (const b of blocks(v)) {
    const ids = list(b.identifiers);
    if ((b.type === '*' || b.type === 'AWS') && ids.some((x) => x === '*')) return '*';
    out.push(...ids);
  }
  return out;
}

function jsonConditions(c: unknown): PolicyCondition[] {
  if (!isObj(c)) return [];
  const out: PolicyCondition[] = [];
  for (const [operator, keys] of Object.entries(c)) {
    if (!isObj(keys)) continue;
    for (const [key, values] of Object.entries(keys)) out.push({ operator, key: key.toLowerCase(), values: list(values) });
  }
  return out;
}

const tfConditions = (v: unknown): PolicyCondition[] => blocks(v).map((b) => ({
  operator: String(literal(b.test) ?? ''),
  key: String(literal(b.variable) ?? '').toLowerCase(),
  values: list(b.values),
}));

/** Element names of a JSON statement and of an `aws_iam_policy_document` statement block. */
const SYNTAX = {
  json: { sid: 'Sid', effect: 'Effect', principal: 'Principal', notPrincipal: 'NotPrincipal', action: 'Action', notAction: 'NotAction', resource: 'Resource', notResource: 'NotResource', condition: 'Condition', principals: jsonPrincipals, conditions: jsonConditions },
  tf: { sid: 'sid', effect: 'effect', principal: 'principals', notPrincipal: 'not_principals', action: 'actions', notAction: 'not_actions', resource: 'resources', notResource: 'not_resources', condition: 'condition', principals: tfPrincipals, conditions: tfConditions },
} as const;

function normalize(st: Obj, index: number): PolicyStatement {
  const k = 'effect' in st || 'actions' in st || 'principals' in st || 'not_actions' in st ? SYNTAX.tf : SYNTAX.json;
  const notPrincipal = st[k.notPrincipal] !== undefined;
  const hasResource = st[k.resource] !== undefined || st[k.notResource] !== undefined;
  return {
    sid: literal(st[k.sid]),
    index,
    effect: literal(st[k.effect])?.toLowerCase() === 'deny' ? 'Deny' : 'Allow',
    // A statement without a principal element in an endpoint policy applies to every principal.
    principals: st[k.principal] === undefined && !notPrincipal ? '*' : k.principals(notPrincipal ? st[k.notPrincipal] : st[k.principal]),
    notPrincipal,
    actions: list(st[k.action] ?? st[k.notAction]),
    notActions: st[k.notAction] !== undefined,
    resources: hasResource ? list(st[k.resource] ?? st[k.notResource]) : undefined,
    notResources: st[k.notResource] !== undefined,
    conditions: k.conditions(st[k.condition]),
  };
}

/** Statements of a decoded document (JSON `Statement` or Terraform `statement` blocks). */
export function documentStatements(doc: unknown): PolicyStatement[] | undefined {
  if (!isObj(doc)) return undefined;
  const raw = doc.Statement ?? doc.statement;
  if (raw === undefined) return undefined;
  return blocks(raw).map((st, i) => normalize(st, i + 1));
}

/**
 * The policy value of an endpoint record: CloudFormation `PolicyDocument`, Terraform `policy`,
 * awscc `policy_document`, or a separate `aws_vpc_endpoint_policy` attached to it.
 */
function rawPolicy(inv: InventoryView, endpoint: InventoryResource): unknown {
  const own = endpoint.properties.PolicyDocument ?? endpoint.properties.policy ?? endpoint.properties.policy_document;
  if (own !== undefined) return own;
  const attached = inv.memo('perimeter:endpoint-policies', () => {
    const m = new Map<InventoryResource, unknown>();
    for (const p of inv.ofType('aws_vpc_endpoint_policy')) {
      const id = referencedId(p.properties.vpc_endpoint_id);
      const target = id ? inv.lookup(p.stack, id) : undefined;
      if (target) m.set(target, p.properties.policy);
    }
    return m;
  });
  return attached.get(endpoint);
}

/** An endpoint's policy, decoded. */
export function endpointPolicy(inv: InventoryView, endpoint: InventoryResource): EndpointPolicy {
  const raw = rawPolicy(inv, endpoint);
  if (raw === undefined || raw === null) return { kind: 'default' };
  // `${data.aws_iam_policy_document.x.json}`: the statements of that data source.
  const ref = typeof raw === 'string' ? referencedId(raw) : undefined;
  if (ref?.startsWith('data.aws_iam_policy_document.')) {
    const data = inv.lookup(endpoint.stack, ref);
    const statements = data ? documentStatements({ statement: data.properties.statement ?? [] }) : undefined;
    return statements ? { kind: 'document', statements } : { kind: 'unknown', why: `${ref} is not in the inputs` };
  }
  const doc = decodeDocument(raw);
  const statements = documentStatements(doc);
  if (statements) return { kind: 'document', statements };
  return { kind: 'unknown', why: isToken(raw) ? 'the policy is a reference resolved at deploy time' : 'the policy could not be read' };
}

// ------------------------------------------------------------------ perimeter classification

const PRINCIPAL_KEYS = new Set(['aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalarn', 'aws:userid', 'aws:principalservicename']);
const RESOURCE_KEYS = new Set(['aws:resourceaccount', 'aws:resourceorgid', 'aws:resourceorgpaths', 's3:resourceaccount']);

const baseOperator = (op: string) => op.replace(/^For(Any|All)Value:/i, '');
/** A positive match that requires the key to be present (`StringEquals`, `ArnLike`, ... without `IfExists`). */
const positive = (op: string) => /^(String(Equals|Like)(IgnoreCase)?|Arn(Equals|Like))$/i.test(baseOperator(op));
const negative = (op: string) => /^(StringNot(Equals|Like)(IgnoreCase)?|ArnNot(Equals|Like))(IfExists)?$/i.test(baseOperator(op));
const isStar = (v: unknown) => v === '*';

/** AWS service principals only: `Bool aws:PrincipalIsAWSService true`. */
function servicePrincipalsOnly(st: PolicyStatement): boolean {
  return st.conditions.some((c) => /^Bool$/i.test(baseOperator(c.operator)) && c.key === 'aws:principalisawsservice' && c.values.every((v) => String(v).toLowerCase() === 'true'));
}

/** Whether the statement names who may call (principals, their account/organization, or AWS services). */
function limitsPrincipals(st: PolicyStatement): boolean {
  if (st.notPrincipal) return false;
  if (st.principals !== '*' && st.principals.length > 0 && !st.principals.some(isStar)) return true;
  return servicePrincipalsOnly(st) || st.conditions.some((c) => positive(c.operator) && PRINCIPAL_KEYS.has(c.key) && c.values.length > 0 && !c.values.some(isStar));
}

/**
 * A resource entry that names resources: a reference, or an ARN whose account and resource
 * name are not wildcards (`arn:aws:s3:::prod-eu-central-1-starport-layer-bucket/*` names one
 * bucket; `arn:aws:s3:::*` and `arn:aws:ecr:*:*:repository/*` name none).
 */
function namesResources(entry: unknown): boolean {
  if (typeof entry !== 'string') return entry !== undefined && !isStar(entry) && allStrings(entry).every((s) => s !== '*');
  if (isToken(entry)) return true;
  const parts = entry.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const account = parts[4];
  const resource = parts.slice(5).join(':');
  const first = resource.split(/[/:]/)[0];
  if (first === '' || first.includes('*') || first.includes('?')) return false;
  // S3 ARNs carry no account: the bucket name (first segment) is what names the resource.
  return parts[2] === 's3' || (account !== '' && !account.includes('*') && !account.includes('?'));
}

/** Whether the statement names what may be reached (resources, or their account/organization). */
function limitsResources(st: PolicyStatement): boolean {
  if (st.notResources) return false;
  if (st.resources !== undefined && st.resources.length > 0 && st.resources.every(namesResources)) return true;
  return st.conditions.some((c) => positive(c.operator) && RESOURCE_KEYS.has(c.key) && c.values.length > 0 && !c.values.some(isStar));
}

/** A Deny on every action and resource whose condition rejects principals (or resources) outside a boundary. */
function perimeterDeny(st: PolicyStatement, keys: ReadonlySet<string>): boolean {
  if (st.effect !== 'Deny' || st.notActions || !st.actions.some(isStar)) return false;
  if (st.resources !== undefined && !st.resources.some(isStar)) return false;
  return st.conditions.some((c) => negative(c.operator) && keys.has(c.key) && c.values.length > 0);
}

/** Allow statements that leave the perimeter open (any principal to any resource), with why. */
export function openStatements(statements: readonly PolicyStatement[]): string[] {
  const denyPrincipals = statements.some((s) => perimeterDeny(s, PRINCIPAL_KEYS));
  const denyResources = statements.some((s) => perimeterDeny(s, RESOURCE_KEYS));
  const out: string[] = [];
  for (const st of statements) {
    if (st.effect !== 'Allow') continue;
    const who = denyPrincipals || limitsPrincipals(st);
    const what = denyResources || limitsResources(st);
    if (who || what) continue;
    const actions = st.notActions ? `every action but ${strings(st.actions).join(', ')}` : strings(st.actions).join(', ') || '(no literal action)';
    out.push(`statement ${label(st)} allows ${actions} to any principal (${st.notPrincipal ? 'NotPrincipal' : 'Principal *'}, no aws:PrincipalAccount/aws:PrincipalOrgID condition) on any resource (no named resource, no aws:ResourceAccount/aws:ResourceOrgID condition)`);
  }
  return out;
}

// ------------------------------------------------------------------ agent VPCs

const RUNTIME_TYPES = ['AWS::BedrockAgentCore::Runtime', 'aws_bedrockagentcore_agent_runtime', 'awscc_bedrockagentcore_runtime'];
const SUBNET_TYPES = new Set(['AWS::EC2::Subnet', 'aws_subnet', 'awscc_ec2_subnet']);

/** A VPC's identity across references: the resource it resolves to, or its literal id. */
function vpcKey(inv: InventoryView, from: InventoryResource, v: unknown): string | undefined {
  const id = referencedId(v);
  if (id) {
    const r = inv.lookup(from.stack, id);
    return r ? `${r.source}\u0000${r.stack}\u0000${r.id}` : undefined;
  }
  return literal(v);
}

/** VPCs holding an AgentCore runtime in VPC mode: keys, and the runtimes' names by VPC. */
export function agentVpcs(inv: InventoryView): ReadonlyMap<string, string[]> {
  return inv.memo('perimeter:agent-vpcs', () => {
    const m = new Map<string, string[]>();
    for (const type of RUNTIME_TYPES) {
      for (const rt of inv.ofType(type)) {
        if (rt.mode !== 'managed') continue;
        const subnets = list(path(rt.properties, 'NetworkConfiguration', 'NetworkModeConfig', 'Subnets'));
        for (const s of subnets) {
          const id = referencedId(s);
          const subnet = id ? inv.lookup(rt.stack, id) : undefined;
          if (!subnet || !SUBNET_TYPES.has(subnet.type)) continue;
          const key = vpcKey(inv, subnet, prop(subnet.properties, 'VpcId'));
          if (key === undefined) continue;
          const names = m.get(key) ?? [];
          const name = literal(prop(rt.properties, 'AgentRuntimeName')) ?? rt.id;
          if (!names.includes(name)) names.push(name);
          m.set(key, names);
        }
      }
    }
    return m;
  });
}

/** The runtimes in the VPC of an endpoint record (empty when it is not an agent VPC). */
export function runtimesInEndpointVpc(inv: InventoryView, endpoint: InventoryResource): string[] {
  const key = vpcKey(inv, endpoint, prop(endpoint.properties, 'VpcId'));
  return key === undefined ? [] : agentVpcs(inv).get(key) ?? [];
}

/** `com.amazonaws.<region>.<service>` -> `<service>` (also when joined with the region pseudo parameter). */
export function endpointService(endpoint: InventoryResource): string {
  const text = allStrings(prop(endpoint.properties, 'ServiceName')).join('');
  const m = /com\.amazonaws\.(?:[a-z0-9-]+\.)?([a-z0-9.-]+)$/.exec(text) ?? /\.([a-z0-9-]+(?:\.[a-z0-9-]+)*)$/.exec(text);
  return m ? m[1].replace(/^[a-z]{2}(-gov)?-[a-z]+-\d\./, '') : text;
}
