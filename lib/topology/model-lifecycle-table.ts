/**
 * Azure OpenAI model lifecycle facts: deprecation (no new customers) and retirement (deployments
 * fail) per model version, transcribed from Microsoft's tables. Data only; the check that uses
 * it is `model-lifecycle.ts`.
 *
 * Update by re-reading both sources, changing the rows, and moving `checked` to the day you read
 * them. A date Microsoft gives as "no earlier than" is marked `earliest: true`.
 */
import type { DeploymentSku } from './schema';

/** Where the rows come from and when they were last compared with it. */
export const MODEL_LIFECYCLE_SOURCE = {
  /** The page users should read for anything newer than `checked`. */
  url: 'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/model-retirements',
  /** The retirement table include (current and upcoming retirements). */
  table: 'MicrosoftDocs/azure-ai-docs articles/ai-foundry/openai/includes/retirement/models.md @ 31c50ba1 (ms.date 2025-12-16)',
  /** The retired-models page (already retired). */
  retired: 'MicrosoftDocs/azure-ai-docs articles/ai-foundry/openai/concepts/legacy-models.md @ e5e27c16 (ms.date 2026-02-12)',
  /** Day the rows were last compared with both sources (YYYY-MM-DD). */
  checked: '2026-12-01',
} as const;

/** A lifecycle date: exact, or "no earlier than" (`earliest`). */
export interface LifecycleDate {
  /** YYYY-MM-DD. */
  readonly date: string;
  /** Microsoft gives only a lower bound ("no earlier than"). */
  readonly earliest?: boolean;
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

type Row = [model: string, version: string, status: 'GA' | 'Preview', deprecation: LifecycleDate | undefined, retirement: LifecycleDate | undefined, replacement?: string];
const rows = (kind: ModelKind, list: Row[]): ModelLifecycle[] =>
  list.map(([model, version, status, deprecation, retirement, replacement]) => ({ model, version, kind, status, deprecation, retirement, ...(replacement ? { replacement } : {}) }));

/** Current and upcoming retirements (the retirement table). */
const CURRENT: ModelLifecycle[] = [
  ...rows('text', [
    ['gpt-5-chat', '2025-08-07', 'Preview', undefined, d('2026-03-01'), 'gpt-5.2-chat'],
    ['gpt-5-chat', '2025-10-03', 'Preview', undefined, d('2026-03-01'), 'gpt-5.2-chat'],
    ['gpt-4.1', '2025-04-14', 'GA', d('2026-04-14'), d('2026-10-14'), 'gpt-5'],
    ['gpt-4.1-mini', '2025-04-14', 'GA', d('2026-04-14'), d('2026-10-14'), 'gpt-5-mini'],
    ['gpt-4.1-nano', '2025-04-14', 'GA', d('2026-04-14'), d('2026-10-14'), 'gpt-5-nano'],
    ['computer-use-preview', '2025-03-11', 'Preview', undefined, nb('2026-04-14')],
    ['o1', '2024-12-17', 'GA', d('2025-12-17'), d('2026-07-15'), 'o3'],
    ['o1-pro', '2025-03-19', 'GA', d('2026-03-19'), d('2026-09-18'), 'o3-pro'],
    ['o3-mini', '2025-01-31', 'GA', d('2026-01-31'), d('2026-08-02'), 'o4-mini'],
    ['o3', '2025-04-16', 'GA', d('2026-04-16'), d('2026-10-16')],
    ['o3-pro', '2025-06-10', 'GA', d('2026-06-10'), d('2026-12-10')],
    ['o3-deep-research', '2025-06-26', 'GA', d('2026-06-26'), d('2026-12-26')],
    ['o4-mini', '2025-04-16', 'GA', d('2026-04-16'), d('2026-10-16')],
    ['codex-mini', '2025-05-16', 'GA', d('2026-05-16'), d('2026-11-15')],
    ['model-router', '2025-11-18', 'GA', d('2026-11-18'), d('2027-05-20')],
    ['gpt-5-mini', '2025-08-07', 'GA', d('2026-08-07'), d('2027-02-06')],
    ['gpt-5-nano', '2025-08-07', 'GA', d('2026-08-07'), d('2027-02-06')],
    ['gpt-5-codex', '2025-09-15', 'GA', d('2026-09-15'), d('2027-03-17')],
    ['gpt-5-pro', '2025-10-06', 'GA', d('2026-10-06'), d('2027-04-07')],
    ['gpt-5.1', '2025-11-13', 'GA', d('2026-11-13'), d('2027-05-15')],
    ['gpt-5.1-codex', '2025-11-13', 'GA', d('2026-11-13'), d('2027-05-15')],
    ['gpt-5.1-codex-mini', '2025-11-13', 'GA', d('2026-11-13'), d('2027-05-15')],
    ['gpt-5.1-chat', '2025-11-13', 'Preview', undefined, nb('2026-03-31')],
    ['gpt-5.2', '2025-12-11', 'GA', nb('2026-12-12'), nb('2027-05-12')],
    ['gpt-5.2-chat', '2025-12-11', 'Preview', undefined, nb('2026-04-01')],
  ]),
  // gpt-4o and gpt-4o-mini: the Standard deployment type retires earlier than every other type.
  { model: 'gpt-4o', version: '2024-05-13', kind: 'text', status: 'GA', deprecation: d('2025-05-13'), retirement: d('2026-10-01'), retirementBySku: { Standard: '2026-03-31' }, replacement: 'gpt-5.1' },
  { model: 'gpt-4o', version: '2024-08-06', kind: 'text', status: 'GA', deprecation: d('2025-08-06'), retirement: d('2026-10-01'), retirementBySku: { Standard: '2026-03-31' }, replacement: 'gpt-5.1' },
  { model: 'gpt-4o', version: '2024-11-20', kind: 'text', status: 'GA', deprecation: d('2025-11-20'), retirement: d('2026-10-01'), replacement: 'gpt-5.1' },
  { model: 'gpt-4o-mini', version: '2024-07-18', kind: 'text', status: 'GA', deprecation: d('2025-07-18'), retirement: d('2026-10-01'), retirementBySku: { Standard: '2026-03-31' }, replacement: 'gpt-4.1-mini' },
  ...rows('audio', [
    ['gpt-4o-audio-preview', '2024-12-17', 'Preview', undefined, d('2026-02-02'), 'gpt-audio'],
    ['gpt-4o-realtime-preview', '2024-12-17', 'Preview', undefined, d('2026-02-02'), 'gpt-realtime'],
    ['gpt-4o-mini-audio-preview', '2024-12-17', 'Preview', undefined, nb('2026-02-28')],
    ['gpt-4o-mini-realtime-preview', '2024-12-17', 'Preview', undefined, nb('2026-02-28')],
    ['gpt-4o-transcribe', '2025-03-20', 'Preview', undefined, nb('2026-02-28')],
    ['gpt-4o-mini-tts', '2025-03-20', 'Preview', undefined, nb('2026-02-28')],
    ['gpt-4o-mini-transcribe', '2025-03-20', 'Preview', undefined, nb('2026-02-28')],
    ['gpt-4o-transcribe-diarize', '2025-10-15', 'GA', d('2026-10-15'), d('2027-04-16')],
    ['gpt-audio', '2025-08-28', 'GA', d('2026-08-28'), d('2027-02-28')],
    ['gpt-realtime', '2025-08-28', 'GA', d('2026-08-28'), d('2027-02-28')],
    ['gpt-audio-mini', '2025-10-06', 'GA', d('2026-10-06'), d('2027-04-07')],
    // tts, tts-hd and whisper 001: only a "no earlier than" deprecation, no retirement date.
    ['tts', '001', 'GA', nb('2026-02-28'), undefined],
    ['tts-hd', '001', 'GA', nb('2026-02-28'), undefined],
    ['whisper', '001', 'GA', nb('2026-06-18'), undefined],
    ['gpt-realtime-mini', '2025-12-15', 'GA', undefined, nb('2026-12-15')],
    ['gpt-4o-mini-transcribe', '2025-12-15', 'GA', undefined, nb('2026-12-15')],
    ['gpt-4o-mini-tts', '2025-12-15', 'GA', undefined, nb('2026-12-15')],
  ]),
  ...rows('image', [
    ['dall-e-3', '3', 'GA', undefined, d('2026-02-18'), 'gpt-image-1-mini'],
    ['gpt-image-1', '2025-04-15', 'Preview', undefined, nb('2026-03-31'), 'gpt-image-1-mini'],
    ['gpt-image-1-mini', '2025-10-06', 'GA', d('2026-10-06'), d('2027-04-07')],
    ['sora', '2025-05-02', 'Preview', undefined, nb('2026-02-28'), 'sora-2'],
    ['gpt-image-1.5', '2025-12-16', 'Preview', undefined, nb('2026-12-16')],
    ['sora-2', '2025-10-15', 'Preview', undefined, nb('2026-04-30')],
  ]),
  // "No retirement scheduled. Will not retire before April 15, 2027."
  ...rows('embedding', [
    ['text-embedding-3-large', '1', 'GA', undefined, nb('2027-04-15')],
    ['text-embedding-3-small', '1', 'GA', undefined, nb('2027-04-15')],
    ['text-embedding-ada-002', '2', 'GA', undefined, nb('2027-04-15')],
    ['text-embedding-ada-002', '1', 'GA', undefined, nb('2027-04-15')],
  ]),
];

/** Already retired (the retired-models page). */
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
  ...rows('image', [['dall-e-2', '*', 'GA', undefined, d('2025-01-27'), 'dall-e-3']]),
  ...rows('text', ['ada', 'babbage', 'curie', 'davinci', 'text-ada-001', 'text-babbage-001', 'text-curie-001', 'text-davinci-002', 'text-davinci-003', 'code-cushman-001', 'code-davinci-002']
    .map((model): Row => [model, '*', 'GA', d('2023-07-06'), d('2024-06-14')])),
  ...rows('embedding', ['text-similarity-ada-001', 'text-similarity-babbage-001', 'text-similarity-curie-001', 'text-similarity-davinci-001',
    'text-search-ada-doc-001', 'text-search-ada-query-001', 'text-search-babbage-doc-001', 'text-search-babbage-query-001',
    'text-search-curie-doc-001', 'text-search-curie-query-001', 'text-search-davinci-doc-001', 'text-search-davinci-query-001',
    'code-search-ada-code-001', 'code-search-ada-text-001', 'code-search-babbage-code-001', 'code-search-babbage-text-001']
    .map((model): Row => [model, '*', 'GA', d('2023-07-06'), d('2024-06-14'), 'text-embedding-3-small'])),
];

/** Every row, current table first. */
export const MODEL_LIFECYCLE: readonly ModelLifecycle[] = [...CURRENT, ...RETIRED];
