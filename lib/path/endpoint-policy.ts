/**
 * Whether a VPC endpoint's policy lets one request through, evaluated the way IAM evaluates an
 * endpoint policy: an explicit Deny that matches wins, otherwise some Allow must match the
 * principal, the action, the resource and every condition. No policy means AWS's default
 * (full access).
 *
 * Conditions are evaluated for the request's known context: the caller is a role of the
 * runtime's template, the resource is in the same account; `aws:PrincipalAccount` /
 * `aws:ResourceAccount` match `AWS::AccountId` (a literal account id is taken as the stack's
 * own: a template does not say which account it deploys to), `aws:PrincipalOrgID` /
 * `aws:ResourceOrgID` are taken as the organization the policy names (principal and resource
 * share one account), `aws:PrincipalArn` must name the role, `aws:PrincipalIsAWSService` is
 * false, `aws:SourceVpce` / `aws:SourceVpc` are this endpoint and its VPC. An Allow whose
 * conditions use other keys is not counted (the proof cannot show it matches); a Deny with
 * such keys is not counted either.
 * @see https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import { endpointPolicy, PolicyCondition, PolicyStatement, statementLabel } from '../policy/detect/endpoint-policy';
import type { InventoryResource, InventoryView } from '../policy/types';
import { isObj, literal, referencedId } from '../policy/util/values';
import { globMatches } from './net';
import { resolve } from './refs';

/** One request through an endpoint. */
export interface EndpointRequest {
  readonly action: string;
  /** The calling role (a resource of the endpoint's template). */
  readonly role: InventoryResource;
  /** The resource acted on (a resource of the inputs). */
  readonly resource: InventoryResource;
  /**
   * Accounts of the caller and of the resource: `self` (the stack's account, the default) or a
   * literal account id (an image in a registry account, a URL presigned by a service account).
   */
  readonly principalAccount?: string;
  readonly resourceAccount?: string;
  /** Resource ARN path after the account (`token-vault/default/oauth2credentialprovider/<name>`), for literal ARN patterns. */
  readonly resourcePath: string;
  readonly service: string;
}

export interface EndpointVerdict {
  readonly allowed: boolean;
  /** The statement that decided (or why nothing allowed it). */
  readonly detail: string;
}

const glob = globMatches;

const PSEUDO = /^AWS::(AccountId|Region|Partition|URLSuffix)$/;

/** A value as text where pseudo parameters become `*` (they match this stack's own account, region, partition). */
function patternText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.replace(/\$\{AWS::(AccountId|Region|Partition|URLSuffix)\}/g, '*');
  if (!isObj(v)) return undefined;
  if (typeof v.Ref === 'string') return PSEUDO.test(v.Ref) ? '*' : undefined;
  const join = v['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    const parts = join[1].map(patternText);
    return parts.every((p) => p !== undefined) ? parts.join(String(join[0] ?? '')) : undefined;
  }
  const sub = v['Fn::Sub'];
  if (typeof sub === 'string') return patternText(sub);
  return undefined;
}

const isSelfRef = (v: unknown): boolean => (isObj(v) && v.Ref === 'AWS::AccountId') || v === '${AWS::AccountId}';

/**
 * Whether a condition value names `account`: `self` matches `AWS::AccountId` and any literal
 * (taken as the stack's own); a literal account matches itself only (whether the deploying
 * account is that one is unknown: `AWS::AccountId` does not prove it).
 */
function accountMatches(v: unknown, account: string): boolean {
  if (v === '*') return true;
  if (account === 'self') return isSelfRef(v) || (typeof v === 'string' && /^\d{12}$/.test(v));
  return v === account;
}

function principalMatches(inv: InventoryView, endpoint: InventoryResource, st: PolicyStatement, req: EndpointRequest): boolean {
  if (st.principals === '*') return !st.notPrincipal;
  const account = req.principalAccount ?? 'self';
  const hit = st.principals.some((p) => {
    if (account === 'self' && resolve(inv, endpoint, p) === req.role) return true;
    // An account (`123456789012`, `arn:aws:iam::<account>:root`) covers its roles.
    const id = /^arn:[^:]*:iam::([^:]*):root$/.exec(patternText(p) ?? '')?.[1] ?? p;
    return p === '*' || accountMatches(id === '*' ? '*' : id, account) || (typeof id === 'string' && id.startsWith('*'));
  });
  return st.notPrincipal ? !hit : hit;
}

function actionMatches(st: PolicyStatement, action: string): boolean {
  const hit = st.actions.some((a) => typeof a === 'string' && glob(a, action));
  return st.notActions ? !hit : hit;
}

function resourceMatches(inv: InventoryView, endpoint: InventoryResource, st: PolicyStatement, req: EndpointRequest): boolean {
  if (st.resources === undefined) return true;
  const hit = st.resources.some((r) => {
    if (r === '*') return true;
    if (referencedId(r) !== undefined && resolve(inv, endpoint, r) === req.resource) return true;
    const text = patternText(r);
    if (text === undefined) return false;
    const [arn, , service, , account, ...rest] = text.split(':');
    // Region and account: pseudo parameters, wildcards and literals (taken as the stack's own).
    return arn === 'arn' && glob(service, req.service) && (account === '*' || /^\d{0,12}$/.test(account) || account.includes('*')) && glob(rest.join(':'), req.resourcePath);
  });
  return st.notResources ? !hit : hit;
}

type Truth = boolean | 'unknown';

/** Evaluates one condition for the request; `unknown` when the key is not modelled. */
function condition(inv: InventoryView, endpoint: InventoryResource, c: PolicyCondition, req: EndpointRequest): Truth {
  const op = c.operator.replace(/^For(Any|All)Value:/i, '');
  // `...IfExists` behaves like the plain operator here: every key modelled is present in the request.
  const base = op.replace(/IfExists$/i, '');
  const negated = /Not/.test(base);
  let matches: Truth;
  switch (c.key) {
    case 'aws:principalaccount':
      matches = c.values.some((v) => accountMatches(v, req.principalAccount ?? 'self'));
      break;
    case 'aws:resourceaccount':
      matches = c.values.some((v) => accountMatches(v, req.resourceAccount ?? 'self'));
      break;
    case 'aws:principalorgid':
    case 'aws:resourceorgid':
    case 'aws:principalorgpaths':
    case 'aws:resourceorgpaths':
      // Principal and resource in the stack's account: taken as a member of the organization named.
      if ((c.key.includes('principal') ? req.principalAccount ?? 'self' : req.resourceAccount ?? 'self') !== 'self') return 'unknown';
      matches = c.values.some((v) => literal(v) !== undefined);
      break;
    case 'aws:principalarn':
      matches = (req.principalAccount ?? 'self') === 'self' && c.values.some((v) => resolve(inv, endpoint, v) === req.role || (patternText(v) ?? '') === '*');
      break;
    case 'aws:principalisawsservice':
      matches = c.values.some((v) => String(v).toLowerCase() === 'false');
      return negated ? !matches : matches;
    case 'aws:securetransport':
      matches = c.values.some((v) => String(v).toLowerCase() === 'true');
      return negated ? !matches : matches;
    case 'aws:sourcevpce':
      matches = c.values.some((v) => resolve(inv, endpoint, v) === endpoint);
      break;
    case 'aws:sourcevpc':
      matches = c.values.some((v) => { const vpc = resolve(inv, endpoint, endpoint.properties.VpcId); return vpc !== undefined && resolve(inv, endpoint, v) === vpc; });
      break;
    default:
      return 'unknown';
  }
  return negated ? !matches : matches;
}

function conditionsHold(inv: InventoryView, endpoint: InventoryResource, st: PolicyStatement, req: EndpointRequest): Truth {
  let out: Truth = true;
  for (const c of st.conditions) {
    const t = condition(inv, endpoint, c, req);
    if (t === false) return false;
    if (t === 'unknown') out = 'unknown';
  }
  return out;
}

/** The endpoint policy's verdict on the request. */
export function endpointAllows(inv: InventoryView, endpoint: InventoryResource, req: EndpointRequest): EndpointVerdict {
  const policy = endpointPolicy(inv, endpoint);
  if (policy.kind === 'default') return { allowed: true, detail: 'no endpoint policy (full access)' };
  if (policy.kind === 'unknown') return { allowed: true, detail: `endpoint policy not evaluated: ${policy.why}` };
  const applies = (st: PolicyStatement) => principalMatches(inv, endpoint, st, req) && actionMatches(st, req.action) && resourceMatches(inv, endpoint, st, req);
  for (const st of policy.statements) {
    if (st.effect === 'Deny' && applies(st) && conditionsHold(inv, endpoint, st, req) === true) {
      return { allowed: false, detail: `statement ${statementLabel(st)} denies it` };
    }
  }
  const allow = policy.statements.find((st) => st.effect === 'Allow' && applies(st) && conditionsHold(inv, endpoint, st, req) === true);
  if (allow) return { allowed: true, detail: `allowed by statement ${statementLabel(allow)}` };
  const sids = policy.statements.filter((s) => s.effect === 'Allow').map(statementLabel);
  return { allowed: false, detail: `no Allow statement matches (${sids.join(', ') || 'none'})` };
}
