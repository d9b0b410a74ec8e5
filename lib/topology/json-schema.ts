import { z } from 'zod';
import { topologySchema } from './schema';

/** The topology's JSON Schema (input shape: defaults are optional), pretty-printed. */
export function jsonSchemaText(): string {
  const schema = z.toJSONSchema(topologySchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const doc = {
    ...schema,
    $id: 'https://stateline.dev/schema/stateline.schema.json',
    title: 'stateline topology',
    description: 'One typed topology: stateless inference on Azure, stateful agents on AWS, a private link between them.',
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
