/**
 * AWS agent stack (phase 2), one per AWS region: the agent VPC and, composed from
 * lib/aws constructs, the stateful AgentCore runtime layer.
 */
import { Construct } from 'constructs';
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { AgentNetwork } from '../lib/aws/agent-network';
import type { Derived } from '../lib/topology/derive';

export interface AwsAgentsStackProps extends StackProps {
  readonly derived: Derived;
}

export class AwsAgentsStack extends Stack {
  public readonly network: AgentNetwork;

  constructor(scope: Construct, id: string, props: AwsAgentsStackProps) {
    super(scope, id, props);
    const { derived } = props;
    this.network = new AgentNetwork(this, 'Network', { cidr: derived.topology.aws.vpc.cidr, azIds: derived.aws.azIds });
    new CfnOutput(this, 'VpcId', { value: this.network.vpc.vpcId, description: 'Agent VPC id' });
  }
}
