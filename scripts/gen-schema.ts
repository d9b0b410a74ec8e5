/**
 * Writes schema/stateline.schema.json (JSON Schema for editors) from the zod schema.
 * `npm run schema`; a test fails when the committed file is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { jsonSchemaText } from '../lib/topology/json-schema';

const out = path.join(__dirname, '..', 'schema', 'stateline.schema.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, jsonSchemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
