/**
 * Checks a parsed file against the schema and turns the schema library's errors into diagnostics
 * a trainer can act on: which key is unknown, which is missing, which value is of the wrong kind.
 */
import type { TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import type { Diagnostic } from './diagnostics';
import { ConditionSchema, DATE_PATTERN, ScenarioSchema, type Scenario } from './schema';
import type { Path, YamlSource } from './yaml-source';

const REFERENCES = [ConditionSchema];

/** Validates the whole file; a file with no diagnostics of severity error has the `Scenario` type. */
export function validateShape(data: unknown, source: YamlSource): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { diagnostics: [source.diagnostic('PRS007', [])] };
  }
  const diagnostics = schemaDiagnostics(ScenarioSchema, data, [], source);
  return diagnostics.length === 0 ? { scenario: data as Scenario, diagnostics } : { diagnostics };
}

function schemaDiagnostics(schema: TSchema, value: unknown, base: Path, source: YamlSource): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const error of Value.Errors(schema, REFERENCES, value)) {
    // A missing field is reported once, as required (PRS011), not again as a value of the wrong type.
    if (error.value === undefined && error.type !== ValueErrorType.ObjectRequiredProperty) continue;
    const path = [...base, ...pointerToPath(error.path)];
    if (error.type === ValueErrorType.Union) {
      diagnostics.push(...unionDiagnostics(error, path, source));
    } else {
      diagnostics.push(toDiagnostic(error, path, source));
    }
  }
  return dedupe(diagnostics);
}

/**
 * A value that fits none of a union's variants (a node, a condition, a reference): report the
 * errors of the variant it most resembles, judged by the keys it shares with each.
 */
function unionDiagnostics(error: ValueError, path: Path, source: YamlSource): Diagnostic[] {
  const variants = (error.schema as { anyOf?: TSchema[] }).anyOf ?? [];
  const value = error.value;
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject) {
    const consts = variants.map((v) => (v as { const?: unknown }).const);
    if (value !== undefined && variants.length > 0 && consts.every((c) => c !== undefined)) {
      // An enumeration (background, ending, difficulty, language, skill): name the allowed values.
      return [source.diagnostic('PRS014', path, { value: shown(value), allowed: consts.map((c) => JSON.stringify(c)).join(', ') })];
    }
    return [source.diagnostic('PRS012', path, said('expected', describe(error.schema)))];
  }
  const keys = Object.keys(value);
  const overlap = (schema: TSchema) => {
    const props = (schema as { properties?: Record<string, unknown> }).properties ?? {};
    return keys.filter((k) => k in props).length;
  };
  const best = Math.max(...variants.map(overlap));
  const kinds = ['choices', 'branch', 'ending'];
  if (keys.filter((k) => kinds.includes(k)).length > 1 || (best === 0 && variants.some((v) => hasProperty(v, 'choices')))) {
    return [source.diagnostic('PRS020', path, {}, 'key')];
  }
  if (best === 0 && variants.some((v) => hasProperty(v, 'flag'))) {
    return [source.diagnostic('PRS021', path)];
  }
  const candidates = variants.filter((v) => overlap(v) === best);
  let chosen: Diagnostic[] | undefined;
  for (const candidate of candidates) {
    const found = schemaDiagnostics(candidate, value, path, source);
    if (!chosen || found.length < chosen.length) chosen = found;
  }
  return chosen ?? [];
}

function hasProperty(schema: TSchema, name: string): boolean {
  return name in ((schema as { properties?: object }).properties ?? {});
}

function toDiagnostic(error: ValueError, path: Path, source: YamlSource): Diagnostic {
  const last = path[path.length - 1];
  const schema = error.schema as Record<string, unknown>;
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      // A record keyed by ids reports a bad id as an unexpected property.
      if (typeof last === 'string' && 'patternProperties' in schema) {
        return source.diagnostic('PRS013', path, { value: last }, 'key');
      }
      return source.diagnostic('PRS010', path, { key: String(last) }, 'key');
    case ValueErrorType.ObjectRequiredProperty:
      // A meter or skill condition lacks its bound: either would do, so say so rather than name one.
      if (last === 'atLeast' || last === 'atMost') return source.diagnostic('PRS023', path, {}, 'missing');
      return source.diagnostic('PRS011', path, { key: String(last) }, 'missing');
    case ValueErrorType.ObjectMinProperties:
      return source.diagnostic('PRS019', path);
    case ValueErrorType.StringPattern:
      if (schema['pattern'] === DATE_PATTERN) return source.diagnostic('PRS012', path, said('expected', DATE_WORDS));
      // `chose: hold-off` is a well-formed id that lacks its node: say what is missing, not "bad id".
      if (last === 'chose') return source.diagnostic('PRS022', path, { value: String(error.value) });
      return source.diagnostic('PRS013', path, { value: String(error.value) });
    case ValueErrorType.StringMaxLength:
      return source.diagnostic('PRS016', path, {
        length: [...String(error.value)].length,
        limit: Number(schema['maxLength']),
      });
    case ValueErrorType.Literal:
      return source.diagnostic('PRS014', path, {
        value: String(error.value),
        allowed: JSON.stringify(schema['const']),
      });
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
      return source.diagnostic('PRS015', path, {
        value: String(error.value),
        ...said('range', rangeText(schema['minimum'], schema['maximum'])),
      });
    case ValueErrorType.ArrayMinItems:
    case ValueErrorType.ArrayMaxItems:
      return source.diagnostic('PRS017', path, {
        count: Array.isArray(error.value) ? error.value.length : 0,
        ...said('range', rangeText(schema['minItems'], schema['maxItems'])),
      });
    case ValueErrorType.ArrayUniqueItems:
      return source.diagnostic('PRS018', path);
    default:
      return source.diagnostic('PRS012', path, said('expected', describe(error.schema)));
  }
}

/** Words a message says in each language. */
interface Words {
  en: string;
  th: string;
}

/** A message parameter said differently in Thai and English (see formatMessage). */
function said(name: string, words: Words): Record<string, string> {
  return { [`${name}_en`]: words.en, [`${name}_th`]: words.th };
}

const DATE_WORDS: Words = { en: 'a date written YYYY-MM-DD', th: 'วันที่ในรูปแบบ ปปปป-ดด-วว (คริสต์ศักราช)' };

/** A short description of what a schema accepts ("a whole number", "one of …"), in each language. */
function describe(schema: TSchema): Words {
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s['anyOf'])) {
    const consts = (s['anyOf'] as Record<string, unknown>[]).map((v) => v['const']);
    if (consts.every((c) => c !== undefined)) {
      const list = consts.map((c) => JSON.stringify(c)).join(', ');
      return { en: `one of ${list}`, th: `ค่าใดค่าหนึ่งใน ${list}` };
    }
    if ((s['anyOf'] as TSchema[]).some((v) => hasProperty(v, 'choices'))) return { en: 'a node (a map)', th: 'โหนด (แมป)' };
    if ((s['anyOf'] as TSchema[]).some((v) => hasProperty(v, 'flag'))) return { en: 'a condition (a map)', th: 'เงื่อนไข (แมป)' };
    return { en: 'a map', th: 'แมป' };
  }
  switch (s['type']) {
    case 'integer':
      return { en: 'a whole number', th: 'จำนวนเต็ม' };
    case 'number':
      return { en: 'a number', th: 'ตัวเลข' };
    case 'string':
      return { en: 'a text string', th: 'ข้อความ' };
    case 'array':
      return { en: 'a list', th: 'รายการ' };
    case 'object':
      return { en: 'a map', th: 'แมป' };
    case 'boolean':
      return { en: 'true or false', th: 'ค่า true หรือ false' };
  }
  if (s['const'] !== undefined) return { en: JSON.stringify(s['const']), th: JSON.stringify(s['const']) };
  return { en: 'a different value', th: 'ค่าอื่น' };
}

function rangeText(min: unknown, max: unknown): Words {
  if (min !== undefined && max !== undefined) return { en: `${shown(min)} to ${shown(max)}`, th: `${shown(min)} ถึง ${shown(max)}` };
  if (min !== undefined) return { en: `at least ${shown(min)}`, th: `อย่างน้อย ${shown(min)}` };
  return { en: `at most ${shown(max)}`, th: `ไม่เกิน ${shown(max)}` };
}

/** A value from the file as a message quotes it: text as written, anything else as JSON. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

function pointerToPath(pointer: string): Path {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.code}:${JSON.stringify(d.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
