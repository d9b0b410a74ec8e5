/**
 * IAM: policy statements, managed policy attachments, the principals a policy applies to,
 * trust policies, permission boundaries, Azure role assignments and role definitions.
 * Granting more (an Allow statement, action, resource or principal; a removed Deny, condition
 * or boundary) widens access; taking grants away narrows it.
 */
import type { RawChange } from '../values';
import type { SecurityKind } from './types';
import { at, leaf, short } from './util';

const DOCUMENT = /(^|\.)(PolicyDocument|AssumeRolePolicyDocument|KeyPolicy|ResourcePolicy|Policy)\.Statement/;
const GRANT_LISTS = /^(Action|Resource|Principal|AWS|Service|Federated|CanonicalUser)$/;
const EXCLUSION_LISTS = /^(NotAction|NotResource|NotPrincipal)$/;
const ATTACHMENTS = /^(ManagedPolicyArns|Roles|Users|Groups|Policies)$/;
const IAM_TYPES = /^(AWS::IAM::(Policy|ManagedPolicy|Role|User|Group|RolePolicy|UserPolicy|GroupPolicy|InstanceProfile|AccessKey)|AWS::Lambda::Permission|AWS::[A-Za-z0-9]+::[A-Za-z]*Policy|azurerm_role_assignment|azurerm_role_definition|azurerm_federated_identity_credential|azurerm_user_assigned_identity|aws_iam_\w+)$/;

type Statement = { Effect?: string; Action?: unknown; Resource?: unknown; Principal?: unknown };

const isDeny = (s: unknown) => (s as Statement | undefined)?.Effect === 'Deny';
const describe = (s: unknown) => {
  const st = s as Statement;
  return `${st?.Effect ?? 'Allow'} ${short(st?.Action ?? st?.Principal ?? '(no action)')}${st?.Resource !== undefined ? ` on ${short(st.Resource)}` : ''}`;
};

/** The statement a path below `...Statement[i]` belongs to, before or after. */
function statementOf(doc: unknown, path: string): unknown {
  const m = /^(.*\.Statement\[\d+\])/.exec(path);
  return m ? at(doc, m[1]) : undefined;
}

function statementChange(c: RawChange, before: unknown, after: unknown): string[] {
  const name = leaf(c.path);
  if (c.list && name === 'Statement') {
    return [
      ...c.list.added.filter((e) => !isDeny(e.value)).map((e) => `grants ${describe(e.value)}`),
      ...c.list.removed.filter((e) => isDeny(e.value)).map((e) => `removes ${describe(e.value)}`),
    ];
  }
  const deny = isDeny(statementOf(after, c.path) ?? statementOf(before, c.path));
  if (name === 'Effect') return c.new === 'Allow' ? [`turns a Deny into an Allow at ${c.path}`] : [];
  if (/\.Condition(\.|$)/.test(c.path)) {
    const loosened = c.new === undefined || (c.list && c.list.removed.length > 0) || (!c.list && c.old !== undefined);
    return loosened !== deny ? [`${deny ? 'tightens the condition of a Deny' : 'loosens a condition'} at ${c.path}`] : [];
  }
  const grants = GRANT_LISTS.test(name) || GRANT_LISTS.test(leaf(c.path.replace(/\.[^.]+$/, '')));
  const excludes = EXCLUSION_LISTS.test(name);
  if (!grants && !excludes) return [];
  const more = c.list ? c.list.added.map((e) => e.value) : c.new !== undefined && c.new !== c.old ? [c.new] : [];
  const less = c.list ? c.list.removed.map((e) => e.value) : c.old !== undefined && c.new !== c.old ? [c.old] : [];
  // Allow + more grants, or Deny/exclusions + fewer entries, widen access.
  const widened = grants !== deny ? more : less;
  return widened.map((v) => `${grants !== deny ? 'adds' : 'removes'} ${short(v)} ${grants !== deny ? 'to' : 'from'} ${c.path}${deny ? ' (Deny)' : ''}`);
}

export const iam: SecurityKind = {
  id: 'iam',
  title: 'IAM',
  security: 'an Allow statement, action, resource or principal is added; a managed policy or inline policy is attached; a policy applies to more roles; a Deny, a condition or a permission boundary is removed; an Azure role assignment is created or changed',
  notSecurity: 'grants are only removed (statements, actions, attachments, role assignments), or a Deny is added',
  classify: ({ resourceType, kind, changes, before, after }) => {
    const iamType = IAM_TYPES.test(resourceType);
    if (kind === 'add' || kind === 'remove') {
      if (!iamType) return [];
      const props = kind === 'add' ? after : before;
      const docs = Object.entries(props ?? {}).filter(([k]) => /PolicyDocument|KeyPolicy|Policies/.test(k));
      const statements = docs.flatMap(([, d]) => (Array.isArray(d) ? d.flatMap((p) => at(p, 'PolicyDocument.Statement') as unknown[] ?? []) : (at(d, 'Statement') as unknown[] | undefined) ?? []));
      if (kind === 'add') {
        if (resourceType === 'azurerm_role_assignment') return [`assigns ${short(props?.role_definition_name ?? props?.role_definition_id)} on ${short(props?.scope)}`];
        const grants = statements.filter((s) => !isDeny(s));
        return grants.length > 0 || statements.length === 0 ? [`adds ${resourceType}${grants.length ? ` granting ${grants.slice(0, 3).map(describe).join('; ')}${grants.length > 3 ? `; +${grants.length - 3} more` : ''}` : ''}`] : [];
      }
      const denies = statements.filter(isDeny);
      return denies.length > 0 ? [`removes ${resourceType} with ${denies.map(describe).join('; ')}`] : [];
    }
    const reasons: string[] = [];
    for (const c of changes) {
      if (DOCUMENT.test(c.path)) {
        reasons.push(...statementChange(c, before, after));
      } else if (ATTACHMENTS.test(c.path) && c.list) {
        for (const e of c.list.added) reasons.push(`attaches ${short(e.value)} (${c.path})`);
      } else if (c.path === 'PermissionsBoundary' && c.old !== undefined && !(typeof c.new === 'string' && c.new === c.old)) {
        reasons.push(c.new === undefined ? 'removes the permission boundary' : `changes the permission boundary to ${short(c.new)}`);
      } else if (/^(role_definition_name|role_definition_id|scope|principal_id)$/.test(c.path) && resourceType === 'azurerm_role_assignment') {
        reasons.push(`changes ${c.path} from ${short(c.old)} to ${short(c.new)}`);
      } else if (resourceType === 'azurerm_role_definition' && /(^|\.)(actions|data_actions)$/.test(c.path.replace(/\[\d+\]/g, '')) && c.list) {
        for (const e of c.list.added) reasons.push(`adds ${short(e.value)} to ${c.path}`);
      }
    }
    return reasons;
  },
};
