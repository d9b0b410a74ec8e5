/**
 * A deploy-time, read-only AWS API lookup (an `AwsCustomResource`) for values CloudFormation
 * has no attribute for, such as VPN tunnel outside IPs or managed prefix list ids.
 *
 * All lookups of a stack share one Lambda function (the AwsCustomResource singleton). This
 * construct gives that function an explicit role whose only standing permission is writing
 * to its own KMS-encrypted log group (no `AWSLambdaBasicExecutionRole` managed policy), and
 * never installs an SDK from npm at deploy time (the function has no business on the internet).
 *
 * **API responses never reach the logs** (`Logging.withDataHidden()`): by default the handler
 * logs the full response, and responses can hold secrets (DescribeVpnConnections returns every
 * tunnel's pre-shared key in `CustomerGatewayConfiguration` unless the keys are stored in Secrets
 * Manager). Only the `outputPaths` fields go back to CloudFormation.
 * The Lambda code is the asset shipped inside aws-cdk-lib, so its asset hash is a content hash,
 * identical on every machine for a given aws-cdk-lib version.
 *
 * @example
 * const lookup = new SdkLookup(stack, 'S3PrefixList', {
 *   call: { service: 'EC2', action: 'describeManagedPrefixLists', parameters: {...}, physicalResourceId },
 *   policyStatements: [new iam.PolicyStatement({ actions: ['ec2:DescribeManagedPrefixLists'], resources: ['*'] })],
 *   logsKey,
 * });
 * lookup.getResponseField('PrefixLists.0.PrefixListId');
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.custom_resources.AwsCustomResource.html
 */
import { Construct } from 'constructs';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';

export interface SdkLookupProps {
  /** The SDK call made on create and on update (its result must fit 4 KB: use `outputPaths`); its `logging` is always data-hidden. */
  readonly call: cr.AwsSdkCall;
  /** The IAM statements the call needs; write a reason next to any `*` resource. */
  readonly policyStatements: iam.PolicyStatement[];
  /** Key of the shared lookup function's log group (used by the first lookup of a stack). */
  readonly logsKey: kms.IKey;
  /**
   * Why the call's policy needs `Resource: *` (APIs without resource-level permissions); recorded as the cdk-nag acknowledgement.
   * @default - no wildcard resource, nothing acknowledged
   */
  readonly wildcardResourceReason?: string;
}

/** Stack-level construct id of the shared role and log group. */
const SUPPORT_ID = 'SdkLookupSupport';

/** The shared function's role and log group: one per stack, created by the first lookup. */
class SdkLookupSupport extends Construct {
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, logsKey: kms.IKey) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: logsKey,
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'stateline: read-only deploy-time AWS API lookups',
    });
    this.logGroup.grantWrite(this.role);
  }

  static of(scope: Construct, logsKey: kms.IKey): SdkLookupSupport {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(SUPPORT_ID) as SdkLookupSupport | undefined) ?? new SdkLookupSupport(stack, SUPPORT_ID, logsKey);
  }
}

export class SdkLookup extends Construct {
  public readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: SdkLookupProps) {
    super(scope, id);
    const support = SdkLookupSupport.of(this, props.logsKey);
    // The handler logs full API responses unless told not to; they may hold secrets.
    const call: cr.AwsSdkCall = { ...props.call, logging: cr.Logging.withDataHidden() };
    this.resource = new cr.AwsCustomResource(this, 'Resource', {
      onCreate: call,
      onUpdate: call,
      policy: cr.AwsCustomResourcePolicy.fromStatements(props.policyStatements),
      role: support.role,
      logGroup: support.logGroup,
      installLatestAwsSdk: false,
      timeout: Duration.minutes(2),
    });
    if (props.wildcardResourceReason) {
      Validations.of(this.resource).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: props.wildcardResourceReason });
    }
  }

  /** A string field of the call's response (one of `outputPaths`). */
  public getResponseField(path: string): string {
    return this.resource.getResponseField(path);
  }
}
