/**
 * docs/API.md from the package's entry points (lib/api/*.ts, one per subpath export): every
 * exported symbol with its kind and the first sentence of its doc comment, and the members of
 * every exported props/options interface (the public props of the constructs). Reads the
 * sources syntactically (no type-check), following `export ... from` chains to declarations.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');

/** Subpath exports in the order the document lists them, with their entry files. */
export const API_ENTRIES: readonly { readonly subpath: string; readonly file: string }[] = [
  { subpath: 'stateline/policy', file: 'lib/api/policy.ts' },
  { subpath: 'stateline/jest', file: 'lib/api/jest.ts' },
  { subpath: 'stateline/topology', file: 'lib/api/topology.ts' },
  { subpath: 'stateline/aws', file: 'lib/api/aws.ts' },
  { subpath: 'stateline/azure', file: 'lib/api/azure.ts' },
];

export interface ApiMember { readonly name: string; readonly optional: boolean; readonly doc: string; readonly defaultValue?: string }
export interface ApiSymbol {
  readonly name: string;
  readonly kind: string;
  /** Declaring file, relative to the repository. */
  readonly file: string;
  /** First sentence of the doc comment ('' when there is none). */
  readonly doc: string;
  /** Members of props/options interfaces. */
  readonly members?: readonly ApiMember[];
}

const sources = new Map<string, ts.SourceFile>();
function source(file: string): ts.SourceFile {
  let sf = sources.get(file);
  if (!sf) {
    sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    sources.set(file, sf);
  }
  return sf;
}

function resolveModule(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(c)) return c;
  throw new Error(`${path.relative(ROOT, from)}: cannot resolve ${spec}`);
}

/** The first sentence of a node's doc comment, on one line. */
function docOf(node: ts.Node): string {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const jsDoc = docs[docs.length - 1];
  const text = jsDoc ? ts.getTextOfJSDocComment(jsDoc.comment) ?? '' : '';
  // The first sentence of the first paragraph; `{@link X}` shown as `X`.
  const paragraph = text.split(/\n\s*\n/)[0].replace(/\s+/g, ' ').trim().replace(/\{@link ([^}]+)\}/g, '`$1`');
  const m = /^(.+?[.!?])\s+(?=[A-Z`])/.exec(paragraph.replace(/\b(e\.g|i\.e)\./g, '$1\u0000'));
  return (m ? m[1] : paragraph).replace(/\u0000/g, '.').replace(/\|/g, '\\|');
}

function defaultOf(node: ts.Node): string | undefined {
  const tag = ts.getJSDocTags(node).find((t) => t.tagName.text === 'default');
  const text = tag ? ts.getTextOfJSDocComment(tag.comment) : undefined;
  return text?.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

const hasExport = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

function kindOf(n: ts.Node): string {
  if (ts.isClassDeclaration(n)) return 'class';
  if (ts.isInterfaceDeclaration(n)) return 'interface';
  if (ts.isFunctionDeclaration(n)) return 'function';
  if (ts.isTypeAliasDeclaration(n)) return 'type';
  if (ts.isEnumDeclaration(n)) return 'enum';
  return 'const';
}

function membersOf(n: ts.InterfaceDeclaration): ApiMember[] {
  return n.members.filter(ts.isPropertySignature).map((m) => ({
    name: m.name.getText(), optional: !!m.questionToken, doc: docOf(m), defaultValue: defaultOf(m),
  }));
}

/** Finds the declaration of `name` as exported by `file`, following re-exports. */
function resolveExport(file: string, name: string, seen = new Set<string>()): ApiSymbol | undefined {
  const key = `${file}#${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const sf = source(file);
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st)) {
      if (st.exportClause && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          if (el.name.text !== name) continue;
          const orig = (el.propertyName ?? el.name).text;
          if (st.moduleSpecifier) return resolveExport(resolveModule(file, (st.moduleSpecifier as ts.StringLiteral).text), orig, seen);
          return resolveLocal(file, orig, seen);
        }
      } else if (!st.exportClause && st.moduleSpecifier) {
        const found = resolveExport(resolveModule(file, (st.moduleSpecifier as ts.StringLiteral).text), name, seen);
        if (found) return found;
      }
      continue;
    }
    if (!hasExport(st)) continue;
    const found = declarationNamed(file, st, name);
    if (found) return found;
  }
  return undefined;
}

/** `export { x }` of a local or imported binding. */
function resolveLocal(file: string, name: string, seen: Set<string>): ApiSymbol | undefined {
  const sf = source(file);
  for (const st of sf.statements) {
    const found = declarationNamed(file, st, name);
    if (found) return found;
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const el = st.importClause.namedBindings.elements.find((e) => e.name.text === name);
      if (el) return resolveExport(resolveModule(file, (st.moduleSpecifier as ts.StringLiteral).text), (el.propertyName ?? el.name).text, seen);
    }
  }
  return undefined;
}

function declarationNamed(file: string, st: ts.Statement, name: string): ApiSymbol | undefined {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  if (ts.isVariableStatement(st)) {
    const d = st.declarationList.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === name);
    return d ? { name, kind: 'const', file: rel, doc: docOf(d) } : undefined;
  }
  const named = st as ts.Statement & { name?: ts.Identifier };
  if (!named.name || named.name.text !== name) return undefined;
  if (!(ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isFunctionDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st))) return undefined;
  const members = ts.isInterfaceDeclaration(st) && /(Props|Options)$/.test(name) ? membersOf(st) : undefined;
  // A construct's doc (with its example) opens its file, by convention: it documents the class.
  const doc = docOf(st) || (ts.isClassDeclaration(st) ? moduleDoc(file) : '');
  return { name, kind: kindOf(st), file: rel, doc, ...(members ? { members } : {}) };
}

/** The doc comment opening a file (before its first import), if any. */
function moduleDoc(file: string): string {
  const first = source(file).statements[0];
  return first && ts.isImportDeclaration(first) ? docOf(first) : '';
}

/** Names an entry file exports (explicitly: entries list their exports, `export *` aside). */
function exportedNames(file: string): string[] {
  const names: string[] = [];
  for (const st of source(file).statements) {
    if (ts.isExportDeclaration(st)) {
      if (st.exportClause && ts.isNamedExports(st.exportClause)) names.push(...st.exportClause.elements.map((e) => e.name.text));
      else if (st.moduleSpecifier) names.push(...exportedNames(resolveModule(file, (st.moduleSpecifier as ts.StringLiteral).text)));
    } else if (hasExport(st)) {
      if (ts.isVariableStatement(st)) names.push(...st.declarationList.declarations.map((d) => d.name.getText()));
      else if ((st as { name?: ts.Identifier }).name) names.push((st as unknown as { name: ts.Identifier }).name.text);
    }
  }
  return names;
}

/** The public API: each entry point's symbols, sorted by name. */
export function apiSymbols(): { subpath: string; file: string; summary: string; symbols: ApiSymbol[] }[] {
  return API_ENTRIES.map(({ subpath, file }) => {
    const abs = path.join(ROOT, file);
    const names = [...new Set(exportedNames(abs))].sort((a, b) => a.localeCompare(b));
    const symbols = names.map((n) => {
      const s = resolveExport(abs, n);
      if (!s) throw new Error(`${file}: cannot find the declaration of ${n}`);
      return s;
    });
    const first = source(abs).statements[0];
    return { subpath, file, summary: first ? docOf(first) : '', symbols };
  });
}

/** Exported symbols without a doc comment, as `subpath: name (file)`. */
export function undocumented(): string[] {
  const out: string[] = [];
  for (const e of apiSymbols()) {
    for (const s of e.symbols) {
      if (!s.doc) out.push(`${e.subpath}: ${s.name} (${s.file})`);
    }
  }
  return out;
}

/** docs/API.md. */
export function renderApiDoc(): string {
  const lines = [
    '# stateline API',
    '',
    '<!-- Generated by `npm run docs:api` (scripts/api-doc.ts) from lib/api/*.ts. Do not edit. -->',
    '',
    'The package\'s public API: one subpath export per entry point. Anything not listed here (deep imports into',
    '`dist/`) is internal and may change without notice. `stateline/policy` and `stateline/jest` load no CDK or',
    'CDKTF library; `stateline/aws` needs `aws-cdk-lib`, `constructs` and `cdk-nag`, `stateline/azure` needs `cdktf`,',
    '`constructs` and the `@cdktf/provider-azurerm`, `-azuread` and `-time` bindings (optional peer dependencies).',
    '',
    'Construct ids are public too: renaming one replaces the resources under it. The props listed under each',
    'construct are its public props; the construct\'s doc comment (opening its declaring file, with an example) gives',
    'each default choice and its reason.',
    '',
  ];
  for (const e of apiSymbols()) {
    lines.push(`## \`${e.subpath}\``, '', e.summary, '', '| symbol | kind | summary | declared in |', '|---|---|---|---|');
    for (const s of e.symbols) lines.push(`| \`${s.name}\` | ${s.kind} | ${s.doc} | \`${s.file}\` |`);
    lines.push('');
    for (const s of e.symbols.filter((x) => x.members && x.members.length > 0)) {
      lines.push(`### \`${s.name}\``, '', '| prop | required | summary | default |', '|---|---|---|---|');
      for (const m of s.members ?? []) lines.push(`| \`${m.name}\` | ${m.optional ? 'no' : 'yes'} | ${m.doc} | ${m.defaultValue ? `\`${m.defaultValue}\`` : ''} |`);
      lines.push('');
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
