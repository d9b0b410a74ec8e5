/**
 * The data perimeter of the agent VPC: one endpoint policy per VPC endpoint, in the shape of
 * aws-samples/data-perimeter-policy-examples (vpc_endpoint_policies/, checked 2026-12-01 at
 * commit 8e0d3c5): requests through an endpoint must come from this account's principals
 * (or the organization's, with `aws.organizationId`) and go to this account's (organization's)
 * resources, plus the exceptions each service documents. Endpoint policies grant nothing;
 * they cap what identity and resource policies allow through the endpoint.
 *
 * What each endpoint must let through for the agents (the runtime role's grants, see
 * `AgentRuntime`), and which statement does:
 *
 * | endpoint | runtime, memory, gateway, image pulls, logs | statement |
 * |---|---|---|
 * | ecr.api, ecr.dkr | GetAuthorizationToken (no resource); BatchGetImage, GetDownloadUrlForLayer, BatchCheckLayerAvailability on the agent image repositories (which may live in another account) | `AllowAuthorizationTokenForTrustedIdentities`, `AllowAgentImagePullsByTrustedIdentities` |
 * | s3 (gateway) | image layers in ECR's AWS-owned bucket `prod-<region>-starport-layer-bucket`, fetched with a URL ECR presigns (its own principal); the artifacts bucket | `AllowEcrImageLayers`, the trusted statement |
 * | logs | CreateLogGroup/Stream, PutLogEvents, Describe* on the account's log groups | trusted |
 * | xray, monitoring | PutTraceSegments, PutTelemetryRecords, GetSampling*, PutMetricData (no resource-level permissions) | `AllowActionsWithoutResourceForTrustedIdentities` |
 * | bedrock-agentcore | memory events and records, workload access tokens, GetResourceOauth2Token (Azure tokens) on the account's memory, workload identities and token vault | trusted |
 * | bedrock-agentcore.gateway | InvokeGateway (IAM-authorized, SigV4) on the account's gateway | trusted |
 * | dynamodb (gateway), kms, secretsmanager | the state table, the data key, the account's secrets; never the agents' Entra client secrets (`DenyAgentClientSecretsInsideTheVpc`: only AgentCore Identity reads them, service-side) | trusted |
 * | sts | GetCallerIdentity (no resource); AssumeRole only into the account's roles | `AllowActionsWithoutResourceForTrustedIdentities`, trusted |
 *
 * Every endpoint also carries `AllowRequestsByAWSServicePrincipals` (the reference's statement
 * for services acting on the account's behalf from inside the VPC; a service principal cannot be
 * used by a third party). Nothing else: the deploy's own custom resources (the prefix-list and
 * tunnel-IP lookups, the default security group restriction) run in Lambda functions outside
 * the VPC (no `VpcConfig`), so CloudFormation's response bucket
 * `cloudformation-custom-resource-response-<region>` is not needed through the S3 endpoint.
 *
 * Conditions use `aws:PrincipalAccount`/`aws:ResourceAccount` with `AWS::AccountId` (the
 * deploying account) or `aws:PrincipalOrgID`/`aws:ResourceOrgID` with the topology's
 * organization. Requests authenticated with OAuth bearer tokens carry no principal and are
 * refused: the agents call AgentCore with SigV4 only (the gateway uses the AWS_IAM authorizer).
 *
 * @example
 * for (const st of endpointPolicyStatements('s3', { region: 'eu-central-1', partition: 'aws', imageRepositoryArns })) endpoint.addToPolicy(st);
 * @see https://github.com/aws-samples/data-perimeter-policy-examples/tree/main/vpc_endpoint_policies
 * @see https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/service_owned_resources.md
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/vpc-interface-endpoints.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_endpoint_policies.html
 */
import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** Who and what the perimeter trusts. */
export interface PerimeterProps {
  /**
   * AWS Organizations id: trust the organization's principals and resources.
   * @default this account's only (`AWS::AccountId`)
   */
  readonly organizationId?: string;
  /** ARNs of the ECR repositories the agents' images come from (any account). */
  readonly imageRepositoryArns: readonly string[];
  /**
   * Name prefix of the agents' Entra client secrets (`<project>/agents/`): the Secrets Manager
   * endpoint refuses to hand them out, so code inside an agent cannot read its own credential;
   * AgentCore Identity reads it service-side, not through this endpoint.
   * @default none refused
   */
  readonly agentClientSecretPrefix?: string;
  /** Literal region and partition of the stack (the ECR layer bucket is per region). */
  readonly region: string;
  readonly partition: string;
}

/** Image pull actions on a repository (what `Repository.grantPull` grants besides the token). */
export const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] as const;

/**
 * Actions the agents use that support no resource-level permissions (the Service Authorization
 * Reference lists no resource type for them): no resource account to check, so the perimeter
 * is the caller's identity. They write to (or read from) the caller's own account only.
 */
export const ACTIONS_WITHOUT_RESOURCE: Readonly<Record<string, readonly string[]>> = {
  'ecr.api': ['ecr:GetAuthorizationToken'],
  'ecr.dkr': ['ecr:GetAuthorizationToken'],
  xray: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
  monitoring: ['cloudwatch:PutMetricData'],
  sts: ['sts:GetCallerIdentity'],
};

/** The ECR repository of an image URI (`<account>.dkr.ecr.<region>.amazonaws.com/<name>:<tag>`), undefined if not ECR. */
export function imageRepositoryArn(image: string, partition: string): string | undefined {
  const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(image);
  return m ? `arn:${partition}:ecr:${m[2]}:${m[1]}:repository/${m[3]}` : undefined;
}

/** ECR keeps private image layers in this AWS-owned bucket of each region (data-perimeter service_owned_resources.md). */
export const ecrLayerBucketArn = (partition: string, region: string) => `arn:${partition}:s3:::prod-${region}-starport-layer-bucket/*`;

function trusted(p: PerimeterProps) {
  return p.organizationId
    ? { who: { 'aws:PrincipalOrgID': p.organizationId }, what: { 'aws:ResourceOrgID': p.organizationId }, label: 'Organization' }
    : { who: { 'aws:PrincipalAccount': Aws.ACCOUNT_ID }, what: { 'aws:ResourceAccount': Aws.ACCOUNT_ID }, label: 'Account' };
}

/** The statements of one endpoint's policy (`service` as in `com.amazonaws.<region>.<service>`). */
export function endpointPolicyStatements(service: string, p: PerimeterProps): iam.PolicyStatement[] {
  const t = trusted(p);
  const any = new iam.StarPrincipal();
  const statements = [
    new iam.PolicyStatement({
      sid: `AllowRequestsBy${t.label}IdentitiesTo${t.label}Resources`,
      principals: [any],
      actions: ['*'],
      resources: ['*'],
      conditions: { StringEquals: { ...t.who, ...t.what } },
    }),
    new iam.PolicyStatement({
      sid: 'AllowRequestsByAWSServicePrincipals',
      principals: [any],
      actions: ['*'],
      resources: ['*'],
      conditions: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
    }),
  ];
  const withoutResource = ACTIONS_WITHOUT_RESOURCE[service];
  if (withoutResource) {
    statements.push(new iam.PolicyStatement({
      sid: 'AllowActionsWithoutResourceForTrustedIdentities',
      principals: [any],
      actions: [...withoutResource],
      resources: ['*'],
      conditions: { StringEquals: t.who },
    }));
  }
  if ((service === 'ecr.api' || service === 'ecr.dkr') && p.imageRepositoryArns.length > 0) {
    // The agents' images may live in a shared registry account: name exactly those repositories.
    statements.push(new iam.PolicyStatement({
      sid: 'AllowAgentImagePullsByTrustedIdentities',
      principals: [any],
      actions: [...ECR_PULL_ACTIONS],
      resources: [...new Set(p.imageRepositoryArns)].sort(),
      conditions: { StringEquals: t.who },
    }));
  }
  if (service === 's3') {
    // ECR serves layers from its own bucket through a URL it presigns: the request is signed by
    // ECR's account, not the agent's, so only the resource can be named (read-only).
    statements.push(new iam.PolicyStatement({
      sid: 'AllowEcrImageLayers',
      principals: [any],
      actions: ['s3:GetObject'],
      resources: [ecrLayerBucketArn(p.partition, p.region)],
    }));
  }
  if (service === 'secretsmanager' && p.agentClientSecretPrefix) {
    statements.push(new iam.PolicyStatement({
      sid: 'DenyAgentClientSecretsInsideTheVpc',
      effect: iam.Effect.DENY,
      principals: [any],
      actions: ['secretsmanager:GetSecretValue'],
      resources: [`arn:${p.partition}:secretsmanager:${p.region}:${Aws.ACCOUNT_ID}:secret:${p.agentClientSecretPrefix}*`],
    }));
  }
  return statements;
}
