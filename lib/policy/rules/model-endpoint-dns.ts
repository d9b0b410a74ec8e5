/**
 * placement/model-endpoint-dns: no interface VPC endpoint or private hosted zone for a model
 * runtime (bedrock-runtime, bedrock-mantle, bedrock-agent-runtime, sagemaker.runtime) on AWS.
 * Such an endpoint exists only to route inference to an AWS-hosted model.
 */
import { awsccName } from '../detect/inference';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE } from '../rule';
import type { Rule } from '../types';
import { prop, text } from '../util/values';

const RUNTIME_SERVICE_RE = /(?:^|[.":])(bedrock-runtime(?:-fips)?|bedrock-mantle|bedrock-agent-runtime|sagemaker\.runtime(?:-fips)?|runtime\.sagemaker)(?=[.":]|$)/i;

const FIELDS = new Map<string, string>([
  ['AWS::EC2::VPCEndpoint', 'ServiceName'],
  ['AWS::Route53::HostedZone', 'Name'],
  ['aws_vpc_endpoint', 'service_name'],
  ['aws_route53_zone', 'name'],
]);
for (const [type, field] of [...FIELDS]) if (type.startsWith('AWS::')) FIELDS.set(awsccName(type), field);

export const modelEndpointDns: Rule = {
  id: 'placement/model-endpoint-dns',
  severity: 'error',
  description: 'An interface VPC endpoint or private DNS zone routes to an AWS model runtime (Bedrock, Bedrock Mantle, SageMaker runtime).',
  rationale:
    'A VPC endpoint for bedrock-runtime or sagemaker.runtime is a private path to AWS-hosted inference: it only exists to call a ' +
    'model on AWS, which the placement contract forbids. Model names resolve to Azure private endpoints instead.',
  fix:
    'Remove the endpoint or zone. Resolve the Azure model hostnames (openai.azure.com, cognitiveservices.azure.com, ' +
    'services.ai.azure.com) through the Route 53 Resolver outbound endpoint to the Azure DNS Private Resolver; optionally block ' +
    'bedrock-runtime, bedrock-mantle and runtime.sagemaker names with Route 53 DNS Firewall.',
  scope: 'AWS::EC2::VPCEndpoint, AWS::Route53::HostedZone, aws_vpc_endpoint, aws_route53_zone, awscc equivalents.',
  appliesTo: (type) => FIELDS.has(type),
  evaluate(resource) {
    const field = FIELDS.get(resource.type);
    if (!field) return NOT_APPLICABLE;
    const m = RUNTIME_SERVICE_RE.exec(text(prop(resource.properties, field)));
    return m ? nonCompliant(`${field} targets the ${m[1]} model runtime on AWS`) : COMPLIANT;
  },
};
