/**
 * CloudFormation differ over @aws-cdk/cloudformation-diff, which knows which property
 * changes replace a resource and which IAM changes broaden permissions. Noise that is not
 * a real change (CDK metadata, asset hashes, the bootstrap version) is removed first.
 */
import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { isSecurityPath, isSecurityType, isStateful } from './classify';
import type { ChangeKind, ResourceChange } from './model';
import { deepChanges } from './values';

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
    const replacing = new Set(Object.entries(rd.propertyUpdates)
      .filter(([, p]) => p.changeImpact === ResourceImpact.WILL_REPLACE || p.changeImpact === ResourceImpact.MAY_REPLACE)
      .map(([k]) => k));
    const properties = rd.isAddition || rd.isRemoval ? [] : Object.keys(rd.propertyUpdates).sort().flatMap((k) =>
      deepChanges(rd.oldProperties?.[k], rd.newProperties?.[k], k, () => replacing.has(k)));
    const kind = kindOf(rd.changeImpact, rd.isAddition, rd.isRemoval);
    changes.push({
      resource: id,
      resourceType: type,
      kind,
      stateful: isStateful(type),
      security: isSecurityType(type) || properties.some((p) => isSecurityPath(p.path)),
      properties,
    });
  });
  changes.sort((a, b) => a.resource.localeCompare(b.resource));
  return { changes, permissionsBroadened: diff.permissionsBroadened };
}
