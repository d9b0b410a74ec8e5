/**
 * The cross-cloud diagram model, built from the policy engine's inventory of synthesized
 * outputs (not from the topology), so it shows what will really be deployed.
 */

export type CloudId = 'aws' | 'azure' | 'link' | 'other';

export interface GraphGroup {
  readonly id: string;
  readonly label: string;
  readonly cloud: CloudId;
  /** Enclosing group (cloud boundary groups have none). */
  readonly parent?: string;
}

export interface GraphNode {
  readonly id: string;
  readonly label: string;
  readonly group: string;
  readonly role: string;
  /** Inventory resources this node stands for (a collapsed node stands for many). */
  readonly resources: readonly string[];
  /** Unsuppressed error rule ids on any of its resources: drawn in red. */
  readonly violations: readonly string[];
  /** Stack of the resource a significant node stands for (matched against proven path targets). */
  readonly stackOf?: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  /** `request`: the inference request path; `link`: VPN tunnels; `uses`: structure; `layout`: invisible, places clouds side by side. */
  readonly kind: 'request' | 'link' | 'uses' | 'layout';
}

export interface CloudGraph {
  readonly groups: readonly GraphGroup[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}
