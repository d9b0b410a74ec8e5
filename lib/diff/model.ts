/** The diff report model shared by the AWS and Azure differs and the renderers. */

export type ChangeKind = 'add' | 'remove' | 'update' | 'replace';

export interface PropertyChange {
  /** Dotted path, e.g. `Properties.VpnTunnelOptionsSpecifications[0].TunnelInsideCidr` or `sku.capacity`. */
  readonly path: string;
  /** Old/new values rendered as short JSON (secrets masked). */
  readonly old?: string;
  readonly new?: string;
  /** This property change forces replacement of the resource. */
  readonly replaces: boolean;
}

export interface ResourceChange {
  /** CloudFormation logical id or Terraform address (`type.name`). */
  readonly resource: string;
  readonly resourceType: string;
  readonly kind: ChangeKind;
  /** Holds data or identity that a delete/replace loses (tables, buckets, keys, memory, gateways, clusters...). */
  readonly stateful: boolean;
  /** Touches IAM, network exposure, encryption, DNS or firewall rules. */
  readonly security: boolean;
  readonly properties: readonly PropertyChange[];
}

export interface StackDiff {
  readonly cloud: 'aws' | 'azure';
  readonly stack: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly resources: readonly ResourceChange[];
  /** CloudFormation only: IAM statements widened (from @aws-cdk/cloudformation-diff). */
  readonly permissionsBroadened?: boolean;
}

export interface PolicyFindingRef {
  readonly rule: string;
  readonly severity: string;
  readonly cloud: string;
  readonly stack: string;
  readonly resource: string;
  readonly message: string;
}

export interface DiffReport {
  readonly version: 1;
  readonly stacks: readonly StackDiff[];
  readonly policy: { readonly introduced: readonly PolicyFindingRef[]; readonly fixed: readonly PolicyFindingRef[] };
  readonly summary: {
    readonly aws: CloudSummary;
    readonly azure: CloudSummary;
    readonly destructive: number;
    readonly security: number;
    readonly policyIntroduced: number;
    readonly policyFixed: number;
  };
}

export interface CloudSummary {
  readonly stacks: number;
  readonly added: number;
  readonly updated: number;
  readonly replaced: number;
  readonly removed: number;
}

/** A removal or replacement: something existing is destroyed. */
export function isDestructive(r: ResourceChange): boolean {
  return r.kind === 'remove' || r.kind === 'replace';
}
