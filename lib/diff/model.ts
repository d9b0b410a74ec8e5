/** The diff report model shared by the AWS and Azure differs and the renderers. */
import type { CostDelta } from '../cost/model';

export type ChangeKind = 'add' | 'remove' | 'update' | 'replace';

/** One list element added, removed or moved. */
export interface ElementChange {
  readonly op: 'add' | 'remove' | 'move';
  /** The element as JSON (secrets masked), never cut. */
  readonly value: string;
  /** Ordered lists: position in the old list (remove) or the new list (add). Sets have no positions. */
  readonly index?: number;
  /** Moves (ordered lists only): old and new position. */
  readonly from?: number;
  readonly to?: number;
}

export interface PropertyChange {
  /** Dotted path, e.g. `VpnTunnelOptionsSpecifications[0].TunnelInsideCidr` or `sku.capacity`. */
  readonly path: string;
  /** Old/new values as JSON (secrets masked; absent = not set). Absent for element-level list changes. */
  readonly old?: string;
  readonly new?: string;
  /**
   * List changes element by element, in a stable order: removals, additions, moves (sets sorted
   * by value, lists by position). A reorder of a set is no change at all.
   */
  readonly elements?: readonly ElementChange[];
  /** The provider treats this list as a set (element order carries no meaning). */
  readonly set?: boolean;
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
  /** Widens access or exposure, or touches keys and secrets (see lib/diff/security/). */
  readonly security: boolean;
  /** Why it is security-relevant, one line per reason (`kind: what the change does`). */
  readonly securityReasons?: readonly string[];
  readonly properties: readonly PropertyChange[];
  /**
   * Topology fields that cause this change (field paths such as `aws.vpc.maxAzs`); `[]` when
   * no single field explains it (unattributed). Absent when attribution did not run.
   */
  readonly causes?: readonly string[];
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

/** One topology field that differs between the two sides (values as JSON). */
export interface TopologyFieldChange {
  /** Field path; list elements by identity, e.g. `azure.serving[francecentral].models[gpt-5-6-terra].capacity`. */
  readonly path: string;
  /** Absent when the field (or list element) is added. */
  readonly old?: string;
  /** Absent when the field (or list element) is removed. */
  readonly new?: string;
}

/** What one topology field change does to the synthesized outputs. */
export interface TopologyEffect {
  readonly field: string;
  /** e.g. `replaces 2 subnets, removes 1 route table, updates 11 VPC endpoints`. */
  readonly summary: string;
  readonly resources: number;
}

/** The topology diff that heads the report, and how resource changes were attributed to it. */
export interface TopologySection {
  /** Where each side's topology was read (`stateline.topology.json`, a config file) or `unknown`. */
  readonly before: string;
  readonly after: string;
  readonly changes: readonly TopologyFieldChange[];
  readonly effects: readonly TopologyEffect[];
  /** Resource changes no single topology field explains (several fields together, code, edited outputs). */
  readonly unattributed: number;
  /** Resource changes that re-synthesizing the *before* topology with the current code already makes: code, not topology. */
  readonly fromCode?: number;
  /** How attribution ran, or why it did not. */
  readonly attribution: string;
}

export interface DiffReport {
  readonly version: 1;
  /** Present when both topologies are known (or one is, and the other is reported unknown). */
  readonly topology?: TopologySection;
  readonly stacks: readonly StackDiff[];
  readonly policy: { readonly introduced: readonly PolicyFindingRef[]; readonly fixed: readonly PolicyFindingRef[] };
  /** Monthly cost floor before and after, per cloud (lib/cost); absent when not computed. */
  readonly cost?: CostDelta;
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
