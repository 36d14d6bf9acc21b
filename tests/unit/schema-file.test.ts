import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { schemaDocument, schemaObject } from '../../src/authoring/json-schema';

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

  it('describes every field, at every depth, in English and Thai, so an editor can explain it', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      for (const [key, field] of Object.entries((schema['properties'] as Record<string, Record<string, unknown>>) ?? {})) {
        const description = typeof field['description'] === 'string' ? field['description'] : '';
        if (!field['$ref'] && !(/[A-Za-z]/.test(description) && /[\u0E00-\u0E7F]/.test(description))) undescribed.push(`${path}/${key}`);
        walk(field, `${path}/${key}`);
      }
      for (const key of ['anyOf', 'items', 'patternProperties', 'definitions']) if (schema[key]) walk(schema[key], `${path}/${key}`);
    };
    walk(schemaObject(), '');
    expect(undescribed).toEqual([]);
  });
});
