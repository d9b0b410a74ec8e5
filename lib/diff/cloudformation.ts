/**
 * CloudFormation differ over @aws-cdk/cloudformation-diff, which knows which property
 * changes replace a resource (and marks references to replaced resources) and which IAM
 * changes broaden permissions. Noise that is not a real change (CDK metadata, asset hashes,
 * the bootstrap version) is removed first. Lists are compared element by element; lists
 * CloudFormation treats as sets ignore order (./list-semantics.ts).
 */
import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { isStateful } from './classify';
import { isSetList } from './list-semantics';
import type { ChangeKind, ResourceChange } from './model';
import { classifySecurity } from './security';
import { deepRawChanges, RawChange, renderChange } from './values';

type Template = { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: unknown }>; [k: string]: unknown };

const ASSET_HASH = /[0-9a-f]{64}/g;

/** Strips what changes without changing infrastructure. */
export function normalizeTemplate(t: Template | undefined): Template {
  if (!t) return {};
  const text = JSON.stringify(t).replace(ASSET_HASH, '<asset-hash>');
  const out = JSON.parse(text) as Template;
  const resources: NonNullable<Template['Resources']> = {};
  for (const [id, r] of Object.entries(out.Resources ?? {})) {
    if (r.Type === 'AWS::CDK::Metadata') continue;
    const { Metadata: _m, ...rest } = r;
    resources[id] = rest as typeof r;
  }
  const { Rules: _rules, ...others } = out;
  const params = { ...((others.Parameters as Record<string, unknown>) ?? {}) };
  delete params.BootstrapVersion;
  return { ...others, Parameters: params, Resources: resources };
}

function kindOf(impact: ResourceImpact, isAdd: boolean, isRemove: boolean): ChangeKind {
  if (isAdd) return 'add';
  if (isRemove) return 'remove';
  return impact === ResourceImpact.WILL_REPLACE || impact === ResourceImpact.MAY_REPLACE ? 'replace' : 'update';
}

export function diffCloudFormation(oldT: Template | undefined, newT: Template | undefined): { changes: ResourceChange[]; permissionsBroadened: boolean } {
  const diff = fullDiff(normalizeTemplate(oldT), normalizeTemplate(newT));
  const changes: ResourceChange[] = [];
  diff.resources.forEachDifference((id, rd) => {
    if (!rd.isDifferent) return;
    const type = (rd.newResourceType ?? rd.oldResourceType) as string;
    const ctx = { isSet: (p: string) => isSetList(type, p), replaces: () => false };
    // propertyUpdates carry cloudformation-diff's values, where a reference to a replaced
    // resource reads `X (replaced)`: that is why an otherwise unchanged property replaces.
    const raw: RawChange[] = rd.isAddition || rd.isRemoval ? [] : Object.keys(rd.propertyUpdates).sort().flatMap((k) => {
      const p = rd.propertyUpdates[k];
      const replacing = p.changeImpact === ResourceImpact.WILL_REPLACE || p.changeImpact === ResourceImpact.MAY_REPLACE;
      return deepRawChanges(p.oldValue, p.newValue, k, { ...ctx, replaces: () => replacing });
    });
    // Resource attributes outside Properties (DeletionPolicy, DependsOn, Condition, ...).
    if (!rd.isAddition && !rd.isRemoval) {
      for (const [k, d] of Object.entries(rd.otherChanges).sort(([a], [b]) => a.localeCompare(b))) {
        if (k !== 'Type' && k !== 'Properties') deepRawChanges(d.oldValue, d.newValue, k, ctx, raw);
      }
    }
    const kind = kindOf(rd.changeImpact, rd.isAddition, rd.isRemoval);
    // Only a set was reordered: not a change.
    if (kind === 'update' && raw.length === 0) return;
    const reasons = classifySecurity({ cloud: 'aws', resourceType: type, kind, changes: raw, before: rd.oldProperties, after: rd.newProperties });
    changes.push({
      resource: id,
      resourceType: type,
      kind,
      stateful: isStateful(type),
      security: reasons.length > 0,
      ...(reasons.length ? { securityReasons: reasons } : {}),
      properties: raw.map(renderChange),
    });
  });
  changes.sort((a, b) => a.resource.localeCompare(b.resource));
  return { changes, permissionsBroadened: diff.permissionsBroadened };
}
