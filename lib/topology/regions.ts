/**
 * Region facts the topology is validated against.
 *
 * Lists are explicit (not fetched) so validation runs offline and deterministically.
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/agentcore-regions.html
 * @see https://learn.microsoft.com/azure/reliability/regions-list
 */

/** Azure regions (programmatic names) and the short code used in resource names. */
export const AZURE_REGIONS: Readonly<Record<string, string>> = {
  australiacentral: 'auc', australiaeast: 'aue', australiasoutheast: 'ause', austriaeast: 'ate',
  belgiumcentral: 'bec', brazilsouth: 'brs', canadacentral: 'cac', canadaeast: 'cae',
  centralindia: 'inc', centralus: 'cus', chilecentral: 'clc', eastasia: 'ea', eastus: 'eus',
  eastus2: 'eus2', francecentral: 'frc', francesouth: 'frs', germanynorth: 'gn',
  germanywestcentral: 'gwc', indonesiacentral: 'idc', israelcentral: 'ilc', italynorth: 'itn',
  japaneast: 'jpe', japanwest: 'jpw', koreacentral: 'krc', koreasouth: 'krs', malaysiawest: 'myw',
  mexicocentral: 'mxc', newzealandnorth: 'nzn', northcentralus: 'ncus', northeurope: 'ne',
  norwayeast: 'nwe', norwaywest: 'nww', polandcentral: 'plc', qatarcentral: 'qac',
  southafricanorth: 'san', southafricawest: 'saw', southcentralus: 'scus', southeastasia: 'sea',
  southindia: 'ins', spaincentral: 'spc', swedencentral: 'sdc', switzerlandnorth: 'szn',
  switzerlandwest: 'szw', uaecentral: 'uaec', uaenorth: 'uaen', uksouth: 'uks', ukwest: 'ukw',
  westcentralus: 'wcus', westeurope: 'we', westindia: 'inw', westus: 'wus', westus2: 'wus2',
  westus3: 'wus3',
};

/**
 * Azure regions without availability zones. A zone-redundant VPN gateway (its zonal public
 * IPs) and an AKS system pool spread across zones cannot be created there.
 * @see https://learn.microsoft.com/azure/reliability/availability-zones-region-support
 */
export const AZURE_REGIONS_WITHOUT_ZONES: readonly string[] = [
  'australiacentral', 'australiasoutheast', 'canadaeast', 'francesouth', 'germanynorth', 'koreasouth',
  'northcentralus', 'norwaywest', 'southafricawest', 'southindia', 'switzerlandwest', 'uaecentral',
  'ukwest', 'westcentralus', 'westindia', 'westus',
];

/** Commercial and GovCloud AWS regions. */
export const AWS_REGIONS: readonly string[] = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
  'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ca-central-1',
  'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1',
  'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-gov-east-1', 'us-gov-west-1',
  'us-west-1', 'us-west-2',
];

/**
 * AWS regions where AgentCore Runtime, Memory and Gateway are all available
 * (the agent layer needs all three).
 */
export const AGENTCORE_REGIONS: readonly string[] = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2',
  'ca-central-1', 'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'sa-east-1', 'us-east-1', 'us-east-2', 'us-gov-west-1', 'us-west-2',
];

/**
 * Availability Zone ids (account-independent) in which AgentCore supports VPC-mode
 * runtimes. Subnets are placed by AZ id, so the same topology lands in supported
 * zones in every account (AZ *names* map to different ids per account).
 *
 * Regions not listed here fall back to the first `maxAzs` zone ids `<prefix>-az1..3`,
 * and validation reports it as a problem so nothing is guessed silently.
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/agentcore-vpc.html#agentcore-supported-azs
 */
export const AGENTCORE_AZ_IDS: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['use1-az1', 'use1-az2', 'use1-az4'],
  'us-east-2': ['use2-az1', 'use2-az2', 'use2-az3'],
  'us-west-2': ['usw2-az1', 'usw2-az2', 'usw2-az3'],
  'ap-south-1': ['aps1-az1', 'aps1-az2', 'aps1-az3'],
  'ap-southeast-1': ['apse1-az1', 'apse1-az2', 'apse1-az3'],
  'ap-southeast-2': ['apse2-az1', 'apse2-az2', 'apse2-az3'],
  'ap-northeast-1': ['apne1-az1', 'apne1-az2', 'apne1-az4'],
  'ap-northeast-2': ['apne2-az1', 'apne2-az2', 'apne2-az3'],
  'ca-central-1': ['cac1-az1', 'cac1-az2', 'cac1-az4'],
  'eu-central-1': ['euc1-az1', 'euc1-az2', 'euc1-az3'],
  'eu-north-1': ['eun1-az1', 'eun1-az2', 'eun1-az3'],
  'eu-west-1': ['euw1-az1', 'euw1-az2', 'euw1-az3'],
  'eu-west-2': ['euw2-az1', 'euw2-az2', 'euw2-az3'],
  'eu-west-3': ['euw3-az1', 'euw3-az2', 'euw3-az3'],
  'sa-east-1': ['sae1-az1', 'sae1-az2', 'sae1-az3'],
  'us-gov-west-1': ['usgw1-az1', 'usgw1-az2', 'usgw1-az3'],
};
