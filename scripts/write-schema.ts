/**
 * Writes scenarios/schema/scenario.schema.json from the one schema in src/engine/schema.ts, for
 * trainers' editors. `npm test` checks that the committed file is current.
 */
import { writeFileSync } from 'node:fs';
import { schemaDocument } from '../src/authoring/json-schema';

const path = 'scenarios/schema/scenario.schema.json';
writeFileSync(path, schemaDocument());
console.log(`wrote ${path}`);
