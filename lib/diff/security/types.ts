/** The shape of one security classification kind (one file per kind, like the policy rules). */
import type { ChangeKind } from '../model';
import type { RawChange } from '../values';

export interface SecurityInput {
  readonly cloud: 'aws' | 'azure';
  readonly resourceType: string;
  readonly kind: ChangeKind;
  /** Property-level changes (updates and replacements; empty for additions and removals). */
  readonly changes: readonly RawChange[];
  /** Properties before and after (CloudFormation `Properties`, Terraform resource body). */
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
}

export interface SecurityKind {
  /** Stable id, e.g. `network-placement`. */
  readonly id: string;
  /** Short title used as the prefix of every reason. */
  readonly title: string;
  /** When a change of this kind is security-relevant (documentation, docs/DIFF.md). */
  readonly security: string;
  /** When it is not (documentation). */
  readonly notSecurity: string;
  /** Reasons this change is security-relevant under this kind; empty when it is not. */
  readonly classify: (input: SecurityInput) => string[];
}
