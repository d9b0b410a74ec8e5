/**
 * CloudFormation YAML: the short-form intrinsics (`!Ref`, `!GetAtt`, `!Sub`, ...) become their
 * long JSON forms so rules see one shape whatever the template was written in.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html
 */
import { LineCounter, parseDocument, type Tags, type YAMLMap, type YAMLSeq } from 'yaml';
import { cleanMessage, PolicyInputError } from '../errors';
import { DuplicateKey, yamlDuplicateKeys } from './duplicates';
import { display, LoadContext, MAX_YAML_BYTES, readText } from './read';
import { MAX_NESTING, parserFailure, valueNestingBeyond } from '../../io/text';

/** Short-form tags whose long form is `{ "Fn::<Name>": value }`. */
const FN_TAGS = [
  'Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'If', 'Equals', 'Not', 'And', 'Or', 'Transform', 'Length', 'ToJsonString', 'ForEach',
] as const;

type Collection = YAMLMap | YAMLSeq;

/** Scalar, sequence and mapping variants of one short-form tag. */
function variants(tag: string, wrap: (v: unknown) => unknown, scalar?: (s: string) => unknown): Tags {
  return [
    { tag, resolve: (s: string) => (scalar ? scalar(s) : wrap(s)) },
    { tag, collection: 'seq', resolve: (c: Collection) => wrap(c.toJSON()) },
    { tag, collection: 'map', resolve: (c: Collection) => wrap(c.toJSON()) },
  ] as unknown as Tags;
}

const CUSTOM_TAGS: Tags = [
  ...variants('!Ref', (v) => ({ Ref: v })),
  ...variants('!Condition', (v) => ({ Condition: v })),
  // `!GetAtt Resource.Attribute` splits on the first dot; attributes may contain dots themselves.
  ...variants('!GetAtt', (v) => ({ 'Fn::GetAtt': v }), (s) => {
    const dot = s.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [s] : [s.slice(0, dot), s.slice(dot + 1)] };
  }),
  ...FN_TAGS.flatMap((name) => variants(`!${name}`, (v) => ({ [`Fn::${name}`]: v }))),
];

/** Parses CloudFormation YAML text; errors name the file, line and column. */
export function parseCfnYaml(ctx: LoadContext, file: string, text: string): unknown {
  return parseCfnYamlWithDuplicates(ctx, file, text).template;
}

/**
 * Parses CloudFormation YAML as CloudFormation does: a repeated key is not an error, the last value
 * wins; the duplicates are returned with their lines.
 */
export function parseCfnYamlWithDuplicates(ctx: LoadContext, file: string, text: string): { template: unknown; duplicates: DuplicateKey[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { customTags: CUSTOM_TAGS, uniqueKeys: false, prettyErrors: true, lineCounter: lines });
  const err = doc.errors[0];
  if (err) {
    const firstLine = parserFailure(err) ?? err.message.split('\n')[0].replace(/:\s*$/, '');
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more errors)` : '';
    throw new PolicyInputError(display(ctx, file), `invalid YAML: ${cleanMessage(firstLine)}${more}`);
  }
  try {
    const template: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (valueNestingBeyond(template)) throw new PolicyInputError(display(ctx, file), `nested deeper than ${MAX_NESTING} levels: not a template`);
    return { template, duplicates: yamlDuplicateKeys(doc, lines) };
  } catch (e) {
    if (e instanceof PolicyInputError) throw e;
    throw new PolicyInputError(display(ctx, file), `invalid YAML: ${parserFailure(e) ?? cleanMessage((e as Error).message)}`);
  }
}

/** Reads a YAML template (size-capped: YAML parsing is far slower than JSON), with its duplicate keys. */
export function readCfnYaml(ctx: LoadContext, file: string): { template: unknown; duplicates: DuplicateKey[] } {
  return parseCfnYamlWithDuplicates(ctx, file, readText(ctx, file, MAX_YAML_BYTES));
}
