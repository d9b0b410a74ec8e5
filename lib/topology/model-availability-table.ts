/**
 * Where Azure OpenAI model versions can be deployed, per deployment type (`sku.name`) and region:
 * Microsoft's model availability matrix, transcribed. Data only; the check that uses it is
 * `model-availability.ts`.
 *
 * Scope: the Azure OpenAI text and embedding models (chat, reasoning, codex, model-router,
 * embeddings), the rows of Microsoft's "Availability for Azure OpenAI in Foundry Models" tables.
 * Audio, realtime, image and video models, and the other Foundry Models sold by Azure, are not
 * transcribed, so the check says nothing about them.
 *
 * Each deployment type has its own source file and date (the matrix is split in three
 * includes that Microsoft updates separately). A row is one model version; its value is `*`
 * (every region of that geography's table) or one `+` (offered) / `-` (not offered) per region,
 * in the order of the geography's `regions`, as in Microsoft's table.
 *
 * Update by re-reading the three includes (newest commit of each), changing the rows, and
 * moving `published` and `checked`.
 */
import type { DeploymentSku } from './schema';

/** Where one deployment type's rows come from. */
export interface AvailabilitySource {
  /** MicrosoftDocs/azure-ai-docs path @ commit and its ms.date. */
  readonly file: string;
  /** The include's ms.date (YYYY-MM-DD): versions released later cannot be in it. */
  readonly published: string;
}

/** One geography tab of Microsoft's table. */
export interface Geography {
  readonly regions: readonly string[];
  /** `model@version` -> `*` or one `+`/`-` per region. */
  readonly rows: Readonly<Record<string, string>>;
}

export interface SkuAvailability {
  readonly source: AvailabilitySource;
  readonly geographies: readonly Geography[];
}

const STANDARD: AvailabilitySource = { file: 'MicrosoftDocs/azure-ai-docs articles/foundry/foundry-models/includes/model-matrix/deployments-standard.md @ 0378dd85 (ms.date 2026-10-05)', published: '2026-10-05' };
const PROVISIONED: AvailabilitySource = { file: 'MicrosoftDocs/azure-ai-docs articles/foundry/foundry-models/includes/model-matrix/deployments-provisioned.md @ fd2d9456 (ms.date 2026-05-11)', published: '2026-05-11' };
const BATCH: AvailabilitySource = { file: 'MicrosoftDocs/azure-ai-docs articles/foundry/foundry-models/includes/model-matrix/deployments-batch.md @ 2a5ac240 (ms.date 2026-08-28)', published: '2026-08-28' };

/** When the rows were last compared with the sources, and the page users should read. */
export const MODEL_AVAILABILITY_SOURCE = {
  url: 'https://learn.microsoft.com/azure/foundry/foundry-models/concepts/models-sold-directly-by-azure',
  files: [STANDARD.file, PROVISIONED.file, BATCH.file],
  checked: '2026-12-01',
} as const;

/** Every row of `list` offered in every region of the geography. */
const all = (...list: string[]): Record<string, string> => Object.fromEntries(list.map((k) => [k, '*']));

const AMERICAS_10 = ['brazilsouth', 'canadacentral', 'canadaeast', 'centralus', 'eastus', 'eastus2', 'northcentralus', 'southcentralus', 'westus', 'westus3'];
const APAC_5 = ['australiaeast', 'japaneast', 'koreacentral', 'southeastasia', 'southindia'];
const MEA_2 = ['southafricanorth', 'uaenorth'];

/** Global Standard: same version list in every geography, nearly every region. */
const GLOBAL_STANDARD_EVERYWHERE = [
  'gpt-5.1@2025-11-13', 'gpt-5.1-codex@2025-11-13', 'gpt-5.1-codex-max@2025-12-04', 'gpt-5.1-codex-mini@2025-11-13',
  'gpt-5.2@2025-12-11', 'gpt-5.2-codex@2026-01-14', 'gpt-5.3-codex@2026-02-24',
  'gpt-5.4@2026-03-05', 'gpt-5.4-mini@2026-03-17', 'gpt-5.4-nano@2026-03-17', 'gpt-5.4-pro@2026-03-05', 'gpt-5.5@2026-04-24',
  'gpt-chat-latest@2026-05-05', 'text-embedding-3-large@1', 'text-embedding-3-small@1',
];
const GLOBAL_STANDARD_2026_07 = [
  'gpt-5.6-luna@2026-07-09', 'gpt-5.6-sol@2026-07-09', 'gpt-5.6-terra@2026-07-09',
  'gpt-6-astra@2026-09-03', 'gpt-6-luna@2026-09-22', 'gpt-6-sol@2026-09-22', 'gpt-6.1-sol@2026-09-29', 'gpt-chat-latest@2026-08-06',
];
const GLOBAL_STANDARD_4X = ['gpt-4.1@2025-04-14', 'gpt-4.1-mini@2025-04-14', 'gpt-4.1-nano@2025-04-14', 'gpt-4o-mini@2024-07-18', 'gpt-5@2025-08-07', 'gpt-5-mini@2025-08-07', 'gpt-5-nano@2025-08-07', 'o1@2024-12-17', 'o3-mini@2025-01-31'];

const GLOBAL_STANDARD: SkuAvailability = {
  source: STANDARD,
  geographies: [
    {
      regions: AMERICAS_10,
      rows: {
        ...all(...GLOBAL_STANDARD_EVERYWHERE, ...GLOBAL_STANDARD_2026_07, 'gpt-5-codex@2025-09-15', 'gpt-5-pro@2025-10-06', 'text-embedding-ada-002@2'),
        ...Object.fromEntries([...GLOBAL_STANDARD_4X, 'gpt-4o@2024-05-13', 'gpt-4o@2024-08-06', 'gpt-4o@2024-11-20', 'o3@2025-04-16', 'o4-mini@2025-04-16'].map((k) => [k, '+-++++++++'])),
        'codex-mini@2025-05-16': '---+-+----',
        'computer-use-preview@2025-03-11': '-----+----',
        'gpt-chat-latest@2026-05-28': '-----+-+-+',
        'gpt-chat-latest@2026-06-24': '-----+-+-+',
        'model-router@2025-05-19': '-----+---+',
        'model-router@2025-08-07': '-----+---+',
        'model-router@2025-11-18': '-----+---+',
        'o3-deep-research@2025-06-26': '--------+-',
        'o3-pro@2025-06-10': '---+-+----',
      },
    },
    {
      regions: ['francecentral', 'germanywestcentral', 'italynorth', 'northeurope', 'norwayeast', 'polandcentral', 'spaincentral', 'swedencentral', 'switzerlandnorth', 'switzerlandwest', 'uksouth', 'westeurope'],
      rows: {
        ...all('gpt-5.2-codex@2026-01-14', 'gpt-5.3-codex@2026-02-24', 'gpt-5.4@2026-03-05', 'gpt-5.4-mini@2026-03-17', 'gpt-5.4-nano@2026-03-17', 'gpt-5.4-pro@2026-03-05', 'gpt-5.5@2026-04-24',
          'gpt-chat-latest@2026-05-05', 'text-embedding-3-large@1', 'text-embedding-3-small@1'),
        ...Object.fromEntries([...GLOBAL_STANDARD_4X, 'gpt-4o@2024-11-20', 'o3@2025-04-16', 'o4-mini@2025-04-16'].map((k) => [k, '+++-+++++-++'])),
        ...Object.fromEntries(['gpt-4o@2024-05-13', 'gpt-4o@2024-08-06'].map((k) => [k, '++--+++++-++'])),
        ...Object.fromEntries(['gpt-5-codex@2025-09-15', 'gpt-5-pro@2025-10-06', 'gpt-5.1@2025-11-13', 'gpt-5.1-codex@2025-11-13', 'gpt-5.1-codex-max@2025-12-04', 'gpt-5.1-codex-mini@2025-11-13', 'gpt-5.2@2025-12-11',
          ...GLOBAL_STANDARD_2026_07, 'text-embedding-ada-002@2'].map((k) => [k, '+++-++++++++'])),
        'codex-mini@2025-05-16': '-------+----',
        'computer-use-preview@2025-03-11': '-------+----',
        'gpt-chat-latest@2026-05-28': '-----+-+----',
        'gpt-chat-latest@2026-06-24': '-----+-+----',
        'model-router@2025-05-19': '---+---+----',
        'model-router@2025-08-07': '---+---+----',
        'model-router@2025-11-18': '---+---+----',
        'o3-deep-research@2025-06-26': '----+-------',
        'o3-pro@2025-06-10': '-------+----',
      },
    },
    {
      regions: APAC_5,
      rows: {
        ...all(...GLOBAL_STANDARD_EVERYWHERE, ...GLOBAL_STANDARD_2026_07, 'gpt-4.1@2025-04-14', 'gpt-4.1-mini@2025-04-14', 'gpt-4.1-nano@2025-04-14', 'gpt-5@2025-08-07', 'gpt-5-codex@2025-09-15',
          'gpt-5-mini@2025-08-07', 'gpt-5-nano@2025-08-07', 'gpt-5-pro@2025-10-06', 'o3@2025-04-16', 'o4-mini@2025-04-16', 'text-embedding-ada-002@2'),
        ...Object.fromEntries(['gpt-4o@2024-05-13', 'gpt-4o@2024-08-06', 'gpt-4o@2024-11-20', 'gpt-4o-mini@2024-07-18', 'o1@2024-12-17', 'o3-mini@2025-01-31'].map((k) => [k, '+++-+'])),
        'computer-use-preview@2025-02-11': '----+',
        'computer-use-preview@2025-03-11': '----+',
        'model-router@2025-05-19': '+---+',
        'model-router@2025-08-07': '+---+',
        'model-router@2025-11-18': '+---+',
      },
    },
    {
      regions: MEA_2,
      rows: all(...GLOBAL_STANDARD_EVERYWHERE, ...GLOBAL_STANDARD_2026_07, ...GLOBAL_STANDARD_4X, 'gpt-4o@2024-05-13', 'gpt-4o@2024-08-06', 'gpt-4o@2024-11-20',
        'gpt-5-codex@2025-09-15', 'gpt-5-pro@2025-10-06', 'o3@2025-04-16', 'o4-mini@2025-04-16', 'text-embedding-ada-002@2'),
    },
  ],
};

const DZ_EU_4X = '+++--+++-+';
const DATA_ZONE_STANDARD: SkuAvailability = {
  source: STANDARD,
  geographies: [
    {
      regions: ['centralus', 'eastus', 'eastus2', 'northcentralus', 'southcentralus', 'westus', 'westus3'],
      rows: {
        ...all('gpt-4.1@2025-04-14', 'gpt-4.1-mini@2025-04-14', 'gpt-4.1-nano@2025-04-14', 'gpt-4o@2024-05-13', 'gpt-4o@2024-08-06', 'gpt-4o@2024-11-20', 'gpt-4o-mini@2024-07-18',
          'gpt-5@2025-08-07', 'gpt-5-mini@2025-08-07', 'gpt-5-nano@2025-08-07', 'gpt-5.1@2025-11-13', 'gpt-5.2@2025-12-11', 'gpt-5.3-codex@2026-02-24',
          'gpt-5.4@2026-03-05', 'gpt-5.4-mini@2026-03-17', 'gpt-5.4-nano@2026-03-17', 'gpt-5.5@2026-04-24', 'gpt-5.6-luna@2026-07-09', 'gpt-5.6-sol@2026-07-09', 'gpt-5.6-terra@2026-07-09',
          'gpt-6-astra@2026-09-03', 'gpt-6-luna@2026-09-22', 'gpt-6-sol@2026-09-22', 'gpt-6.1-sol@2026-09-29',
          'o1@2024-12-17', 'o3@2025-04-16', 'o3-mini@2025-01-31', 'o4-mini@2025-04-16', 'text-embedding-3-large@1', 'text-embedding-3-small@1', 'text-embedding-ada-002@2'),
        'model-router@2025-05-19': '--+---+',
        'model-router@2025-08-07': '--+---+',
        'model-router@2025-11-18': '--+---+',
      },
    },
    {
      regions: ['francecentral', 'germanywestcentral', 'italynorth', 'northeurope', 'norwayeast', 'polandcentral', 'spaincentral', 'swedencentral', 'switzerlandnorth', 'westeurope'],
      rows: {
        ...all('gpt-5.4@2026-03-05', 'gpt-5.5@2026-04-24'),
        ...Object.fromEntries(['gpt-4.1@2025-04-14', 'gpt-4.1-mini@2025-04-14', 'gpt-4.1-nano@2025-04-14', 'gpt-4o@2024-11-20', 'gpt-4o-mini@2024-07-18',
          'gpt-5@2025-08-07', 'gpt-5-mini@2025-08-07', 'gpt-5-nano@2025-08-07', 'o1@2024-12-17', 'o3@2025-04-16', 'o3-mini@2025-01-31', 'o4-mini@2025-04-16',
          'text-embedding-3-large@1', 'text-embedding-3-small@1', 'text-embedding-ada-002@2'].map((k) => [k, DZ_EU_4X])),
        ...Object.fromEntries(['gpt-4o@2024-05-13', 'gpt-4o@2024-08-06'].map((k) => [k, '++---+++-+'])),
        ...Object.fromEntries(['gpt-5.4-mini@2026-03-17', 'gpt-5.6-luna@2026-07-09', 'gpt-5.6-sol@2026-07-09', 'gpt-5.6-terra@2026-07-09',
          'gpt-6-luna@2026-09-22', 'gpt-6-sol@2026-09-22', 'gpt-6.1-sol@2026-09-29'].map((k) => [k, '+++-++++++'])),
        'gpt-5.1@2025-11-13': '+------+--',
        'gpt-5.4-nano@2026-03-17': '---+------',
        'model-router@2025-05-19': '-------+--',
        'model-router@2025-08-07': '-------+--',
        'model-router@2025-11-18': '---+---+--',
      },
    },
    {
      regions: APAC_5,
      rows: {
        ...all('gpt-5.2@2025-12-11', 'gpt-5.3-codex@2026-02-24', 'gpt-5.4@2026-03-05', 'gpt-5.4-mini@2026-03-17', 'gpt-5.6-sol@2026-07-09', 'gpt-6.1-sol@2026-09-29'),
        'model-router@2025-05-19': '+---+',
        'model-router@2025-08-07': '+---+',
        'model-router@2025-11-18': '+---+',
      },
    },
  ],
};

/** Standard (regional): the prompts stay in the deployment's region. */
const REGIONAL_STANDARD: SkuAvailability = {
  source: STANDARD,
  geographies: [
    {
      regions: ['brazilsouth', 'canadaeast', 'centralus', 'eastus', 'eastus2', 'northcentralus', 'southcentralus', 'westus', 'westus3'],
      rows: {
        'gpt-4.1@2025-04-14': '---++++++',
        'gpt-4.1-mini@2025-04-14': '-+-++++++',
        'gpt-4o@2024-05-13': '---++++++',
        'gpt-4o@2024-08-06': '--+++++++',
        'gpt-4o@2024-11-20': '-++++++++',
        'gpt-4o-mini@2024-07-18': '---++++++',
        'gpt-5.1@2025-11-13': '--+++++++',
        'o1@2024-12-17': '---++++++',
        'o4-mini@2025-04-16': '---++++++',
        'text-embedding-3-large@1': '-+-++---+',
        'text-embedding-3-small@1': '-+-++--+-',
        'text-embedding-ada-002@1': '---+--+--',
        'text-embedding-ada-002@2': '++-++++++',
      },
    },
    {
      regions: ['francecentral', 'germanywestcentral', 'norwayeast', 'polandcentral', 'spaincentral', 'swedencentral', 'switzerlandnorth', 'uksouth', 'westeurope'],
      rows: {
        'gpt-4.1@2025-04-14': '-----++--',
        'gpt-4.1-mini@2025-04-14': '+----++++',
        'gpt-4o@2024-05-13': '-----+---',
        'gpt-4o@2024-08-06': '-----+---',
        'gpt-4o@2024-11-20': '+-+--+++-',
        'gpt-4o-mini@2024-07-18': '-----+---',
        'gpt-5.1@2025-11-13': '-----+---',
        'o1@2024-12-17': '-----+---',
        'o4-mini@2025-04-16': '-----+---',
        'text-embedding-3-large@1': '++++++++-',
        'text-embedding-3-small@1': '------+--',
        'text-embedding-ada-002@2': '+-+--++++',
      },
    },
    {
      regions: APAC_5,
      rows: {
        'gpt-4.1-mini@2025-04-14': '++--+',
        'gpt-4o@2024-11-20': '++--+',
        'text-embedding-3-large@1': '*',
        'text-embedding-3-small@1': '++---',
        'text-embedding-ada-002@2': '++--+',
      },
    },
    { regions: MEA_2, rows: { 'text-embedding-3-large@1': '*', 'text-embedding-3-small@1': '-+', 'text-embedding-ada-002@2': '*' } },
  ],
};

const PROVISIONED_CORE = ['gpt-4.1@2025-04-14', 'gpt-4.1-mini@2025-04-14', 'gpt-4.1-nano@2025-04-14', 'gpt-4o@2024-05-13', 'gpt-4o@2024-08-06', 'gpt-4o@2024-11-20', 'gpt-4o-mini@2024-07-18',
  'gpt-5@2025-08-07', 'gpt-5-mini@2025-08-07', 'gpt-5.1@2025-11-13', 'gpt-5.1-codex@2025-11-13', 'gpt-5.2@2025-12-11', 'gpt-5.4@2026-03-05', 'gpt-5.5@2026-04-24',
  'o1@2024-12-17', 'o3@2025-04-16', 'o3-mini@2025-01-31', 'o4-mini@2025-04-16'];
const GLOBAL_PROVISIONED_ALL = [...PROVISIONED_CORE, 'gpt-5.2-codex@2026-01-14', 'gpt-5.3-codex@2026-02-24'];

const GLOBAL_PROVISIONED: SkuAvailability = {
  source: PROVISIONED,
  geographies: [
    { regions: AMERICAS_10, rows: all(...GLOBAL_PROVISIONED_ALL, 'gpt-5.4-mini@2026-03-17') },
    { regions: ['francecentral', 'germanywestcentral', 'italynorth', 'norwayeast', 'polandcentral', 'spaincentral', 'swedencentral', 'switzerlandnorth', 'switzerlandwest', 'uksouth', 'westeurope'], rows: all(...GLOBAL_PROVISIONED_ALL) },
    { regions: APAC_5, rows: all(...GLOBAL_PROVISIONED_ALL) },
    { regions: MEA_2, rows: all(...GLOBAL_PROVISIONED_ALL) },
  ],
};

const DATA_ZONE_PROVISIONED: SkuAvailability = {
  source: PROVISIONED,
  geographies: [
    { regions: ['eastus', 'eastus2', 'northcentralus', 'southcentralus', 'westus', 'westus3'], rows: all(...PROVISIONED_CORE, 'gpt-5.4-mini@2026-03-17') },
    {
      regions: ['francecentral', 'germanywestcentral', 'italynorth', 'polandcentral', 'spaincentral', 'swedencentral', 'westeurope'],
      rows: {
        ...all('gpt-4.1@2025-04-14', 'gpt-4.1-nano@2025-04-14', 'gpt-5@2025-08-07', 'gpt-5-mini@2025-08-07', 'gpt-5.1@2025-11-13', 'gpt-5.1-codex@2025-11-13', 'gpt-5.2@2025-12-11', 'gpt-5.4@2026-03-05', 'o3@2025-04-16', 'o4-mini@2025-04-16'),
        ...Object.fromEntries(['gpt-4.1-mini@2025-04-14', 'gpt-4o@2024-05-13', 'gpt-4o@2024-08-06', 'gpt-4o@2024-11-20', 'gpt-4o-mini@2024-07-18', 'o1@2024-12-17', 'o3-mini@2025-01-31'].map((k) => [k, '++-++++'])),
      },
    },
  ],
};

/** Regional Provisioned Managed (`ProvisionedManaged`). */
const REGIONAL_PROVISIONED: SkuAvailability = {
  source: PROVISIONED,
  geographies: [
    {
      regions: AMERICAS_10,
      rows: {
        'gpt-4.1@2025-04-14': '+--+++++++',
        'gpt-4.1-mini@2025-04-14': '+---++++++',
        'gpt-4.1-nano@2025-04-14': '----++++++',
        'gpt-4o@2024-05-13': '*',
        'gpt-4o@2024-08-06': '+-++++++++',
        'gpt-4o@2024-11-20': '+-+++++-++',
        'gpt-4o-mini@2024-07-18': '+++-++++++',
        'gpt-5@2025-08-07': '--++++++++',
        'gpt-5-mini@2025-08-07': '--+--+---+',
        'gpt-5.1@2025-11-13': '--+-++---+',
        'gpt-5.2@2025-12-11': '-++-----++',
        'gpt-5.4-mini@2026-03-17': '---------+',
        'gpt-5.5@2026-04-24': '----+-----',
        'o1@2024-12-17': '---------+',
        'o3@2025-04-16': '----++++++',
        'o3-mini@2025-01-31': '--+--+-+--',
        'o4-mini@2025-04-16': '---+++++++',
      },
    },
    {
      regions: ['francecentral', 'germanywestcentral', 'norwayeast', 'polandcentral', 'spaincentral', 'swedencentral', 'switzerlandnorth', 'switzerlandwest', 'uksouth', 'westeurope'],
      rows: {
        'gpt-4.1@2025-04-14': '-+---++-+-',
        'gpt-4.1-mini@2025-04-14': '-----++-+-',
        'gpt-4.1-nano@2025-04-14': '-----+----',
        'gpt-4o@2024-05-13': '+++++++-+-',
        'gpt-4o@2024-08-06': '+++-+++++-',
        'gpt-4o@2024-11-20': '-+-+-++-++',
        'gpt-4o-mini@2024-07-18': '+-+-+++++-',
        'gpt-5@2025-08-07': '--------+-',
        'gpt-5-mini@2025-08-07': '-----+--+-',
        'gpt-5.1@2025-11-13': '-----++-+-',
        'gpt-5.2@2025-12-11': '-----+--+-',
        'gpt-5.3-codex@2026-02-24': '--------+-',
        'gpt-5.4@2026-03-05': '--------+-',
        'o1@2024-12-17': '--------+-',
        'o3@2025-04-16': '---------+',
        'o3-mini@2025-01-31': '-----++---',
        'o4-mini@2025-04-16': '---------+',
      },
    },
    {
      regions: APAC_5,
      rows: {
        'gpt-4.1@2025-04-14': '*',
        'gpt-4.1-mini@2025-04-14': '+++-+',
        'gpt-4o@2024-05-13': '+++-+',
        'gpt-4o@2024-08-06': '*',
        'gpt-4o@2024-11-20': '*',
        'gpt-4o-mini@2024-07-18': '*',
        'gpt-5@2025-08-07': '+++-+',
        'gpt-5-mini@2025-08-07': '+++-+',
        'gpt-5.1@2025-11-13': '+---+',
        'gpt-5.2@2025-12-11': '+++--',
        'gpt-5.4@2026-03-05': '++---',
        'gpt-5.4-mini@2026-03-17': '-+-++',
        'o1@2024-12-17': '-+---',
        'o3@2025-04-16': '+----',
        'o3-mini@2025-01-31': '+++-+',
        'o4-mini@2025-04-16': '-+---',
      },
    },
    {
      regions: MEA_2,
      rows: {
        'gpt-4.1@2025-04-14': '-+', 'gpt-4o@2024-05-13': '*', 'gpt-4o@2024-08-06': '-+', 'gpt-4o@2024-11-20': '-+',
        'gpt-5-mini@2025-08-07': '-+', 'gpt-5.1@2025-11-13': '-+', 'o1@2024-12-17': '-+', 'o3-mini@2025-01-31': '-+',
      },
    },
  ],
};

const BATCH_ROWS = ['gpt-4.1@2025-04-14', 'gpt-4.1-mini@2025-04-14', 'gpt-4.1-nano@2025-04-14', 'gpt-4o@2024-05-13', 'gpt-4o@2024-08-06', 'gpt-4o@2024-11-20', 'gpt-4o-mini@2024-07-18',
  'gpt-5@2025-08-07', 'gpt-5.1@2025-11-13', 'gpt-5.4@2026-03-05', 'gpt-5.4-mini@2026-03-17', 'o3@2025-04-16', 'o3-mini@2025-01-31', 'o4-mini@2025-04-16'];

const GLOBAL_BATCH: SkuAvailability = {
  source: BATCH,
  geographies: [
    { regions: ['brazilsouth', 'canadaeast', 'centralus', 'eastus', 'eastus2', 'northcentralus', 'southcentralus', 'westus', 'westus3'], rows: all(...BATCH_ROWS) },
    { regions: ['francecentral', 'germanywestcentral', 'norwayeast', 'polandcentral', 'swedencentral', 'switzerlandnorth', 'uksouth', 'westeurope'], rows: all(...BATCH_ROWS) },
    { regions: ['australiaeast', 'japaneast', 'koreacentral', 'southindia'], rows: all(...BATCH_ROWS) },
    { regions: ['southafricanorth'], rows: all(...BATCH_ROWS) },
  ],
};

const DATA_ZONE_BATCH: SkuAvailability = {
  source: BATCH,
  geographies: [
    { regions: ['centralus', 'eastus', 'eastus2', 'northcentralus', 'southcentralus', 'westus', 'westus3'], rows: all(...BATCH_ROWS.filter((k) => k !== 'gpt-4o@2024-05-13')) },
    {
      regions: ['francecentral', 'germanywestcentral', 'polandcentral', 'swedencentral', 'westeurope'],
      rows: all('gpt-4.1@2025-04-14', 'gpt-4.1-mini@2025-04-14', 'gpt-4.1-nano@2025-04-14', 'gpt-4o@2024-08-06', 'gpt-4o@2024-11-20', 'gpt-4o-mini@2024-07-18', 'o3@2025-04-16', 'o4-mini@2025-04-16'),
    },
  ],
};

/** Every deployment type of the topology schema, transcribed. */
export const MODEL_AVAILABILITY: Readonly<Record<DeploymentSku, SkuAvailability>> = {
  GlobalStandard: GLOBAL_STANDARD,
  DataZoneStandard: DATA_ZONE_STANDARD,
  Standard: REGIONAL_STANDARD,
  GlobalProvisionedManaged: GLOBAL_PROVISIONED,
  DataZoneProvisionedManaged: DATA_ZONE_PROVISIONED,
  ProvisionedManaged: REGIONAL_PROVISIONED,
  GlobalBatch: GLOBAL_BATCH,
  DataZoneBatch: DATA_ZONE_BATCH,
};
