import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { schemaDocument, schemaObject } from '../../src/engine/json-schema';

const SCHEMA_PATH = 'scenarios/schema/scenario.schema.json';
const shipped = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `scenarios/${f}`);

describe('the JSON Schema for editors', () => {
  it('is current: scenarios/schema/scenario.schema.json equals what npm run schema writes', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(schemaDocument());
  });

  const validate = new Ajv({ allErrors: true, strict: false }).compile(schemaObject());

  it.each([...shipped, 'tests/fixtures/quick-question.yaml'])('accepts %s, as the engine does', (file) => {
    const ok = validate(parse(readFileSync(file, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects what the engine rejects: an unknown key, a bad skill, a bad background', () => {
    const data = parse(readFileSync('tests/fixtures/quick-question.yaml', 'utf8')) as Record<string, unknown>;
    for (const broken of [
      { ...data, colour: 'red' },
      { ...data, targets: ['charisma'] },
      { ...data, nodes: { ...(data['nodes'] as object), filed: { text: { th: 'x', en: 'x' }, background: 'garden', choices: [] } } },
    ]) {
      expect(validate(broken)).toBe(false);
    }
  });

  it('describes every field in English and Thai, so an editor can explain it', () => {
    const doc = schemaObject() as { properties: Record<string, { description?: string; $ref?: string }> };
    for (const [key, field] of Object.entries(doc.properties)) {
      if (field.$ref) continue;
      const description = field.description ?? '';
      expect(description, key).toMatch(/[A-Za-z]/);
      expect(description, key).toMatch(/[\u0E00-\u0E7F]/);
    }
  });
});
