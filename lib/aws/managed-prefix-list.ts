/**
 * The id of an AWS-managed prefix list (`com.amazonaws.<region>.<service>`), looked up at
 * deploy time, so security groups can allow traffic to a gateway endpoint's service
 * (S3, DynamoDB) instead of to 0.0.0.0/0.
 *
 * CloudFormation exposes no prefix list id on a gateway VPC endpoint, and a synth-time
 * lookup would need credentials; the deploy-time lookup keeps `cdk synth` offline.
 *
 * @example
 * const s3 = new ManagedPrefixList(stack, 'S3PrefixList', { service: 's3', logsKey });
 * sg.addEgressRule(ec2.Peer.prefixList(s3.prefixListId), ec2.Port.tcp(443));
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html
 */
import { Construct } from 'constructs';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cr from 'aws-cdk-lib/custom-resources';
import { EC2_DESCRIBE_MANAGED_PREFIX_LISTS } from './perms';
import { SdkLookup } from './sdk-lookup';

export interface ManagedPrefixListProps {
  /** Service suffix of the AWS-managed prefix list, e.g. `s3` or `dynamodb`. */
  readonly service: string;
  /** Key of the lookup function's log group. */
  readonly logsKey: kms.IKey;
}

export class ManagedPrefixList extends Construct {
  /** `pl-...` id of the list in the stack's region. */
  public readonly prefixListId: string;

  constructor(scope: Construct, id: string, props: ManagedPrefixListProps) {
    super(scope, id);
    const name = `com.amazonaws.${Stack.of(this).region}.${props.service}`;
    const lookup = new SdkLookup(this, 'Resource', {
      call: {
        service: 'EC2',
        action: 'describeManagedPrefixLists',
        parameters: { Filters: [{ Name: 'prefix-list-name', Values: [name] }] },
        physicalResourceId: cr.PhysicalResourceId.of(name),
        outputPaths: ['PrefixLists.0.PrefixListId'],
      },
      policyStatements: [new iam.PolicyStatement({
        actions: [EC2_DESCRIBE_MANAGED_PREFIX_LISTS],
        // DescribeManagedPrefixLists supports no resource-level permissions: `*` is the only valid resource.
        resources: ['*'],
      })],
      wildcardResourceReason: 'ec2:DescribeManagedPrefixLists (read-only) supports no resource-level permissions; * is the only valid resource.',
      logsKey: props.logsKey,
    });
    this.prefixListId = lookup.getResponseField('PrefixLists.0.PrefixListId');
  }
}
