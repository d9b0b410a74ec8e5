/**
 * Writes schema/stateline.schema.json (JSON Schema for editors) from the zod schema.
 * `npm run schema`; a test fails when the committed file is stale.
 */
import * as path from 'path';
import { jsonSchemaText } from '../lib/topology/json-schema';
import { generate } from './write-if-changed';

generate(path.join(__dirname, '..', 'schema', 'stateline.schema.json'), jsonSchemaText());
