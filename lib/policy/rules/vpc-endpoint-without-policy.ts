/**
 * perimeter/vpc-endpoint-without-policy: every VPC endpoint in a VPC that runs an AgentCore
 * runtime carries a policy that restricts who may use it or what it reaches (a data perimeter).
 * Without one, AWS attaches full access: credentials of any account reach any account's
 * buckets, tables, secrets and keys through the agent VPC, the classic exfiltration path.
 */
import { endpointPolicy, endpointService, openStatements, runtimesInEndpointVpc } from '../detect/endpoint-policy';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, typeIn } from '../rule';
import type { Rule } from '../types';

export const vpcEndpointWithoutPolicy: Rule = {
  id: 'perimeter/vpc-endpoint-without-policy',
  severity: 'error',
  description: 'A VPC endpoint in an agent VPC (one with an AgentCore runtime) has no policy, or a policy that lets any principal reach any resource.',
  rationale:
    'An endpoint policy is the only control on what leaves a private VPC through AWS PrivateLink and gateway endpoints. The default policy ' +
    'allows every principal every action on every resource: code in the agent VPC holding another account\'s credentials can copy data to that ' +
    'account\'s S3 buckets, DynamoDB tables or secrets. A data perimeter limits each Allow to trusted principals (aws:PrincipalAccount or ' +
    'aws:PrincipalOrgID) and trusted resources (aws:ResourceAccount or aws:ResourceOrgID, or named AWS-owned resources such as ECR\'s layer bucket).',
  fix:
    'Attach an endpoint policy in the shape of aws-samples/data-perimeter-policy-examples (vpc_endpoint_policies/): Allow "*" on "*" only with ' +
    'StringEquals aws:PrincipalAccount and aws:ResourceAccount (or the organization ids), plus the documented service exceptions ' +
    '(e.g. s3:GetObject on arn:aws:s3:::prod-<region>-starport-layer-bucket/* for ECR image layers).',
  scope: 'AWS::EC2::VPCEndpoint, aws_vpc_endpoint (with aws_vpc_endpoint_policy), awscc_ec2_vpc_endpoint, in a VPC holding an AWS::BedrockAgentCore::Runtime / aws_bedrockagentcore_agent_runtime / awscc_bedrockagentcore_runtime.',
  appliesTo: typeIn('AWS::EC2::VPCEndpoint', 'aws_vpc_endpoint', 'awscc_ec2_vpc_endpoint'),
  evaluate(resource, { inventory }) {
    const runtimes = runtimesInEndpointVpc(inventory, resource);
    if (runtimes.length === 0) return NOT_APPLICABLE;
    const service = endpointService(resource);
    const where = `${service} endpoint in the VPC of agent runtime ${runtimes.join(', ')}`;
    const policy = endpointPolicy(inventory, resource);
    if (policy.kind === 'unknown') return COMPLIANT;
    if (policy.kind === 'default') return nonCompliant(`${where} has no endpoint policy: AWS's default allows any principal any action on any resource through it`);
    const open = openStatements(policy.statements);
    return open.length === 0 ? COMPLIANT : nonCompliant(`${where}: ${open.join('; ')}`);
  },
};
