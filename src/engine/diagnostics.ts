/**
 * Diagnostics: every problem found in a scenario file, collected rather than thrown. Each has a stable
 * code, a position (1-based line and column, the column counted in characters) and a message in
 * the trainer's language, built from the table below.
 */
export type Severity = 'error' | 'warning';
export type MessageLanguage = 'th' | 'en';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  code: DiagnosticCode;
  /** Values the message template fills in; kept so tools can read them without parsing text. */
  params: Record<string, string | number>;
}

interface MessageTemplate {
  severity: Severity;
  en: string;
  th: string;
}

/** Codes are stable: never renumber one; retire a code rather than reuse it. */
export const MESSAGES = {
  PRS001: { severity: 'error', en: 'the file is {size} bytes; the limit is {limit}', th: 'แฟ้มมีขนาด {size} ไบต์ เกินขีดจำกัด {limit} ไบต์' },
  PRS002: { severity: 'error', en: 'the file is not UTF-8 text', th: 'แฟ้มไม่ใช่ข้อความ UTF-8' },
  PRS003: { severity: 'error', en: 'not valid YAML: {detail}', th: 'YAML ไม่ถูกต้อง: {detail}' },
  PRS004: { severity: 'error', en: 'the key "{key}" appears twice in this map', th: 'คีย์ "{key}" ซ้ำกันในแมปเดียวกัน' },
  PRS005: { severity: 'error', en: 'tags such as "{tag}" are not allowed', th: 'ไม่อนุญาตให้ใช้แท็ก เช่น "{tag}"' },
  PRS006: { severity: 'error', en: 'too many aliases (more than {limit}): the file expands too far', th: 'ใช้ alias มากเกินไป (เกิน {limit}) แฟ้มขยายตัวมากเกินไป' },
  PRS007: { severity: 'error', en: 'the file must be a YAML map of scenario fields', th: 'แฟ้มต้องเป็นแมป YAML ของข้อมูลสถานการณ์' },
  PRS010: { severity: 'error', en: 'unknown key "{key}"', th: 'ไม่รู้จักคีย์ "{key}"' },
  PRS011: { severity: 'error', en: '"{key}" is required here', th: 'ต้องมี "{key}" ที่นี่' },
  PRS012: { severity: 'error', en: 'expected {expected}', th: 'ต้องเป็น{expected}' },
  PRS013: { severity: 'error', en: '"{value}" is not a valid id: use lowercase letters, digits and single hyphens (e.g. "brief-early")', th: '"{value}" ไม่ใช่รหัสที่ถูกต้อง ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีดกลางเดี่ยว (เช่น "brief-early")' },
  PRS014: { severity: 'error', en: '"{value}" is not one of: {allowed}', th: '"{value}" ไม่อยู่ในค่าที่อนุญาต: {allowed}' },
  PRS015: { severity: 'error', en: '{value} is out of range ({range})', th: '{value} อยู่นอกช่วงที่อนุญาต ({range})' },
  PRS016: { severity: 'error', en: 'the text is {length} characters; the limit is {limit}', th: 'ข้อความยาว {length} ตัวอักษร เกินขีดจำกัด {limit}' },
  PRS017: { severity: 'error', en: 'the list has {count} items; it needs {range}', th: 'รายการมี {count} รายการ ต้องมี {range}' },
  PRS018: { severity: 'error', en: 'the list repeats an item', th: 'รายการมีค่าซ้ำกัน' },
  PRS019: { severity: 'error', en: 'this map is empty', th: 'แมปนี้ว่างเปล่า' },
  PRS020: { severity: 'error', en: 'the node must have exactly one of "choices", "branch" or "ending"', th: 'โหนดต้องมีอย่างใดอย่างหนึ่งเท่านั้นใน "choices", "branch" หรือ "ending"' },
  PRS021: { severity: 'error', en: 'not a condition: use flag, meter, skill, visited, chose, not, all or any', th: 'ไม่ใช่เงื่อนไข ใช้ flag, meter, skill, visited, chose, not, all หรือ any' },
  PRS030: { severity: 'error', en: 'the text has no "{lang}" version', th: 'ข้อความไม่มีฉบับภาษา "{lang}"' },
  PRS031: { severity: 'error', en: 'the text has "{lang}", which is not in the scenario\'s languages', th: 'ข้อความมีภาษา "{lang}" ซึ่งไม่อยู่ใน languages ของสถานการณ์' },
  PRS032: { severity: 'error', en: 'no node "{target}"', th: 'ไม่มีโหนด "{target}"' },
  PRS033: { severity: 'error', en: 'no character "{target}" in characters', th: 'ไม่มีตัวละคร "{target}" ใน characters' },
  PRS034: { severity: 'error', en: 'no reference "{target}" in references', th: 'ไม่มีแหล่งอ้างอิง "{target}" ใน references' },
  PRS035: { severity: 'error', en: 'no meter "{target}" in meters', th: 'ไม่มีมาตรวัด "{target}" ใน meters' },
  PRS036: { severity: 'error', en: 'node "{node}" has no choice "{choice}"', th: 'โหนด "{node}" ไม่มีตัวเลือก "{choice}"' },
  PRS037: { severity: 'error', en: 'the flag "{flag}" is tested but no choice sets it', th: 'มีการทดสอบธง "{flag}" แต่ไม่มีตัวเลือกใดเปิดธงนี้' },
  PRS038: { severity: 'error', en: 'the choice both sets and unsets "{flag}"', th: 'ตัวเลือกนี้ทั้งเปิดและปิดธง "{flag}"' },
  PRS039: { severity: 'error', en: 'the choice id "{id}" is used twice in this node', th: 'รหัสตัวเลือก "{id}" ซ้ำกันในโหนดนี้' },
  PRS040: { severity: 'error', en: '"timeout" names a node\'s timer and cannot be a choice id', th: '"timeout" ใช้เรียกตัวจับเวลาของโหนด จึงใช้เป็นรหัสตัวเลือกไม่ได้' },
  PRS041: { severity: 'error', en: 'only the last branch rule may lack "when", and it must', th: 'กฎ branch ข้อสุดท้ายเท่านั้นที่ไม่มี "when" และต้องไม่มี' },
  PRS042: { severity: 'error', en: 'branch rules loop back to this node with no decision in between: {cycle}', th: 'กฎ branch วนกลับมาที่โหนดนี้โดยไม่ผ่านการตัดสินใจ: {cycle}' },
  PRS043: { severity: 'error', en: 'the start node "{target}" does not exist', th: 'ไม่มีโหนดเริ่มต้น "{target}"' },
  PRS044: { severity: 'error', en: 'node "{node}" cannot be reached from the start', th: 'ไม่มีทางไปถึงโหนด "{node}" จากจุดเริ่มต้น' },
  PRS045: { severity: 'error', en: 'no ending can be reached from node "{node}"', th: 'จากโหนด "{node}" ไปไม่ถึงตอนจบใดเลย' },
  PRS046: { severity: 'error', en: 'the scenario has no "success" ending', th: 'สถานการณ์ไม่มีตอนจบแบบ "success"' },
  PRS047: { severity: 'error', en: 'the scenario has {count} nodes; the limit is {limit}', th: 'สถานการณ์มี {count} โหนด เกินขีดจำกัด {limit}' },
  PRS048: { severity: 'error', en: 'the meter needs min ≤ initial ≤ max (here {min}, {initial}, {max})', th: 'มาตรวัดต้องมี min ≤ initial ≤ max (ตอนนี้ {min}, {initial}, {max})' },
  PRS049: { severity: 'error', en: 'node "{node}" has no timeout', th: 'โหนด "{node}" ไม่มีการจับเวลา' },
  PRS060: { severity: 'warning', en: 'no choice or timer scores the skill "{skill}"', th: 'ไม่มีตัวเลือกหรือการจับเวลาใดให้คะแนนทักษะ "{skill}"' },
  PRS061: { severity: 'warning', en: 'the choice "{id}" has no feedback', th: 'ตัวเลือก "{id}" ไม่มีคำอธิบายผล (feedback)' },
  PRS062: { severity: 'warning', en: 'every choice here has a "when" and there is no timeout: the node might offer nothing', th: 'ทุกตัวเลือกในโหนดนี้มี "when" และไม่มีการจับเวลา โหนดอาจไม่มีตัวเลือกให้เลือก' },
  PRS063: { severity: 'warning', en: 'the file name should be "{expected}"', th: 'ชื่อแฟ้มควรเป็น "{expected}"' },
  PRS064: { severity: 'warning', en: 'too many states to explore exactly ({limit}+): the attainable scores are an upper bound that ignores conditions', th: 'สถานะมากเกินกว่าจะสำรวจได้ครบ ({limit}+) คะแนนสูงสุดที่ทำได้จึงเป็นค่าประมาณขอบบนที่ไม่คิดเงื่อนไข' },
} as const satisfies Record<string, MessageTemplate>;

export type DiagnosticCode = keyof typeof MESSAGES;

/** Fills a code's template in the given language. */
export function formatMessage(d: Pick<Diagnostic, 'code' | 'params'>, lang: MessageLanguage = 'en'): string {
  const template: string = MESSAGES[d.code][lang];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(d.params[name] ?? `{${name}}`));
}

/** The one-line form a trainer reads: `file:line:column: error|warning: message [code]`. */
export function formatDiagnostic(d: Diagnostic, lang: MessageLanguage = 'en'): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${formatMessage(d, lang)} [${d.code}]`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics as a reader walks the file. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}
