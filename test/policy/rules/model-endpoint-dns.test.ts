/**
 * placement/model-endpoint-dns: VPC endpoints and private zones for AWS model runtimes.
 */
import { byRule, cfn, checkOne, flagged, tf } from '../helpers';

const RULE = 'placement/model-endpoint-dns';

describe(RULE, () => {
  it('flags bedrock-runtime / sagemaker.runtime endpoints (also built with Fn::Join) and accepts S3, ECR, STS, AgentCore', async () => {
    const report = await checkOne(
      'cfn-json',
      cfn({
        Bedrock: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Interface', ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.bedrock-runtime']] } } },
        SageMaker: { Type: 'AWS::EC2::VPCEndpoint', Properties: { ServiceName: 'com.amazonaws.eu-west-1.sagemaker.runtime' } },
        S3: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Gateway', ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.s3' } } },
        AgentCore: { Type: 'AWS::EC2::VPCEndpoint', Properties: { ServiceName: 'com.amazonaws.eu-west-1.bedrock-agentcore' } },
        Zone: { Type: 'AWS::Route53::HostedZone', Properties: { Name: 'bedrock-runtime.eu-west-1.amazonaws.com' } },
      }),
    );
    expect(flagged(report, RULE).sort()).toEqual(['Bedrock', 'SageMaker', 'Zone']);
    expect(byRule(report, RULE).find((f) => f.resource === 'Bedrock')?.message).toBe('ServiceName targets the bedrock-runtime model runtime on AWS');
  });

  it('flags Terraform aws_vpc_endpoint for bedrock-mantle (HCL) and JSON', async () => {
    const hcl = await checkOne('tf-hcl', `
      resource "aws_vpc_endpoint" "mantle" {
        vpc_id = "vpc-1"
        service_name = "com.amazonaws.\${var.region}.bedrock-mantle"
        vpc_endpoint_type = "Interface"
      }
      resource "aws_vpc_endpoint" "ecr" {
        vpc_id = "vpc-1"
        service_name = "com.amazonaws.eu-west-1.ecr.dkr"
      }
    `);
    expect(flagged(hcl, RULE)).toEqual(['aws_vpc_endpoint.mantle']);
    const json = await checkOne('tf-json', tf({ aws_vpc_endpoint: { logs: { service_name: 'com.amazonaws.eu-west-1.logs' } } }));
    expect(flagged(json, RULE)).toEqual([]);
  });

  it('reads CloudFormation YAML with short-form intrinsics', async () => {
    const report = await checkOne('cfn-yaml', `
Resources:
  Runtime:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: !Sub "com.amazonaws.\${AWS::Region}.sagemaker.runtime"
  Sts:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Join [".", ["com.amazonaws", !Ref AWS::Region, "sts"]]
`);
    expect(flagged(report, RULE)).toEqual(['Runtime']);
  });
});
