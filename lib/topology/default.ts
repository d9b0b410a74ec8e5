/**
 * The embedded default topology: a realistic EU layout used when no config is given.
 * Two Azure serving regions (managed models in both, a GPU cluster in one), hub in
 * Sweden Central, one AWS agent region (Frankfurt) reaching Azure over the VPN link, and one
 * tool (a Lambda function, by ARN, in AWS's documentation example account) for the agent.
 */
import type { TopologyInput } from './schema';

/** The embedded default topology (two serving regions, one agent): what stateline synthesizes without a config. */
export const DEFAULT_TOPOLOGY: TopologyInput = {
  name: 'stateline',
  tags: { environment: 'dev', owner: 'platform-team' },
  azure: {
    hub: {
      region: 'swedencentral',
      addressSpace: '10.100.0.0/24',
      gateway: { sku: 'VpnGw2AZ', asn: 65010 },
    },
    serving: [
      {
        region: 'swedencentral',
        addressSpace: '10.101.0.0/22',
        models: [
          { name: 'gpt-5-6-terra', format: 'OpenAI', model: 'gpt-5.6-terra', version: '2026-07-09', sku: 'DataZoneStandard', capacity: 50 },
          { name: 'text-embedding-3-large', format: 'OpenAI', model: 'text-embedding-3-large', version: '1', sku: 'Standard', capacity: 120 },
        ],
        clusters: [
          {
            name: 'llm',
            gpuPools: [{ name: 'a100', vmSize: 'Standard_NC24ads_A100_v4', minCount: 0, maxCount: 2 }],
          },
        ],
      },
      {
        region: 'francecentral',
        addressSpace: '10.102.0.0/22',
        models: [
          { name: 'gpt-5-6-terra', format: 'OpenAI', model: 'gpt-5.6-terra', version: '2026-07-09', sku: 'DataZoneStandard', capacity: 30 },
        ],
      },
    ],
  },
  aws: {
    region: 'eu-central-1',
    vpc: { cidr: '10.20.0.0/16', maxAzs: 2 },
    asn: 64512,
    agents: [
      {
        name: 'support_agent',
        image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/support-agent:1.0.0',
        protocol: 'HTTP',
        memory: { eventExpiryDays: 30 },
        tools: ['order-lookup'],
      },
    ],
    tools: [
      {
        name: 'order-lookup',
        description: 'Order status and shipping events from the order service',
        lambda: {
          functionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:order-lookup-tool',
          toolSchema: [
            {
              name: 'get_order',
              description: 'Returns an order with its status and shipping events',
              inputSchema: {
                type: 'object',
                properties: { orderId: { type: 'string', description: 'Order number, e.g. A-10042' } },
                required: ['orderId'],
              },
            },
          ],
        },
      },
    ],
  },
};
