/**
 * Azure OpenAI model lifecycle facts: deprecation (no new customers) and retirement (deployments
 * fail) per model version, transcribed from Microsoft's tables. Data only; the check that uses
 * it is `model-lifecycle.ts`.
 *
 * Microsoft's current table (the "model retirement schedule") gives each version a lifecycle
 * stage and a retirement date, but no deprecation date. Deprecation dates come from the older
 * retirement table where it gave one (versions released up to 2025-11) and otherwise from the
 * GA policy on the lifecycle page: a GA version is deprecated 12 months after its release
 * (marked `derived`). A date Microsoft gives only as "no earlier than" is marked `earliest`.
 *
 * Update by re-reading the sources below (the newest commit of each file), changing the rows,
 * and moving `published` to the newest source's ms.date and `checked` to the day you read them.
 */
import type { DeploymentSku } from './schema';

/** Where the rows come from and when they were last compared with it. */
export const MODEL_LIFECYCLE_SOURCE = {
  /** The page users should read for anything newer than `published`. */
  url: 'https://learn.microsoft.com/azure/foundry/openai/concepts/model-retirement-schedule',
  /** The retirement schedule include: lifecycle stage, retirement date and replacement per version. */
  table: 'MicrosoftDocs/azure-ai-docs articles/foundry/openai/includes/concepts-model-retirement-schedule-content.md @ 0378dd85 (ms.date 2026-10-05)',
  /** The lifecycle policy: GA versions are deprecated 12 months after release and retire at 18 months. */
  policy: 'MicrosoftDocs/azure-ai-docs articles/foundry/openai/includes/concepts-model-retirements-content.md @ 0378dd85 (ms.date 2026-10-05)',
  /** Explicit deprecation dates, and the rows of versions retired in 2026 that the schedule no longer lists. */
  deprecations: 'MicrosoftDocs/azure-ai-docs articles/ai-foundry/openai/includes/retirement/models.md @ 31c50ba1 (ms.date 2025-12-16) and articles/foundry/openai/includes/retirement/models.md @ 01850fbb (same ms.date, rows up to gpt-5.5)',
  /** The retired-models page (retired before 2026). */
  retired: 'MicrosoftDocs/azure-ai-docs articles/foundry/openai/includes/concepts-retired-models-content.md @ 4345ee01 (ms.date 2026-04-23)',
  /**
   * ms.date of the newest source (YYYY-MM-DD). The newest version of the schedule reachable on
   * `checked` was this one, 57 days older: retirements Microsoft announced after it are unknown here.
   */
  published: '2026-10-05',
  /** Day the rows were last compared with the sources (YYYY-MM-DD). */
  checked: '2026-12-01',
} as const;

/** A lifecycle date: exact, "no earlier than" (`earliest`), or derived from Microsoft's policy (`derived`). */
export interface LifecycleDate {
  /** YYYY-MM-DD. */
  readonly date: string;
  /** Microsoft gives only a lower bound ("no earlier than"). */
  readonly earliest?: boolean;
  /** Not listed for this version: 12 months after its release, the GA deprecation policy. */
  readonly derived?: boolean;
}

export type ModelKind = 'text' | 'audio' | 'image' | 'embedding';

export interface ModelLifecycle {
  readonly model: string;
  /** The deployment's `model.version`; `*` for every version of a retired family. */
  readonly version: string;
  readonly kind: ModelKind;
  readonly status: 'GA' | 'Preview';
  /** From this day the model is no longer offered to new customers. */
  readonly deprecation?: LifecycleDate;
  /** From this day deployments of it return errors and new ones fail. */
  readonly retirement?: LifecycleDate;
  /** Deployment types that retire on another day than `retirement`. */
  readonly retirementBySku?: Partial<Readonly<Record<DeploymentSku, string>>>;
  /** Microsoft's suggested replacement, when it names one. */
  readonly replacement?: string;
}

const d = (date: string): LifecycleDate => ({ date });
const nb = (date: string): LifecycleDate => ({ date, earliest: true });
/** 12 months after a dated version's release: when Microsoft's policy deprecates a GA version. */
const policy = (version: string): LifecycleDate => ({ date: `${Number(version.slice(0, 4)) + 1}${version.slice(4)}`, derived: true });

type Row = [model: string, version: string, status: 'GA' | 'Preview', deprecation: LifecycleDate | undefined, retirement: LifecycleDate | undefined, replacement?: string];
const rows = (kind: ModelKind, list: Row[]): ModelLifecycle[] =>
  list.map(([model, version, status, deprecation, retirement, replacement]) => ({ model, version, kind, status, deprecation, retirement, ...(replacement ? { replacement } : {}) }));

/**
 * The retirement schedule (Azure OpenAI, and Microsoft's model-router), as of its ms.date.
 * Rows the schedule labels "Retired" are kept (a deployment of them fails). Its "Legacy" stage
 * (new deployments still allowed) carries no deprecation date: gpt-4o 2024-11-20 is Legacy there
 * although the older table had deprecated it on 2025-11-20; the newer source wins.
 */
const SCHEDULE: ModelLifecycle[] = [
  ...rows('text', [
    ['codex-mini', '2025-05-16', 'GA', d('2026-05-16'), d('2026-11-15')],
    ['gpt-4.1', '2025-04-14', 'GA', d('2026-04-14'), d('2027-04-14')],
    ['gpt-4.1-mini', '2025-04-14', 'GA', d('2026-04-14'), d('2027-04-14')],
    ['gpt-4.1-nano', '2025-04-14', 'GA', d('2026-04-14'), d('2026-10-14')],
    ['gpt-4o', '2024-05-13', 'GA', d('2025-05-13'), d('2026-12-09'), 'gpt-5.6-sol'],
    ['gpt-4o', '2024-08-06', 'GA', d('2025-08-06'), d('2027-04-14'), 'gpt-5.1'],
    ['gpt-4o', '2024-11-20', 'GA', undefined, d('2027-04-14'), 'gpt-5.1'],
    ['gpt-4o-mini', '2024-07-18', 'GA', d('2025-07-18'), d('2027-04-14')],
    // gpt-5, -mini, -nano: the older table deprecated them on 2026-08-07 (also the 12-month
    // policy); the schedule of 2026-10-05 still labels them GA. Kept: a new subscription may be refused.
    ['gpt-5', '2025-08-07', 'GA', d('2026-08-07'), d('2027-02-09')],
    ['gpt-5-chat', '2025-08-07', 'Preview', undefined, d('2026-06-29'), 'gpt-chat-latest'],
    ['gpt-5-chat', '2025-10-03', 'Preview', undefined, d('2026-05-13'), 'gpt-chat-latest'],
    ['gpt-5-codex', '2025-09-15', 'GA', d('2026-09-15'), d('2027-03-17')],
    ['gpt-5-mini', '2025-08-07', 'GA', d('2026-08-07'), d('2027-02-09')],
    ['gpt-5-nano', '2025-08-07', 'GA', d('2026-08-07'), d('2027-02-09')],
    ['gpt-5-pro', '2025-10-06', 'GA', d('2026-10-06'), d('2027-04-07')],
    ['gpt-5.1', '2025-11-13', 'GA', d('2026-11-13'), d('2027-05-15')],
    ['gpt-5.1-chat', '2025-11-13', 'Preview', undefined, d('2026-06-29'), 'gpt-chat-latest'],
    ['gpt-5.1-codex', '2025-11-13', 'GA', d('2026-11-13'), d('2027-05-15')],
    ['gpt-5.1-codex-max', '2025-12-04', 'GA', policy('2025-12-04'), d('2027-05-18')],
    ['gpt-5.1-codex-mini', '2025-11-13', 'GA', d('2026-11-13'), d('2027-05-15')],
    ['gpt-5.2', '2025-12-11', 'GA', policy('2025-12-11'), d('2027-06-08')],
    ['gpt-5.2-chat', '2025-12-11', 'Preview', undefined, d('2026-05-13'), 'gpt-chat-latest'],
    ['gpt-5.2-chat', '2026-02-10', 'Preview', undefined, d('2026-06-29'), 'gpt-chat-latest'],
    ['gpt-5.2-codex', '2026-01-14', 'GA', policy('2026-01-14'), d('2027-07-13')],
    ['gpt-5.3-chat', '2026-03-03', 'Preview', undefined, d('2026-06-29'), 'gpt-chat-latest'],
    ['gpt-5.3-codex', '2026-02-24', 'GA', policy('2026-02-24'), d('2027-08-24')],
    ['gpt-5.4', '2026-03-05', 'GA', policy('2026-03-05'), d('2027-09-02')],
    ['gpt-5.4-mini', '2026-03-17', 'GA', policy('2026-03-17'), d('2027-09-21')],
    ['gpt-5.4-nano', '2026-03-17', 'GA', policy('2026-03-17'), d('2027-09-21')],
    ['gpt-5.4-pro', '2026-03-05', 'GA', policy('2026-03-05'), d('2027-09-07')],
    ['gpt-5.5', '2026-04-24', 'GA', policy('2026-04-24'), d('2027-10-26')],
    ['gpt-5.6-luna', '2026-07-09', 'GA', policy('2026-07-09'), d('2028-01-11')],
    ['gpt-5.6-sol', '2026-07-09', 'GA', policy('2026-07-09'), d('2028-01-11')],
    ['gpt-5.6-terra', '2026-07-09', 'GA', policy('2026-07-09'), d('2028-01-11')],
    ['gpt-chat-latest', '2026-05-05', 'Preview', undefined, d('2026-08-05')],
    ['gpt-chat-latest', '2026-05-28', 'Preview', undefined, d('2026-08-28')],
    ['gpt-chat-latest', '2026-06-24', 'Preview', undefined, d('2026-09-24')],
    ['gpt-chat-latest', '2026-08-06', 'Preview', undefined, d('2026-12-02')],
    ['model-router', '2025-05-19', 'Preview', undefined, d('2026-08-30')],
    ['model-router', '2025-08-07', 'Preview', undefined, d('2026-08-30')],
    ['model-router', '2025-11-18', 'GA', d('2026-11-18'), d('2027-05-20')],
    ['o1', '2024-12-17', 'GA', d('2025-12-17'), d('2026-11-19'), 'gpt-5.6-sol'],
    ['o1-pro', '2025-03-19', 'GA', d('2026-03-19'), d('2026-11-19'), 'gpt-5.6-sol'],
    ['o3', '2025-04-16', 'GA', d('2026-04-16'), d('2026-11-19'), 'gpt-5.6-sol'],
    ['o3-deep-research', '2025-06-26', 'GA', d('2026-06-26'), d('2026-11-19'), 'gpt-5.6-sol'],
    ['o3-mini', '2025-01-31', 'GA', d('2026-01-31'), d('2026-11-19'), 'gpt-5.6-terra'],
    ['o3-pro', '2025-06-10', 'GA', d('2026-06-10'), d('2026-11-19'), 'gpt-5.6-sol'],
    ['o4-mini', '2025-04-16', 'GA', d('2026-04-16'), d('2026-11-19'), 'gpt-5.6-terra'],
  ]),
  ...rows('audio', [
    ['gpt-4o-mini-transcribe', '2025-03-20', 'GA', undefined, d('2026-10-15')],
    ['gpt-4o-mini-transcribe', '2025-12-15', 'GA', undefined, d('2027-06-15')],
    ['gpt-4o-mini-tts', '2025-03-20', 'Preview', undefined, d('2026-10-15')],
    ['gpt-4o-mini-tts', '2025-12-15', 'GA', undefined, d('2027-06-15')],
    ['gpt-4o-transcribe', '2025-03-20', 'GA', undefined, d('2026-10-15')],
    ['gpt-4o-transcribe-diarize', '2025-10-15', 'GA', d('2026-10-15'), d('2027-04-15')],
    ['gpt-audio', '2025-08-28', 'GA', d('2026-08-28'), d('2027-03-02')],
    ['gpt-audio-1.5', '2026-02-23', 'GA', undefined, d('2027-08-24')],
    ['gpt-audio-mini', '2025-10-06', 'GA', d('2026-10-06'), d('2027-04-06')],
    ['gpt-audio-mini', '2025-12-15', 'GA', undefined, d('2027-06-15')],
    ['gpt-realtime', '2025-08-28', 'GA', d('2026-08-28'), d('2027-03-02')],
    ['gpt-realtime-1.5', '2026-02-23', 'GA', undefined, d('2027-08-24')],
    ['gpt-realtime-2', '2026-05-06', 'Preview', undefined, undefined, 'gpt-realtime-2.1'],
    ['gpt-realtime-2.1', '2026-07-07', 'GA', undefined, d('2027-06-25')],
    ['gpt-realtime-2.1-mini', '2026-07-07', 'GA', undefined, d('2027-06-25')],
    // The schedule lists gpt-realtime-mini twice per version (2027-04-06 and 2026-09-21 for
    // 2025-10-06; 2027-06-15 and 2026-12-15 for 2025-12-15): the later dates follow the
    // 18-month policy and replaced the earlier ones in earlier versions of the page.
    ['gpt-realtime-mini', '2025-10-06', 'GA', undefined, d('2027-04-06')],
    ['gpt-realtime-mini', '2025-12-15', 'GA', undefined, d('2027-06-15')],
    ['tts', '001', 'Preview', undefined, d('2026-12-15')],
    ['tts-hd', '001', 'GA', undefined, d('2026-12-15')],
    ['whisper', '001', 'GA', undefined, d('2026-12-15')],
  ]),
  ...rows('image', [
    ['gpt-image-1', '2025-04-15', 'Preview', undefined, d('2026-10-23')],
    ['gpt-image-1-mini', '2025-10-06', 'GA', d('2026-10-06'), d('2027-04-07')],
    ['gpt-image-1.5', '2025-12-16', 'GA', undefined, d('2026-12-16')],
    ['gpt-image-2', '2026-04-21', 'GA', undefined, d('2027-10-21')],
    ['gpt-image-2.5-flare', '2026-09-09', 'GA', undefined, d('2027-09-09')],
    ['gpt-image-2.5-sunburst', '2026-09-09', 'GA', undefined, d('2027-09-09')],
    ['sora-2', '2025-10-06', 'Preview', undefined, d('2026-07-15'), 'sora-2 2025-12-08'],
    ['sora-2', '2025-12-08', 'Preview', undefined, d('2026-10-15')],
  ]),
  // Embedding models have "extended timelines" (the lifecycle page) and no deprecation date.
  ...rows('embedding', [
    ['text-embedding-3-large', '1', 'GA', undefined, d('2028-02-09')],
    ['text-embedding-3-small', '1', 'GA', undefined, d('2028-02-09')],
    ['text-embedding-ada-002', '1', 'GA', undefined, d('2028-02-09')],
    ['text-embedding-ada-002', '2', 'GA', undefined, d('2028-02-09')],
  ]),
];

/**
 * Versions the older retirement table listed and the schedule no longer does: retired during
 * 2026 (dates from `retirement/models.md` @ 01850fbb), or only ever given a "no earlier than" date
 * (computer-use-preview @ 01850fbb, sora @ 31c50ba1).
 */
const EARLIER: ModelLifecycle[] = [
  ...rows('text', [['computer-use-preview', '2025-03-11', 'Preview', undefined, nb('2026-04-14')]]),
  ...rows('audio', [
    ['gpt-4o-audio-preview', '2024-12-17', 'Preview', undefined, d('2026-03-24'), 'gpt-audio'],
    ['gpt-4o-realtime-preview', '2024-12-17', 'Preview', undefined, d('2026-03-24'), 'gpt-realtime'],
    ['gpt-4o-mini-audio-preview', '2024-12-17', 'Preview', undefined, d('2026-03-24')],
    ['gpt-4o-mini-realtime-preview', '2024-12-17', 'Preview', undefined, d('2026-03-24')],
  ]),
  ...rows('image', [
    ['dall-e-3', '3', 'GA', undefined, d('2026-03-04'), 'gpt-image-1.5'],
    ['sora', '2025-05-02', 'Preview', undefined, nb('2026-02-28'), 'sora-2'],
  ]),
];

/** Retired before 2026 (the retired-models page). */
const RETIRED: ModelLifecycle[] = [
  ...rows('text', [
    ['o1-preview', '*', 'Preview', undefined, d('2025-07-28'), 'o1'],
    ['gpt-4.5-preview', '*', 'Preview', undefined, d('2025-07-14'), 'gpt-4.1'],
    ['gpt-35-turbo', '0301', 'GA', undefined, d('2025-02-13'), 'gpt-4o-mini'],
    ['gpt-35-turbo', '0613', 'GA', undefined, d('2025-02-13'), 'gpt-4o-mini'],
    ['gpt-4', '0314', 'GA', undefined, d('2025-06-06'), 'gpt-4o'],
    ['gpt-4-32k', '0314', 'GA', undefined, d('2025-06-06'), 'gpt-4o'],
    ['gpt-4', '0613', 'GA', undefined, d('2025-06-06'), 'gpt-4o'],
    ['gpt-4-32k', '0613', 'GA', undefined, d('2025-06-06'), 'gpt-4o'],
    ['gpt-35-turbo-16k', '0613', 'GA', undefined, d('2025-04-30'), 'gpt-4.1-mini'],
    ['babbage-002', '*', 'GA', undefined, d('2025-01-27')],
    ['davinci-002', '*', 'GA', undefined, d('2025-01-27')],
  ]),
  ...rows('audio', [['gpt-4o-realtime-preview', '2024-10-01', 'Preview', d('2025-02-25'), d('2025-03-26'), 'gpt-4o-realtime-preview 2024-12-17']]),
  ...rows('image', [['dall-e-2', '*', 'GA', undefined, d('2025-01-27'), 'gpt-image-1']]),
  ...rows('text', ['ada', 'babbage', 'curie', 'davinci', 'text-ada-001', 'text-babbage-001', 'text-curie-001', 'text-davinci-002', 'text-davinci-003', 'code-cushman-001', 'code-davinci-002']
    .map((model): Row => [model, '*', 'GA', d('2023-07-06'), d('2024-06-14')])),
  ...rows('embedding', ['text-similarity-ada-001', 'text-similarity-babbage-001', 'text-similarity-curie-001', 'text-similarity-davinci-001',
    'text-search-ada-doc-001', 'text-search-ada-query-001', 'text-search-babbage-doc-001', 'text-search-babbage-query-001',
    'text-search-curie-doc-001', 'text-search-curie-query-001', 'text-search-davinci-doc-001', 'text-search-davinci-query-001',
    'code-search-ada-code-001', 'code-search-ada-text-001', 'code-search-babbage-code-001', 'code-search-babbage-text-001']
    .map((model): Row => [model, '*', 'GA', d('2023-07-06'), d('2024-06-14'), 'text-embedding-3-small'])),
];

/** Every row, the current schedule first. */
export const MODEL_LIFECYCLE: readonly ModelLifecycle[] = [...SCHEDULE, ...EARLIER, ...RETIRED];
