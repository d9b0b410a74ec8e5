/**
 * A wait after role assignments, before the operations that use them: Azure RBAC is eventually
 * consistent, and an operation right after its assignment can fail with 403 (first applies of
 * a customer-managed key or an AKS cluster on a fresh identity; hashicorp/terraform-provider-azurerm#23927).
 * Key Vault documents "up to 10 minutes" for a role assignment to apply, hence the default.
 *
 * A `time_sleep` (hashicorp/time) that depends on the assignments and sleeps on create only; its
 * triggers are the assignment ids, so a replaced assignment (new principal) waits again.
 * Resources that need the grants depend on {@link RbacPropagationWait.sleep}.
 *
 * @example
 * const wait = new RbacPropagationWait(this, 'KeyAccessWait', { grants: [grant] });
 * new CognitiveAccountCustomerManagedKeyA(this, 'Cmk', { ..., dependsOn: [wait.sleep] });
 * @see https://learn.microsoft.com/azure/key-vault/general/rbac-guide#known-limits-and-performance
 * @see https://registry.terraform.io/providers/hashicorp/time/0.13.1/docs/resources/sleep
 */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Sleep } from '@cdktf/provider-time/lib/sleep';

/** Key Vault's documented upper bound for a role assignment to take effect. */
export const RBAC_PROPAGATION_SECONDS = 600;

/** Stack-level id of the hashicorp/time provider (one per stack). */
const TIME_PROVIDER_ID = 'time';

/** Properties of {@link RbacPropagationWait}. */
export interface RbacPropagationWaitProps {
  /** The role assignments to wait for. */
  readonly grants: readonly RoleAssignment[];
  /**
   * How long to wait after the assignments are created.
   * @default RBAC_PROPAGATION_SECONDS (600)
   */
  readonly seconds?: number;
}

export class RbacPropagationWait extends Construct {
  public readonly sleep: Sleep;

  constructor(scope: Construct, id: string, props: RbacPropagationWaitProps) {
    super(scope, id);
    if (props.grants.length === 0) throw new Error(`RbacPropagationWait ${this.node.path}: no role assignments to wait for`);
    const seconds = props.seconds ?? RBAC_PROPAGATION_SECONDS;
    if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`RbacPropagationWait ${this.node.path}: seconds must be a positive integer, got ${seconds}`);
    timeProvider(this);
    this.sleep = new Sleep(this, 'Resource', {
      createDuration: `${seconds}s`,
      triggers: Object.fromEntries(props.grants.map((g, i) => [`role_assignment_${i + 1}`, g.id])),
      dependsOn: [...props.grants],
    });
  }
}

/** The stack's hashicorp/time provider, created on first use. */
function timeProvider(scope: Construct): TimeProvider {
  const stack = TerraformStack.of(scope);
  return (stack.node.tryFindChild(TIME_PROVIDER_ID) as TimeProvider | undefined) ?? new TimeProvider(stack, TIME_PROVIDER_ID, {});
}
