/** The JSON Schema document editors read (VS Code's YAML extension completes and underlines from it). */
import { ConditionSchema, ScenarioSchema } from '../engine';

const CONDITION_REF = '#/definitions/Condition';

/**
 * TypeBox inlines the recursive condition schema wherever it is used, named by `$id`; editors handle
 * one shared definition more reliably, so every use becomes a `$ref` to `definitions/Condition`.
 */
function shareConditions(value: unknown, top = false): unknown {
  if (Array.isArray(value)) return value.map((v) => shareConditions(v));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (!top && record['$id'] === 'Condition') return { $ref: CONDITION_REF };
  if (record['$ref'] === 'Condition') return { ...record, $ref: CONDITION_REF };
  return Object.fromEntries(
    Object.entries(record)
      .filter(([key]) => !(top && key === '$id'))
      .map(([key, v]) => [key, shareConditions(v)]),
  );
}

export function schemaObject(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...(shareConditions(ScenarioSchema) as object),
    definitions: { Condition: shareConditions(ConditionSchema, true) },
  };
}

export function schemaDocument(): string {
  return `${JSON.stringify(schemaObject(), null, 2)}\n`;
}
