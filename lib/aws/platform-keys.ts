/**
 * Customer-managed KMS keys of the agent layer, one per data class, so a key policy or a
 * key deletion affects one kind of data only.
 *
 * - `logs`: CloudWatch Logs (VPC flow logs, VPN tunnel logs, runtime logs, custom resource logs)
 * - `data`: agent state (DynamoDB, S3 artifacts, AgentCore Memory, tool Gateway, SNS)
 * - `secrets`: VPN pre-shared keys in Secrets Manager
 *
 * Keys rotate yearly and are retained on stack deletion (data encrypted under them may outlive the stack).
 *
 * @example
 * const keys = new PlatformKeys(stack, 'Keys', { aliasPrefix: 'stateline' });
 * new logs.LogGroup(stack, 'Logs', { encryptionKey: keys.logs });
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
import { Construct } from 'constructs';
import { Arn, ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CLOUDWATCH_LOGS_KEY_ACTIONS } from './perms';

/** Properties of {@link PlatformKeys}. */
export interface PlatformKeysProps {
  /** Alias prefix: keys get `alias/<prefix>/<purpose>`. */
  readonly aliasPrefix: string;
  /**
   * What happens to the keys when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

export class PlatformKeys extends Construct {
  public readonly logs: kms.Key;
  public readonly data: kms.Key;
  public readonly secrets: kms.Key;

  constructor(scope: Construct, id: string, props: PlatformKeysProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const key = (keyId: string, description: string) =>
      new kms.Key(this, keyId, {
        alias: `alias/${props.aliasPrefix}/${keyId.toLowerCase()}`,
        description,
        enableKeyRotation: true,
        removalPolicy,
      });
    this.logs = key('Logs', 'stateline: CloudWatch Logs (flow, VPN tunnel, runtime logs)');
    this.data = key('Data', 'stateline: agent state (DynamoDB, S3, AgentCore Memory and Gateway, SNS)');
    this.secrets = key('Secrets', 'stateline: VPN pre-shared keys and the agents\' Entra client secrets');
    this.allowCloudWatchLogs();
  }

  /**
   * CloudWatch Logs encrypts with the caller-supplied key only if the key policy lets the
   * regional Logs service principal use it, scoped to this account's log groups.
   */
  private allowCloudWatchLogs(): void {
    const stack = Stack.of(this);
    this.logs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogs',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: [...CLOUDWATCH_LOGS_KEY_ACTIONS],
      // In a key policy `*` means "this key".
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': Arn.format({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }, stack),
        },
      },
    }));
  }
}
