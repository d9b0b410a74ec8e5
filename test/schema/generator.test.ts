/**
 * The generators: the CloudFormation constraint walk on a small made-up service spec and
 * registry types (only constraints found along the same path, all paths agreeing), and every
 * generator writing a file only when its content changes.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { cloudFormationSchema } from '../../scripts/provider-schemas/cloudformation';
import { readRegistryTypes } from '../../scripts/provider-schemas/registry-constraints';
import { writeIfChanged } from '../../scripts/write-if-changed';
import { tempDir } from '../policy/helpers';

const ROOT = path.join(__dirname, '..', '..');

/** A package root with a one-resource service spec and the registry types of that resource. */
function fakeRoot(dts: string): string {
  const root = tempDir();
  const spec = path.join(root, 'node_modules', '@aws-cdk', 'aws-service-spec');
  const types = path.join(root, 'node_modules', '@awboost', 'cfn-resource-types');
  fs.mkdirSync(spec, { recursive: true });
  fs.mkdirSync(path.join(types, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(spec, 'package.json'), JSON.stringify({ name: '@aws-cdk/aws-service-spec', version: '0.0.1' }));
  fs.writeFileSync(path.join(types, 'package.json'), JSON.stringify({ name: '@awboost/cfn-resource-types', version: '0.0.2' }));
  const str = { type: 'string' };
  const db = {
    schema: {
      resource: {
        entities: [
          {
            $id: 'r1',
            name: 'Thing',
            cloudFormationType: 'AWS::Test::Thing',
            properties: {
              Name: { type: str, required: true },
              Kind: { type: { type: 'string', allowedValues: ['a', 'b'] } },
              Aliases: { type: { type: 'array', element: str } },
              Left: { type: { type: 'ref', reference: { $ref: 'd1' } } },
              Right: { type: { type: 'array', element: { type: 'ref', reference: { $ref: 'd1' } } } },
              Labels: { type: { type: 'map', element: { type: 'ref', reference: { $ref: 'd2' } } } },
            },
          },
        ],
      },
      typeDefinition: {
        entities: [
          { $id: 'd1', name: 'Side', properties: { Same: { type: str }, Differs: { type: str }, Child: { type: { type: 'ref', reference: { $ref: 'd1' } } } } },
          { $id: 'd2', name: 'Label', properties: { Text: { type: str } } },
        ],
      },
    },
  };
  fs.writeFileSync(path.join(spec, 'db.json.gz'), zlib.gzipSync(JSON.stringify(db)));
  fs.writeFileSync(path.join(types, 'lib', 'AWS-Test-Thing.d.ts'), dts);
  return root;
}

const DTS = `import { Resource as $Resource } from "x";
export type TestThingProperties = {
    /**
     * The name; a pattern holding a comment end is escaped by the types' generator.
     * @minLength \`1\`
     * @maxLength \`64\`
     * @pattern \`^[a-z]/\u200d*x\\Z\`
     */
    Name: string;
    /**
     * @maxLength \`5\`
     */
    Kind?: "a" | "b";
    /**
     * The list's item counts, not string lengths.
     * @minLength \`1\`
     * @maxLength \`3\`
     */
    Aliases?: string[];
    Left?: Side;
    Right?: OtherSide[];
    Labels?: Record<string, Label>;
};
export type Side = {
    /**
     * @pattern \`^s$\`
     */
    Same?: string;
    /**
     * @pattern \`^left$\`
     */
    Differs?: string;
    Child?: Side;
};
export type OtherSide = {
    /**
     * @pattern \`^s$\`
     */
    Same?: string;
    /**
     * @pattern \`^right$\`
     */
    Differs?: string;
};
export type Label = {
    /**
     * @maxLength \`10\`
     */
    Text?: string;
};
export declare class TestThing extends $Resource<"AWS::Test::Thing", TestThingProperties, {}> {
    static readonly Type = "AWS::Test::Thing";
}
`;

describe('CloudFormation string constraints (scripts/provider-schemas/cloudformation.ts)', () => {
  const root = fakeRoot(DTS);
  const { schema, stats } = cloudFormationSchema(root, '2026-12-01', readRegistryTypes(root));
  const spec = JSON.parse(schema.resources['AWS::Test::Thing']);

  test('a string property gets its pattern (escape undone, \\Z translated, original kept) and lengths', () => {
    expect(spec.p.Name).toEqual(['s!', null, { p: '^[a-z]*/x$', o: '^[a-z]*/x\\Z', n: 1, x: 64 }]);
    expect(schema.constraints).toBe('@awboost/cfn-resource-types@0.0.2');
    expect(schema.source).toBe('@aws-cdk/aws-service-spec@0.0.1');
  });

  test('a list keeps no lengths (its tags are item counts) and an enumerated property only its enumeration', () => {
    expect(spec.p.Aliases).toBe('[s');
    expect(spec.p.Kind).toEqual(['s', ['a', 'b']]);
  });

  test('a property type keeps a constraint only where every path to it agrees; maps and self-references are walked', () => {
    expect(spec.d.Side).toEqual({ Child: '@Side', Differs: 's', Same: ['s', null, { p: '^s$' }] });
    expect(spec.d.Label).toEqual({ Text: ['s', null, { x: 10 }] });
    expect(stats.constrained).toBe(3);
  });

  test('a resource type the registry types do not describe gets none, and a file for another type is refused', () => {
    const noTypes = fakeRoot(DTS);
    fs.rmSync(path.join(noTypes, 'node_modules', '@awboost', 'cfn-resource-types', 'lib', 'AWS-Test-Thing.d.ts'));
    expect(JSON.parse(cloudFormationSchema(noTypes, '2026-12-01', readRegistryTypes(noTypes)).schema.resources['AWS::Test::Thing']).p.Name).toBe('s!');
    const wrong = fakeRoot(DTS.replace(/"AWS::Test::Thing"/g, '"AWS::Test::Other"'));
    expect(() => cloudFormationSchema(wrong, '2026-12-01', readRegistryTypes(wrong))).toThrow('expected the resource class of AWS::Test::Thing');
  });
});

describe('generators write only what changed', () => {
  test('writeIfChanged leaves a file with the same content untouched (same bytes, same modification time)', () => {
    const file = path.join(tempDir(), 'nested', 'out.md');
    expect(writeIfChanged(file, '# a\n')).toBe(true);
    const old = new Date('2026-01-01T00:00:00Z');
    fs.utimesSync(file, old, old);
    expect(writeIfChanged(file, '# a\n')).toBe(false);
    expect(writeIfChanged(file, Buffer.from('# a\n'))).toBe(false);
    expect(fs.statSync(file).mtime.toISOString()).toBe(old.toISOString());
    expect(writeIfChanged(file, '# b\n')).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('# b\n');
  });

  test('every generator script writes through it', () => {
    const scripts = fs.readdirSync(path.join(ROOT, 'scripts')).filter((f) => /^(gen-.*|refresh-prices)\.ts$/.test(f));
    expect(scripts.length).toBeGreaterThanOrEqual(8);
    for (const f of scripts) {
      const text = fs.readFileSync(path.join(ROOT, 'scripts', f), 'utf8');
      expect({ f, writesDirectly: /\bwriteFileSync\(/.test(text) }).toEqual({ f, writesDirectly: false });
      expect({ f, usesWriteIfChanged: /from '\.\/write-if-changed'/.test(text) }).toEqual({ f, usesWriteIfChanged: true });
    }
  });
});
