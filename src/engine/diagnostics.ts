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
  PRS009: {
    severity: 'error',
    en: 'this text has ": " in it, which YAML reads as a new key',
    th: 'ข้อความนี้มี ": " อยู่ข้างใน ซึ่ง YAML อ่านเป็นคีย์ใหม่',
  },
  PRS004: { severity: 'error', en: 'the key "{key}" appears twice in this map', th: 'คีย์ "{key}" ซ้ำกันในแมปเดียวกัน' },
  PRS005: { severity: 'error', en: 'tags such as "{tag}" are not allowed', th: 'ไม่อนุญาตให้ใช้แท็ก เช่น "{tag}"' },
  PRS006: {
    severity: 'error',
    en: 'too many aliases (more than {limit}): the file expands too far',
    th: 'ใช้ alias มากเกินไป (เกิน {limit}) แฟ้มขยายตัวมากเกินไป',
  },
  PRS007: { severity: 'error', en: 'the file must be a YAML map of scenario fields', th: 'แฟ้มต้องเป็นแมป YAML ของข้อมูลสถานการณ์' },
  PRS008: { severity: 'error', en: "the file can't be read: {reason}", th: 'อ่านแฟ้มไม่ได้: {reason}' },
  PRS010: { severity: 'error', en: 'unknown key "{key}"', th: 'ไม่รู้จักคีย์ "{key}"' },
  PRS011: { severity: 'error', en: '"{key}" is required here', th: 'ต้องมี "{key}" ที่นี่' },
  PRS012: { severity: 'error', en: 'expected {expected}', th: 'ต้องเป็น{expected}' },
  PRS013: {
    severity: 'error',
    en: '"{value}" is not a valid id: use lowercase letters, digits and single hyphens (e.g. "brief-early")',
    th: '"{value}" ไม่ใช่รหัสที่ถูกต้อง ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีดกลางเดี่ยว (เช่น "brief-early")',
  },
  PRS014: { severity: 'error', en: '"{value}" is not one of: {allowed}', th: '"{value}" ไม่อยู่ในค่าที่อนุญาต: {allowed}' },
  PRS015: { severity: 'error', en: '{value} is out of range ({range})', th: '{value} อยู่นอกช่วงที่อนุญาต ({range})' },
  PRS016: {
    severity: 'error',
    en: 'the text is {length} characters; the limit is {limit}',
    th: 'ข้อความยาว {length} ตัวอักษร เกินขีดจำกัด {limit}',
  },
  PRS017: { severity: 'error', en: 'the list has {count} items; it needs {range}', th: 'รายการมี {count} รายการ ต้องมี {range}' },
  PRS018: { severity: 'error', en: 'the list repeats an item', th: 'รายการมีค่าซ้ำกัน' },
  PRS019: { severity: 'error', en: 'this map is empty', th: 'แมปนี้ว่างเปล่า' },
  PRS022: {
    severity: 'error',
    en: '"{value}" is not NODE.CHOICE: name the node, a dot, then the choice',
    th: '"{value}" ไม่ได้เขียนแบบ NODE.CHOICE ต้องมีรหัสโหนด จุด แล้วจึงรหัสตัวเลือก',
  },
  PRS023: {
    severity: 'error',
    en: 'a meter or skill condition needs atLeast or atMost',
    th: 'เงื่อนไขของมาตรวัดหรือทักษะต้องมี atLeast หรือ atMost',
  },
  PRS020: {
    severity: 'error',
    en: 'the node must have exactly one of "choices", "branch" or "ending"',
    th: 'โหนดต้องมีอย่างใดอย่างหนึ่งเท่านั้นใน "choices", "branch" หรือ "ending"',
  },
  PRS021: {
    severity: 'error',
    en: 'not a condition: use flag, meter, skill, visited, chose, not, all or any',
    th: 'ไม่ใช่เงื่อนไข ใช้ flag, meter, skill, visited, chose, not, all หรือ any',
  },
  PRS030: { severity: 'error', en: 'the text has no "{lang}" version', th: 'ข้อความไม่มีฉบับภาษา "{lang}"' },
  PRS031: {
    severity: 'error',
    en: 'the text has "{lang}", which is not in the scenario\'s languages',
    th: 'ข้อความมีภาษา "{lang}" ซึ่งไม่อยู่ใน languages ของสถานการณ์',
  },
  PRS032: { severity: 'error', en: 'no node "{target}"', th: 'ไม่มีโหนด "{target}"' },
  PRS033: { severity: 'error', en: 'no character "{target}" in characters', th: 'ไม่มีตัวละคร "{target}" ใน characters' },
  PRS034: { severity: 'error', en: 'no reference "{target}" in references', th: 'ไม่มีแหล่งอ้างอิง "{target}" ใน references' },
  PRS035: { severity: 'error', en: 'no meter "{target}" in meters', th: 'ไม่มีมาตรวัด "{target}" ใน meters' },
  PRS036: { severity: 'error', en: 'node "{node}" has no choice "{choice}"', th: 'โหนด "{node}" ไม่มีตัวเลือก "{choice}"' },
  PRS037: { severity: 'error', en: 'the flag "{flag}" is tested but no choice sets it', th: 'มีการทดสอบธง "{flag}" แต่ไม่มีตัวเลือกใดเปิดธงนี้' },
  PRS038: { severity: 'error', en: 'the choice both sets and unsets "{flag}"', th: 'ตัวเลือกนี้ทั้งเปิดและปิดธง "{flag}"' },
  PRS039: { severity: 'error', en: 'the choice id "{id}" is used twice in this node', th: 'รหัสตัวเลือก "{id}" ซ้ำกันในโหนดนี้' },
  PRS040: {
    severity: 'error',
    en: '"timeout" names a node\'s timer and cannot be a choice id',
    th: '"timeout" ใช้เรียกตัวจับเวลาของโหนด จึงใช้เป็นรหัสตัวเลือกไม่ได้',
  },
  PRS041: {
    severity: 'error',
    en: 'only the last branch rule may lack "when", and it must',
    th: 'กฎ branch ข้อสุดท้ายเท่านั้นที่ไม่มี "when" และต้องไม่มี',
  },
  PRS042: {
    severity: 'error',
    en: 'branch rules loop back to this node with no decision in between: {cycle}',
    th: 'กฎ branch วนกลับมาที่โหนดนี้โดยไม่ผ่านการตัดสินใจ: {cycle}',
  },
  PRS043: { severity: 'error', en: 'the start node "{target}" does not exist', th: 'ไม่มีโหนดเริ่มต้น "{target}"' },
  PRS044: { severity: 'error', en: 'node "{node}" cannot be reached from the start', th: 'ไม่มีทางไปถึงโหนด "{node}" จากจุดเริ่มต้น' },
  PRS045: { severity: 'error', en: 'no ending can be reached from node "{node}"', th: 'จากโหนด "{node}" ไปไม่ถึงตอนจบใดเลย' },
  PRS046: { severity: 'error', en: 'the scenario has no "success" ending', th: 'สถานการณ์ไม่มีตอนจบแบบ "success"' },
  PRS047: { severity: 'error', en: 'the scenario has {count} nodes; the limit is {limit}', th: 'สถานการณ์มี {count} โหนด เกินขีดจำกัด {limit}' },
  PRS048: {
    severity: 'error',
    en: 'the meter needs min ≤ initial ≤ max (here {min}, {initial}, {max})',
    th: 'มาตรวัดต้องมี min ≤ initial ≤ max (ตอนนี้ {min}, {initial}, {max})',
  },
  PRS049: { severity: 'error', en: 'node "{node}" has no timeout', th: 'โหนด "{node}" ไม่มีการจับเวลา' },
  PRS060: { severity: 'warning', en: 'no choice or timer scores the skill "{skill}"', th: 'ไม่มีตัวเลือกหรือการจับเวลาใดให้คะแนนทักษะ "{skill}"' },
  PRS061: { severity: 'warning', en: 'the choice "{id}" has no feedback', th: 'ตัวเลือก "{id}" ไม่มีคำอธิบายผล (feedback)' },
  PRS062: {
    severity: 'warning',
    en: 'every choice here has a "when" and there is no timeout: the node might offer nothing',
    th: 'ทุกตัวเลือกในโหนดนี้มี "when" และไม่มีการจับเวลา โหนดอาจไม่มีตัวเลือกให้เลือก',
  },
  PRS063: { severity: 'warning', en: 'the file name should be "{expected}"', th: 'ชื่อแฟ้มควรเป็น "{expected}"' },
  PRS064: {
    severity: 'warning',
    en: 'too many states to explore exactly ({limit}+): the attainable scores are an upper bound that ignores conditions',
    th: 'สถานะมากเกินกว่าจะสำรวจได้ครบ ({limit}+) คะแนนสูงสุดที่ทำได้จึงเป็นค่าประมาณขอบบนที่ไม่คิดเงื่อนไข',
  },
  PRS065: {
    severity: 'warning',
    en: 'wrongdoing must not pay: this choice scores {ethics} on ethics yet earns points on {skills}',
    th: 'การกระทำที่ผิดต้องไม่ได้คะแนน: ตัวเลือกนี้ได้คะแนนจริยธรรม {ethics} แต่ยังได้คะแนนบวกด้าน{skills}',
  },
  PRS066: {
    severity: 'warning',
    en: 'the most {skill} attainable ({max}) needs a choice with negative ethics ({via}); runs without such choices reach at most {clean}',
    th: 'คะแนนด้าน{skill}สูงสุดที่ทำได้ ({max}) ต้องผ่านตัวเลือกที่คะแนนจริยธรรมติดลบ ({via}) การเล่นที่ไม่เลือกตัวเลือกเช่นนั้นได้สูงสุด {clean}',
  },
  PRS067: {
    severity: 'warning',
    en: 'this expression has no speaker to show it',
    th: 'ไม่มีผู้พูดที่จะแสดงสีหน้านี้',
  },
} as const satisfies Record<string, MessageTemplate>;

export type DiagnosticCode = keyof typeof MESSAGES;

/** A one-line hint for the fix, per code. */
export const HINTS = {
  PRS001: { en: 'Split the scenario into smaller files, or shorten long texts.', th: 'แบ่งสถานการณ์เป็นหลายแฟ้ม หรือย่อข้อความที่ยาว' },
  PRS002: {
    en: 'Save the file as UTF-8 (in VS Code: the encoding in the status bar → Save with Encoding → UTF-8).',
    th: 'บันทึกแฟ้มเป็น UTF-8 (ใน VS Code: คลิกการเข้ารหัสที่แถบสถานะ → Save with Encoding → UTF-8)',
  },
  PRS003: {
    en: 'Check the indentation and the quotes on this line and the one before.',
    th: 'ตรวจการย่อหน้าและเครื่องหมายคำพูดในบรรทัดนี้และบรรทัดก่อนหน้า',
  },
  PRS009: {
    en: 'Put the whole text in double quotes, e.g. en: "Give him the figures: say it plainly".',
    th: 'ใส่ข้อความทั้งหมดในเครื่องหมายคำพูด เช่น th: "ให้ตัวเลขท่าน: พูดให้ตรง"',
  },
  PRS004: {
    en: 'Keep one of the two keys; merge their contents if both are needed.',
    th: 'เก็บคีย์ไว้เพียงตัวเดียว หากต้องใช้ทั้งสองให้รวมเนื้อหาเข้าด้วยกัน',
  },
  PRS005: { en: 'Remove the tag (the word starting with !); write the value plainly.', th: 'ลบแท็ก (คำที่ขึ้นต้นด้วย !) แล้วเขียนค่าตามปกติ' },
  PRS006: { en: 'Write the repeated parts out, or use fewer aliases (*name).', th: 'เขียนส่วนที่ซ้ำออกมาตรง ๆ หรือใช้ alias (*name) ให้น้อยลง' },
  PRS007: {
    en: 'Start the file with the scenario fields: format, id, languages, title, summary, start, nodes.',
    th: 'เริ่มแฟ้มด้วยข้อมูลของสถานการณ์: format, id, languages, title, summary, start, nodes',
  },
  PRS008: {
    en: 'Check that the file exists and that you may read it (its permissions), then try again.',
    th: 'ตรวจว่ามีแฟ้มอยู่จริงและมีสิทธิ์อ่านแฟ้ม (permissions) แล้วลองอีกครั้ง',
  },
  PRS010: {
    en: 'Check the spelling against the format page, or remove the key.',
    th: 'ตรวจการสะกดกับส่วนที่ 2 ของคู่มือเขียนสถานการณ์ หรือลบคีย์นี้ออก',
  },
  PRS011: {
    en: 'Add the key with a value; the format page lists what each part needs.',
    th: 'เพิ่มคีย์พร้อมค่า ส่วนที่ 2 ของคู่มือเขียนสถานการณ์บอกว่าแต่ละส่วนต้องมีอะไร',
  },
  PRS012: {
    en: 'Change the value to the kind shown; quote text, write numbers without quotes.',
    th: 'เปลี่ยนค่าให้เป็นชนิดที่ระบุ ข้อความใส่เครื่องหมายคำพูด ตัวเลขไม่ต้องใส่',
  },
  PRS013: {
    en: 'Use lowercase English letters, digits and single hyphens, starting with a letter.',
    th: 'ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีดกลางเดี่ยว โดยขึ้นต้นด้วยตัวอักษร',
  },
  PRS014: {
    en: 'Pick one of the allowed values; your editor lists them if the schema line is at the top.',
    th: 'เลือกค่าที่อนุญาต โปรแกรมแก้ไขจะแสดงรายการให้หากมีบรรทัด schema ที่หัวแฟ้ม',
  },
  PRS015: { en: 'Use a number inside the range shown (scores go from -3 to 3).', th: 'ใช้ตัวเลขในช่วงที่ระบุ (คะแนนอยู่ระหว่าง -3 ถึง 3)' },
  PRS016: { en: 'Shorten the text, or split it over two nodes.', th: 'ย่อข้อความ หรือแบ่งเป็นสองโหนด' },
  PRS017: { en: 'Add or remove items: a decision has 1 to 6 choices.', th: 'เพิ่มหรือลดรายการ โหนดการตัดสินใจมีตัวเลือกได้ 1 ถึง 6 ข้อ' },
  PRS018: { en: 'Remove the repeated item.', th: 'ลบรายการที่ซ้ำ' },
  PRS019: { en: 'Fill the map in, or remove it.', th: 'ใส่ข้อมูลในแมป หรือลบออก' },
  PRS022: {
    en: 'chose names a choice where it was taken, e.g. { chose: floor.hold-off } for choice hold-off at node floor.',
    th: 'chose ระบุตัวเลือกพร้อมโหนดที่เลือก เช่น { chose: floor.hold-off } คือตัวเลือก hold-off ที่โหนด floor',
  },
  PRS023: {
    en: 'Add atLeast: N (holds at N or more) or atMost: N (at N or less), e.g. { meter: trust, atMost: 0 }.',
    th: 'เพิ่ม atLeast: N (เป็นจริงเมื่อมีค่าตั้งแต่ N ขึ้นไป) หรือ atMost: N (เมื่อไม่เกิน N) เช่น { meter: trust, atMost: 0 }',
  },
  PRS020: {
    en: 'A decision has choices, a branch has branch, an ending has ending: keep only one.',
    th: 'โหนดการตัดสินใจมี choices ทางแยกมี branch ตอนจบมี ending ให้เหลือเพียงอย่างเดียว',
  },
  PRS021: {
    en: 'Write e.g. { flag: briefed } or { meter: trust, atLeast: 60 }.',
    th: 'เขียน เช่น { flag: briefed } หรือ { meter: trust, atLeast: 60 }',
  },
  PRS030: { en: 'Add the missing language to this text.', th: 'เพิ่มข้อความภาษาที่ขาดไป' },
  PRS031: { en: 'Remove this language, or add it to languages at the top.', th: 'ลบภาษานี้ออก หรือเพิ่มลงใน languages ที่หัวแฟ้ม' },
  PRS032: { en: 'Check the spelling of the node id, or add that node under nodes.', th: 'ตรวจการสะกดรหัสโหนด หรือเพิ่มโหนดนั้นใน nodes' },
  PRS033: { en: 'Check the spelling, or add the character under characters.', th: 'ตรวจการสะกด หรือเพิ่มตัวละครใน characters' },
  PRS034: { en: 'Check the spelling, or add the reference under references.', th: 'ตรวจการสะกด หรือเพิ่มแหล่งอ้างอิงใน references' },
  PRS035: { en: 'Check the spelling, or add the meter under meters.', th: 'ตรวจการสะกด หรือเพิ่มมาตรวัดใน meters' },
  PRS036: { en: 'Write NODE.CHOICE with a choice id that node really has.', th: 'เขียน NODE.CHOICE โดยใช้รหัสตัวเลือกที่มีอยู่จริงในโหนดนั้น' },
  PRS037: {
    en: "Add the flag to a choice's set: list, or test a flag that is set.",
    th: 'เพิ่มธงนี้ใน set ของตัวเลือกใดตัวเลือกหนึ่ง หรือทดสอบธงที่มีการเปิด',
  },
  PRS038: { en: 'Keep the flag in set or in unset, not both.', th: 'ใส่ธงไว้ใน set หรือ unset อย่างใดอย่างหนึ่ง' },
  PRS039: { en: 'Give each choice in a node its own id.', th: 'ตั้งรหัสตัวเลือกในโหนดเดียวกันไม่ให้ซ้ำกัน' },
  PRS040: {
    en: 'Rename the choice (e.g. wait-out); timers are written under timeout:.',
    th: 'เปลี่ยนชื่อตัวเลือก (เช่น wait-out) การจับเวลาให้เขียนใต้ timeout:',
  },
  PRS041: { en: 'Put when on every rule but the last; the last rule is the default.', th: 'ใส่ when ในทุกกฎยกเว้นกฎสุดท้าย กฎสุดท้ายคือค่าเริ่มต้น' },
  PRS042: { en: 'Send one of these rules to a decision or an ending instead.', th: 'ให้กฎข้อใดข้อหนึ่งไปยังโหนดการตัดสินใจหรือตอนจบแทน' },
  PRS043: { en: 'Set start to the id of the first node.', th: 'กำหนด start เป็นรหัสของโหนดแรก' },
  PRS044: { en: "Point a choice's next at this node, or remove the node.", th: 'ให้ next ของตัวเลือกใดชี้มาที่โหนดนี้ หรือลบโหนดออก' },
  PRS045: { en: 'Give this node (or a node after it) a way to an ending.', th: 'ให้โหนดนี้ (หรือโหนดถัดไป) มีทางไปสู่ตอนจบ' },
  PRS046: { en: 'Add an ending with ending: success.', th: 'เพิ่มตอนจบที่มี ending: success' },
  PRS047: { en: 'Split the scenario into smaller ones.', th: 'แบ่งเป็นสถานการณ์ย่อยหลายเรื่อง' },
  PRS048: { en: 'Make initial lie between min and max.', th: 'กำหนด initial ให้อยู่ระหว่าง min และ max' },
  PRS049: { en: 'Add a timeout to that node, or test one of its choices instead.', th: 'เพิ่ม timeout ให้โหนดนั้น หรือทดสอบตัวเลือกของโหนดนั้นแทน' },
  PRS060: {
    en: "Score the skill on some choice, or accept that this scenario doesn't train it.",
    th: 'ให้คะแนนทักษะนี้ในตัวเลือกใดตัวเลือกหนึ่ง หรือยอมรับว่าสถานการณ์นี้ไม่ได้ฝึกทักษะนี้',
  },
  PRS061: {
    en: 'Add feedback saying why this choice helps or hurts, citing the rule.',
    th: 'เพิ่ม feedback อธิบายว่าทำไมตัวเลือกนี้ดีหรือไม่ดี พร้อมอ้างอิงหลักเกณฑ์',
  },
  PRS062: { en: 'Leave one choice without when, or add a timeout.', th: 'ให้มีตัวเลือกอย่างน้อยหนึ่งข้อที่ไม่มี when หรือเพิ่ม timeout' },
  PRS063: { en: 'Rename the file, or change id to match it.', th: 'เปลี่ยนชื่อแฟ้ม หรือแก้ id ให้ตรงกัน' },
  PRS064: { en: 'Use fewer conditions on skills and meters, or accept the bound.', th: 'ลดเงื่อนไขที่อิงทักษะและมาตรวัด หรือยอมรับค่าประมาณขอบบน' },
  PRS065: {
    en: 'Take the positive points off this choice: a trainee must never gain by breaking the law, deceiving or trading favours. Let the scores say what it costs.',
    th: 'เอาคะแนนบวกออกจากตัวเลือกนี้ ผู้เข้าอบรมต้องไม่ได้ประโยชน์จากการทำผิดกฎหมาย การหลอกลวง หรือการแลกผลประโยชน์ ให้คะแนนสะท้อนสิ่งที่เสียไปแทน',
  },
  PRS066: {
    en: "Lower this choice's points on that skill, or give them to an honest choice: the debrief's 'most attainable' must be reachable without wrongdoing.",
    th: 'ลดคะแนนด้านนั้นของตัวเลือกนี้ หรือให้คะแนนแก่ตัวเลือกที่สุจริตแทน เพราะคะแนนสูงสุดที่แสดงในหน้าสรุปผลต้องทำได้โดยไม่ทำผิด',
  },
  PRS067: {
    en: "Add a speaker to the node (a character id), or remove the expression: it is the speaker's face.",
    th: 'ใส่ speaker (รหัสตัวละคร) ให้โหนดนี้ หรือลบ expression ออก เพราะ expression คือสีหน้าของผู้พูด',
  },
} as const satisfies Record<DiagnosticCode, { en: string; th: string }>;

/**
 * Fills a code's template in the given language. A value that is said differently in each language
 * (a skill's name) is passed twice, as `name_th` and `name_en`, and fills `{name}`.
 */
export function formatMessage(d: Pick<Diagnostic, 'code' | 'params'>, lang: MessageLanguage = 'en'): string {
  const template: string = MESSAGES[d.code][lang];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(d.params[`${name}_${lang}`] ?? d.params[name] ?? `{${name}}`));
}

/** The one-line form a trainer reads: `file:line:column: error|warning: message [code]`. */
export function formatDiagnostic(d: Diagnostic, lang: MessageLanguage = 'en'): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${formatMessage(d, lang)} [${d.code}]`;
}

export function formatHint(d: Pick<Diagnostic, 'code'>, lang: MessageLanguage = 'en'): string {
  return HINTS[d.code][lang];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics as a reader walks the file. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}
