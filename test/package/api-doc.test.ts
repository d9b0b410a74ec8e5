/**
 * The public API is listed in one place: docs/API.md, generated from the package's entry points
 * (lib/api/*.ts), which must match package.json's subpath exports; every exported symbol has a
 * doc comment. Regenerate with `npm run docs:api`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { API_ENTRIES, apiSymbols, renderApiDoc, undocumented } from '../../scripts/api-doc';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('docs/API.md matches the generator output', () => {
  expect(fs.readFileSync(path.join(ROOT, 'docs', 'API.md'), 'utf8')).toBe(renderApiDoc());
});

test('every exported symbol has a doc comment', () => {
  expect(undocumented()).toEqual([]);
});

test('each entry point is a subpath export with its declarations, also for node10 resolution (typesVersions)', () => {
  for (const { subpath, file } of API_ENTRIES) {
    const key = `./${subpath.split('/')[1]}`;
    const out = `./dist/${file.replace(/\.ts$/, '')}`;
    expect(pkg.exports[key]).toEqual({ types: `${out}.d.ts`, default: `${out}.js` });
    expect(pkg.typesVersions['*'][subpath.split('/')[1]]).toEqual([`${out.slice(2)}.d.ts`]);
  }
  expect(Object.keys(pkg.exports).sort()).toEqual(['.', './aws', './azure', './jest', './package.json', './policy', './topology']);
});

test('the API lists the constructs with their public props and the policy entry', () => {
  const byPath = Object.fromEntries(apiSymbols().map((e) => [e.subpath, e.symbols]));
  expect(byPath['stateline/policy'].map((s) => s.name)).toEqual(expect.arrayContaining(['checkPlacement', 'JsonReport', 'PlacementInput']));
  expect(byPath['stateline/jest'].map((s) => s.name)).toEqual(expect.arrayContaining(['toSatisfyPlacement', 'toMatchPlacementSnapshot', 'placementMatchers']));
  const runtimeProps = byPath['stateline/aws'].find((s) => s.name === 'AgentRuntimeProps');
  expect(runtimeProps?.members?.map((m) => m.name)).toEqual(expect.arrayContaining(['agent', 'vpc', 'serving']));
  expect(byPath['stateline/azure'].find((s) => s.name === 'AiServices')?.kind).toBe('class');
  // The tools (#18) and network security (#22) constructs, and the tool model.
  for (const name of ['ToolGateway', 'ToolTarget', 'ToolCredentialProviders']) expect({ name, kind: byPath['stateline/aws'].find((s) => s.name === name)?.kind }).toEqual({ name, kind: 'class' });
  for (const name of ['ServingNetworkSecurity', 'HubNetworkSecurity', 'SubnetSecurityGroup']) expect({ name, kind: byPath['stateline/azure'].find((s) => s.name === name)?.kind }).toEqual({ name, kind: 'class' });
  expect(byPath['stateline/topology'].map((s) => s.name)).toEqual(expect.arrayContaining(['Tool', 'ToolPlan', 'ToolKind']));
});
