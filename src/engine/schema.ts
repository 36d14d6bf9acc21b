/**
 * The scenario file format, version 1, declared once. The TypeScript types below and the JSON Schema
 * that trainers' editors use (`scenarios/schema/scenario.schema.json`, written by
 * `npm run schema`) both come from these declarations.
 */
import { Type, type Static, type TOptional, type TSchema } from '@sinclair/typebox';
import { SKILLS } from './skills';

/** Lowercase kebab-case: ids of scenarios, nodes, choices, characters, meters, references, flags, tags. */
export const ID_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export const LANGUAGES = ['th', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const MAX_TEXT_LENGTH = 2000;
export const MAX_NODES = 500;
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * The highest scenario `version`: what a workshop event carries (a 32-bit integer, exact everywhere
 * a number travels). A date such as 20261207, or 2026120702 for the second change that day, fits.
 */
export const MAX_VERSION = 2_147_483_647;
export const MAX_CHOICES = 6;
export const BACKGROUNDS = ['office', 'chamber', 'corridor', 'meeting-room', 'phone'] as const;
export const ENDING_KINDS = ['success', 'partial', 'failure'] as const;
export const DIFFICULTIES = ['introductory', 'intermediate', 'advanced'] as const;
export const CHOICE_ORDERS = ['shuffled', 'fixed'] as const;
/** How a speaker looks at a node or after a choice: their portrait shows it. */
export const EXPRESSIONS = ['neutral', 'pleased', 'concerned', 'displeased'] as const;
/** What a character's portrait looks like; each field left out is derived from the character's id. */
export const APPEARANCE = {
  gender: ['woman', 'man'],
  age: ['young', 'middle', 'senior'],
  skin: ['light', 'medium', 'tan', 'brown'],
  dress: ['suit', 'uniform', 'smart', 'casual'],
  hair: ['short', 'long', 'bun', 'bob', 'bald'],
} as const;

/** Every description carries English first, then Thai, so an editor's hover helps either reader. */
function doc(en: string, th: string): { description: string } {
  return { description: `${en}\n\n${th}` };
}

function literals<T extends readonly string[]>(values: T, options: object) {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TSchema & { static: T[number] };
}

const Id = (en: string, th: string) => Type.String({ pattern: ID_PATTERN, ...doc(en, th) });

export const TextSchema = Type.Object(
  {
    th: Type.Optional(Type.String({ maxLength: MAX_TEXT_LENGTH, ...doc('Thai text.', 'ข้อความภาษาไทย') })),
    en: Type.Optional(Type.String({ maxLength: MAX_TEXT_LENGTH, ...doc('English text.', 'ข้อความภาษาอังกฤษ') })),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    ...doc(
      'A text in every language the scenario lists. Plain text: a blank line starts a paragraph; nothing is read as HTML.',
      'ข้อความในทุกภาษาที่สถานการณ์กำหนด เป็นข้อความล้วน บรรทัดว่างขึ้นย่อหน้าใหม่ ไม่ตีความเป็น HTML',
    ),
  },
);

/** The text type again, with a description of what this particular text is for. */
const TextFor = (en: string, th: string) =>
  Type.Object(TextSchema.properties, { additionalProperties: false, minProperties: 1, ...doc(en, th) });

const Bound = (en: string, th: string) => Type.Integer(doc(en, th));
const atLeast = () => Bound('Holds when the value is this or more.', 'เป็นจริงเมื่อค่ามากกว่าหรือเท่ากับค่านี้');
const atMost = () => Bound('Holds when the value is this or less.', 'เป็นจริงเมื่อค่าน้อยกว่าหรือเท่ากับค่านี้');

const SkillEnum = literals(SKILLS, doc('One of the seven skills.', 'หนึ่งในเจ็ดทักษะ'));

const ScoreValue = Type.Integer({ minimum: -3, maximum: 3 });
export const ScoresSchema = Type.Object(
  Object.fromEntries(SKILLS.map((s) => [s, Type.Optional(ScoreValue)])) as Record<(typeof SKILLS)[number], TOptional<typeof ScoreValue>>,
  {
    additionalProperties: false,
    ...doc(
      'Points added to skills, each an integer from -3 to 3, counted the first time this is taken in a run.',
      'คะแนนทักษะ จำนวนเต็มตั้งแต่ -3 ถึง 3 นับเฉพาะครั้งแรกที่เลือกในการเล่นหนึ่งรอบ',
    ),
  },
);

const MeterDeltas = Type.Record(Type.String({ pattern: ID_PATTERN }), Type.Integer(), {
  ...doc(
    'Amounts added to meters (then clamped to their min and max), every time this is taken.',
    'ค่าที่บวกเข้ามาตรวัด (แล้วจำกัดให้อยู่ระหว่างค่าต่ำสุดและสูงสุด) ทุกครั้งที่เลือก',
  ),
  additionalProperties: false,
});

const FlagList = (en: string, th: string) => Type.Array(Type.String({ pattern: ID_PATTERN }), { uniqueItems: true, ...doc(en, th) });

export const ConditionSchema = Type.Recursive(
  (This) =>
    Type.Union([
      Type.Object({ flag: Id('Holds when this flag is on.', 'เป็นจริงเมื่อธงนี้เปิดอยู่') }, { additionalProperties: false }),
      Type.Object({ meter: Id('A meter id.', 'รหัสมาตรวัด'), atLeast: atLeast() }, { additionalProperties: false }),
      Type.Object({ meter: Id('A meter id.', 'รหัสมาตรวัด'), atMost: atMost() }, { additionalProperties: false }),
      Type.Object({ skill: SkillEnum, atLeast: atLeast() }, { additionalProperties: false }),
      Type.Object({ skill: SkillEnum, atMost: atMost() }, { additionalProperties: false }),
      Type.Object({ visited: Id('Holds once this node has been entered.', 'เป็นจริงเมื่อเคยเข้าโหนดนี้แล้ว') }, { additionalProperties: false }),
      Type.Object(
        {
          chose: Type.String({
            pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*\\.[a-z][a-z0-9]*(-[a-z0-9]+)*$',
            ...doc(
              'NODE.CHOICE: holds once that choice was taken (NODE.timeout once that timer fired).',
              'NODE.CHOICE: เป็นจริงเมื่อเคยเลือกตัวเลือกนั้น (NODE.timeout เมื่อหมดเวลาที่โหนดนั้น)',
            ),
          }),
        },
        { additionalProperties: false },
      ),
      Type.Object({ not: This }, { additionalProperties: false }),
      Type.Object({ all: Type.Array(This, { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(This, { minItems: 1 }) }, { additionalProperties: false }),
    ]),
  {
    $id: 'Condition',
    ...doc(
      'A condition: flag, meter/skill with atLeast or atMost (inclusive), visited, chose, not, all, any.',
      'เงื่อนไข: flag, meter/skill กับ atLeast หรือ atMost (รวมค่าขอบ), visited, chose, not, all, any',
    ),
  },
);

const Refs = Type.Array(Type.String({ pattern: ID_PATTERN }), {
  uniqueItems: true,
  ...doc('Ids of references from the `references` block.', 'รหัสแหล่งอ้างอิงจากส่วน references'),
});

const Expression = (en: string, th: string) =>
  literals(
    EXPRESSIONS,
    doc(
      `${en} One of neutral, pleased, concerned, displeased.`,
      `${th} ได้แก่ neutral (ปกติ) pleased (พอใจ) concerned (กังวล) displeased (ไม่พอใจ)`,
    ),
  );
const SpeakerExpression = () => Expression("The speaker's expression here (default neutral).", 'สีหน้าของผู้พูดที่โหนดนี้ (ค่าเริ่มต้น neutral)');
const Reaction = () =>
  Expression(
    "The speaker's reaction, shown with the feedback (default: their expression at the node).",
    'ปฏิกิริยาของผู้พูด แสดงพร้อมคำอธิบายผล (ค่าเริ่มต้น: สีหน้าเดียวกับที่โหนด)',
  );

export const ChoiceSchema = Type.Object(
  {
    id: Id('The choice id, unique in its node.', 'รหัสตัวเลือก ไม่ซ้ำภายในโหนด'),
    text: TextFor('What the trainee clicks: the choice in a few words.', 'ข้อความบนปุ่มตัวเลือก สั้น ๆ'),
    next: Id('The node this choice leads to.', 'โหนดถัดไปเมื่อเลือกตัวเลือกนี้'),
    when: Type.Optional(ConditionSchema),
    scores: Type.Optional(ScoresSchema),
    effects: Type.Optional(MeterDeltas),
    set: Type.Optional(FlagList('Flags this choice turns on.', 'ธงที่ตัวเลือกนี้เปิด')),
    unset: Type.Optional(FlagList('Flags this choice turns off.', 'ธงที่ตัวเลือกนี้ปิด')),
    feedback: Type.Optional(
      TextFor('Shown after the choice: what it did and why, citing the rule.', 'แสดงหลังเลือก: ผลของการเลือกและเหตุผล พร้อมอ้างอิงหลักเกณฑ์'),
    ),
    refs: Type.Optional(Refs),
    expression: Type.Optional(Reaction()),
  },
  { additionalProperties: false, ...doc('A choice the trainee can make.', 'ตัวเลือกที่ผู้เข้าอบรมเลือกได้') },
);

export const TimeoutSchema = Type.Object(
  {
    seconds: Type.Integer({ minimum: 1, ...doc('Seconds before the timer fires.', 'จำนวนวินาทีก่อนหมดเวลา') }),
    next: Id('The node entered when the timer fires.', 'โหนดถัดไปเมื่อหมดเวลา'),
    scores: Type.Optional(ScoresSchema),
    effects: Type.Optional(MeterDeltas),
    feedback: Type.Optional(TextFor('Shown when the timer fires: what waiting cost.', 'แสดงเมื่อหมดเวลา: ผลของการไม่ตัดสินใจ')),
    expression: Type.Optional(Reaction()),
  },
  {
    additionalProperties: false,
    ...doc('A timer on a decision: what happens if nobody chooses in time.', 'การจับเวลา: สิ่งที่เกิดขึ้นเมื่อไม่เลือกภายในเวลา'),
  },
);

const Background = literals(BACKGROUNDS, doc('The stage drawn behind the text.', 'ฉากหลังของโหนด'));
const Speaker = Id('A character id from `characters`.', 'รหัสตัวละครจากส่วน characters');

export const DecisionNodeSchema = Type.Object(
  {
    text: TextFor(
      'The situation the trainee must decide on; a blank line starts a paragraph.',
      'สถานการณ์ที่ผู้เข้าอบรมต้องตัดสินใจ บรรทัดว่างขึ้นย่อหน้าใหม่',
    ),
    choices: Type.Array(ChoiceSchema, { minItems: 1, maxItems: MAX_CHOICES }),
    speaker: Type.Optional(Speaker),
    expression: Type.Optional(SpeakerExpression()),
    background: Type.Optional(Background),
    timeout: Type.Optional(TimeoutSchema),
    order: Type.Optional(
      literals(
        CHOICE_ORDERS,
        doc(
          'The order choices are shown in: shuffled for each run (the default, so position gives nothing away), or fixed in file order, for choices whose order means something, such as a scale.',
          'ลำดับการแสดงตัวเลือก: shuffled สุ่มลำดับใหม่ทุกรอบการเล่น (ค่าเริ่มต้น เพื่อไม่ให้ตำแหน่งบอกใบ้คำตอบ) หรือ fixed เรียงตามแฟ้ม สำหรับตัวเลือกที่ลำดับมีความหมาย เช่น มาตราส่วน',
        ),
      ),
    ),
  },
  {
    additionalProperties: false,
    ...doc('A decision: a situation and 1 to 6 choices.', 'โหนดการตัดสินใจ: สถานการณ์และตัวเลือก 1 ถึง 6 ข้อ'),
  },
);

export const BranchRuleSchema = Type.Object(
  { when: Type.Optional(ConditionSchema), next: Id('The node entered when this rule wins.', 'โหนดถัดไปเมื่อกฎนี้เป็นจริง') },
  { additionalProperties: false },
);

export const BranchNodeSchema = Type.Object(
  {
    branch: Type.Array(BranchRuleSchema, {
      minItems: 1,
      ...doc(
        'Rules judged in order on entering; the first whose `when` holds wins; the last has no `when`.',
        'กฎที่ตัดสินตามลำดับเมื่อเข้าโหนด กฎแรกที่ when เป็นจริงชนะ กฎสุดท้ายไม่มี when',
      ),
    }),
  },
  { additionalProperties: false },
);

export const EndingNodeSchema = Type.Object(
  {
    ending: literals(ENDING_KINDS, doc('How the run ended.', 'ผลลัพธ์ของการเล่น')),
    title: TextFor("The ending's title, first on the debrief.", 'ชื่อของตอนจบ แสดงเป็นอย่างแรกในหน้าสรุปผล'),
    text: TextFor('What happened in the end.', 'สิ่งที่เกิดขึ้นในตอนจบ'),
    refs: Type.Optional(Refs),
    background: Type.Optional(Background),
    speaker: Type.Optional(Speaker),
    expression: Type.Optional(SpeakerExpression()),
  },
  { additionalProperties: false },
);

export const NodeSchema = Type.Union([DecisionNodeSchema, BranchNodeSchema, EndingNodeSchema], {
  ...doc(
    'A node: a decision (`choices`), a branch (`branch`) or an ending (`ending`).',
    'โหนด: การตัดสินใจ (choices) ทางแยกอัตโนมัติ (branch) หรือตอนจบ (ending)',
  ),
});

export const ReferenceSchema = Type.Union([
  TextSchema,
  Type.Object(
    {
      label: TextFor('The section or rule, as cited.', 'ชื่อมาตราหรือข้อบังคับตามที่อ้างถึง'),
      summary: Type.Optional(
        TextFor('What it says, in your own plain words (not the official text).', 'สาระโดยสรุปด้วยถ้อยคำของคุณเอง (ไม่คัดลอกตัวบท)'),
      ),
      source: Type.Optional(Type.String({ ...doc('Where to read the official text.', 'แหล่งที่อ่านตัวบทจริง') })),
      checked: Type.Optional(
        Type.String({
          pattern: DATE_PATTERN,
          ...doc(
            'The date (YYYY-MM-DD) someone last checked the summary against the official text.',
            'วันที่ (ปปปป-ดด-วว แบบคริสต์ศักราช) ที่ตรวจสรุปกับตัวบทจริงครั้งล่าสุด',
          ),
        }),
      ),
    },
    { additionalProperties: false },
  ),
]);

export const SIDES = ['government', 'opposition', 'neutral'] as const;

export const AppearanceSchema = Type.Object(
  {
    gender: Type.Optional(literals(APPEARANCE.gender, doc('woman or man.', 'woman (หญิง) หรือ man (ชาย)'))),
    age: Type.Optional(
      literals(APPEARANCE.age, doc('young, middle or senior (grey hair).', 'young (หนุ่มสาว) middle (วัยกลางคน) หรือ senior (สูงวัย ผมสีเทา)')),
    ),
    skin: Type.Optional(literals(APPEARANCE.skin, doc('light, medium, tan or brown.', 'สีผิว light medium tan หรือ brown'))),
    dress: Type.Optional(
      literals(
        APPEARANCE.dress,
        doc(
          "suit (jacket and shirt), uniform (a civil servant's khaki), smart (jacket over a jumper) or casual (a reporter's shirt).",
          'suit (สูท) uniform (ชุดกากีข้าราชการ) smart (เสื้อแจ็กเก็ตทับเสื้อไหมพรม) หรือ casual (เสื้อลำลองแบบผู้สื่อข่าว)',
        ),
      ),
    ),
    hair: Type.Optional(literals(APPEARANCE.hair, doc('short, long, bun, bob or bald.', 'ทรงผม short long bun bob หรือ bald'))),
    glasses: Type.Optional(Type.Boolean(doc('Whether they wear glasses.', 'สวมแว่นตาหรือไม่'))),
  },
  {
    additionalProperties: false,
    ...doc(
      "How the character's portrait looks; anything left out is derived from the id, so the same id looks the same in every scenario.",
      'ลักษณะภาพของตัวละคร ส่วนที่ไม่ระบุจะกำหนดจากรหัสตัวละคร รหัสเดียวกันจึงมีหน้าตาเหมือนกันทุกสถานการณ์',
    ),
  },
);

export const CharacterSchema = Type.Object(
  {
    name: TextFor("The character's name, as shown above what they say.", 'ชื่อตัวละคร แสดงเหนือข้อความที่พูด'),
    role: Type.Optional(TextFor('Their position, e.g. the government chief whip.', 'ตำแหน่ง เช่น ประธานวิปรัฐบาล')),
    side: Type.Optional(
      literals(
        SIDES,
        doc(
          "The side the character is on, shown as the colour of their portrait's frame (default neutral).",
          'ฝ่ายของตัวละคร แสดงเป็นสีกรอบภาพ (ค่าเริ่มต้น neutral)',
        ),
      ),
    ),
    appearance: Type.Optional(AppearanceSchema),
  },
  { additionalProperties: false },
);

export const MeterSchema = Type.Object(
  {
    label: TextFor("The meter's name on screen.", 'ชื่อมาตรวัดบนหน้าจอ'),
    initial: Type.Integer(doc('The value a run starts with.', 'ค่าเริ่มต้น')),
    min: Type.Integer(doc('The lowest value; effects stop here.', 'ค่าต่ำสุด ผลของตัวเลือกจะไม่ทำให้ต่ำกว่านี้')),
    max: Type.Integer(doc('The highest value; effects stop here.', 'ค่าสูงสุด ผลของตัวเลือกจะไม่ทำให้สูงกว่านี้')),
  },
  { additionalProperties: false },
);

export const TrainerSchema = Type.Object(
  {
    objectives: Type.Optional(TextFor('What trainees should learn.', 'สิ่งที่ผู้เข้าอบรมควรได้เรียนรู้')),
    questions: Type.Optional(Type.Array(TextSchema, doc('Questions for the debrief with the room.', 'คำถามสำหรับการสรุปบทเรียนกับผู้เข้าอบรม'))),
    notes: Type.Optional(
      TextFor('What the best path teaches, and why the wrong choices tempt.', 'เส้นทางที่ดีที่สุดสอนอะไร และทำไมตัวเลือกที่ผิดจึงน่าเลือก'),
    ),
  },
  { additionalProperties: false, ...doc('Notes shown to trainers, not trainees.', 'บันทึกสำหรับวิทยากร ไม่แสดงต่อผู้เข้าอบรม') },
);

const IdRecord = <T extends TSchema>(value: T, en: string, th: string) =>
  Type.Record(Type.String({ pattern: ID_PATTERN }), value, { additionalProperties: false, ...doc(en, th) });

export const ScenarioSchema = Type.Object(
  {
    format: Type.Literal(1, doc('The format version: 1.', 'รุ่นของรูปแบบแฟ้ม: 1')),
    id: Id('The scenario id; the file is named <id>.yaml.', 'รหัสสถานการณ์ ชื่อแฟ้มคือ <id>.yaml'),
    version: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_VERSION,
        ...doc(
          'Bump it when you change the scenario (a whole number from 1 to 2147483647; a date such as 20261207 fits).',
          'เพิ่มเลขเมื่อแก้ไขสถานการณ์ (จำนวนเต็มตั้งแต่ 1 ถึง 2147483647 ใช้วันที่ เช่น 20261207 ได้)',
        ),
      }),
    ),
    languages: Type.Array(literals(LANGUAGES, doc('A language code.', 'รหัสภาษา')), {
      minItems: 1,
      uniqueItems: true,
      ...doc('Languages every text has; the first is the default.', 'ภาษาที่ทุกข้อความต้องมี ภาษาแรกเป็นค่าเริ่มต้น'),
    }),
    title: TextFor("The scenario's title, shown in the menu.", 'ชื่อสถานการณ์ แสดงในเมนู'),
    summary: TextFor('One or two sentences for the menu card.', 'สรุปหนึ่งถึงสองประโยคสำหรับการ์ดในเมนู'),
    minutes: Type.Optional(Type.Integer({ minimum: 1, ...doc('Expected play time.', 'เวลาเล่นโดยประมาณ (นาที)') })),
    difficulty: Type.Optional(literals(DIFFICULTIES, doc('How hard it is.', 'ระดับความยาก'))),
    tags: Type.Optional(
      Type.Array(Type.String({ pattern: ID_PATTERN }), { uniqueItems: true, ...doc('Tags, e.g. the mechanism.', 'ป้ายกำกับ เช่น กลไก') }),
    ),
    targets: Type.Optional(Type.Array(SkillEnum, { uniqueItems: true, ...doc('The skills this scenario mainly trains.', 'ทักษะหลักที่ฝึก') })),
    references: Type.Optional(IdRecord(ReferenceSchema, 'Sections and rules cited by choices and endings.', 'มาตราและข้อบังคับที่อ้างถึง')),
    characters: Type.Optional(IdRecord(CharacterSchema, 'The people in the scenario.', 'ตัวละคร')),
    meters: Type.Optional(IdRecord(MeterSchema, 'Scenario state the player sees.', 'มาตรวัดที่ผู้เล่นเห็น')),
    trainer: Type.Optional(TrainerSchema),
    start: Id('The node a run starts at.', 'โหนดเริ่มต้น'),
    nodes: Type.Record(Type.String({ pattern: ID_PATTERN }), NodeSchema, {
      additionalProperties: false,
      minProperties: 1,
      ...doc('The scenario graph, keyed by node id.', 'โหนดทั้งหมดของสถานการณ์ ตามรหัสโหนด'),
    }),
  },
  {
    additionalProperties: false,
    title: 'Prasan scenario, format 1',
  },
);

export type Text = Static<typeof TextSchema>;
export type Condition = Static<typeof ConditionSchema>;
export type Choice = Static<typeof ChoiceSchema>;
export type Timeout = Static<typeof TimeoutSchema>;
export type ScenarioNode = Static<typeof NodeSchema>;
export type Scenario = Static<typeof ScenarioSchema>;
export type EndingKind = (typeof ENDING_KINDS)[number];
export type Background = (typeof BACKGROUNDS)[number];
export type Side = (typeof SIDES)[number];
export type Expression = (typeof EXPRESSIONS)[number];
export type Appearance = Static<typeof AppearanceSchema>;
export type ChoiceOrder = (typeof CHOICE_ORDERS)[number];
