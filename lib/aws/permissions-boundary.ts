/**
 * The permission boundary of every agent-layer role: an allow-list of the services the
 * agent layer uses, and an explicit Deny of every model-invocation action.
 *
 * A boundary grants nothing; it caps what identity policies can grant. So even a later
 * `bedrock:InvokeModel`, `bedrock:*` or `*` grant on an agent role stays ineffective, and a
 * model can only be reached the intended way: over the VPN to Azure.
 *
 * @example
 * const boundary = new ModelInvocationBoundary(stack, 'Boundary');
 * boundary.applyTo(runtime);   // every role created under `runtime`
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
import { Construct, IConstruct } from 'constructs';
import { Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AGENT_BOUNDARY_SERVICES, MODEL_INVOCATION_DENY } from './perms';

/** Actions the bounded roles may use on exactly the listed resources (no service-wide allowance). */
export interface ScopedAllow {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** Properties of {@link ModelInvocationBoundary}. */
export interface ModelInvocationBoundaryProps {
  /**
   * Services the bounded roles may use at most.
   * @default AGENT_BOUNDARY_SERVICES
   */
  readonly allowedActions?: readonly string[];
  /**
   * Further actions allowed only on the given resources (a tool gateway's Lambda functions and
   * Smithy service actions). The model-invocation Deny still wins over every Allow.
   * @default none
   */
  readonly scopedAllows?: readonly ScopedAllow[];
}

export class ModelInvocationBoundary extends Construct {
  public readonly policy: iam.ManagedPolicy;

  /** The explicit Deny statement, also usable inline on a role for defence in depth. */
  public static denyStatement(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyModelInvocation',
      effect: iam.Effect.DENY,
      actions: [...MODEL_INVOCATION_DENY],
      // A Deny on every resource: model ARNs, inference profiles and endpoints in any region or account.
      resources: ['*'],
    });
  }

  constructor(scope: Construct, id: string, props: ModelInvocationBoundaryProps = {}) {
    super(scope, id);
    this.policy = new iam.ManagedPolicy(this, 'Resource', {
      description: 'stateline boundary: agent-layer services only; no model invocation on AWS (inference is served from Azure)',
      statements: [
        new iam.PolicyStatement({
          sid: 'AgentLayerServices',
          actions: [...(props.allowedActions ?? AGENT_BOUNDARY_SERVICES)],
          // A boundary caps, it does not grant: resource scoping is done by the identity policies it bounds.
          resources: ['*'],
        }),
        ...(props.scopedAllows ?? []).map((allow, i) => new iam.PolicyStatement({
          sid: `ScopedTargets${i + 1}`,
          actions: [...allow.actions],
          resources: [...allow.resources],
        })),
        ModelInvocationBoundary.denyStatement(),
      ],
    });
    const reason = 'Permission boundary, not a grant: its wildcards cap what the bounded agent roles can ever be granted; effective permissions are the resource-scoped identity policies it bounds.';
    const wildcards = (props.allowedActions ?? AGENT_BOUNDARY_SERVICES).filter((a) => a.includes('*'));
    const scopedPatterns = (props.scopedAllows ?? []).flatMap((a) => a.resources).filter((r) => !Token.isUnresolved(r) && r.includes('*'));
    for (const finding of ['Resource::*', ...wildcards.map((a) => `Action::${a}`), ...[...new Set(scopedPatterns)].map((r) => `Resource::${r}`)]) {
      Validations.of(this.policy).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    }
  }

  /** Sets this boundary on every IAM role created under `scope`. */
  public applyTo(scope: IConstruct): void {
    iam.PermissionsBoundary.of(scope).apply(this.policy);
  }
}
