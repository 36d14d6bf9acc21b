/**
 * Everything the `prasan` command says, in Thai and in English, by key. `{name}` is filled from the
 * parameters; a test holds the two languages to the same keys and placeholders, and the Thai free of
 * English words but for commands, options, ids and file formats.
 */
import type { MessageLanguage } from '../engine';

const COMMANDS = `  prasan check FILE... [--lang th|en] [--json]
  prasan play FILE --choices ID,ID,... [--lang th|en] [--json]
  prasan stats FILE [--json] [--lang th|en]
  prasan graph FILE [--format mermaid|dot|svg] [--lang th|en] [-o OUTPUT]
  prasan test FILE... [--seed N] [--runs N] [--json] [--lang th|en]
  prasan new ID [--dir scenarios]
  prasan strings export FILE --lang en [-o FILE.csv]
  prasan strings import FILE FILE.csv --lang en [-o OUTPUT.yaml]
  prasan workshop [--port 8080] [--host 0.0.0.0] [--data FILE] [--public-url URL] [--no-build]
  prasan help [COMMAND]`;

export const CLI_TEXT = {
  usage: {
    en: `usage:\n${COMMANDS}\n\nprasan help COMMAND says what a command does.`,
    th: `วิธีใช้:\n${COMMANDS}\n\nคำสั่ง prasan help COMMAND อธิบายว่าแต่ละคำสั่งทำอะไร`,
  },
  'help.check': {
    en: 'prasan check FILE... [--lang th|en] [--json]\nChecks scenario files and lists every problem: file:line:column, the message, its code and a hint.\nExits 0 when no file has an error (warnings allowed), 1 when one has, 2 when a file cannot be read.',
    th: 'prasan check FILE... [--lang th|en] [--json]\nตรวจแฟ้มสถานการณ์และแจ้งทุกปัญหา: แฟ้ม:บรรทัด:คอลัมน์ ข้อความ รหัส และวิธีแก้\nจบด้วยรหัส 0 เมื่อไม่มีแฟ้มใดมีข้อผิดพลาด (มีคำเตือนได้) 1 เมื่อมี และ 2 เมื่ออ่านแฟ้มไม่ได้',
  },
  'help.play': {
    en: 'prasan play FILE --choices ID,ID,... [--lang th|en] [--json]\nPlays a scenario with no screen, taking the listed choice ids in order (timeout lets a timer fire), and prints the ending, the skills against the most attainable, the meters and the path.',
    th: 'prasan play FILE --choices ID,ID,... [--lang th|en] [--json]\nเล่นสถานการณ์โดยไม่มีหน้าจอ เลือกตามรหัสตัวเลือกที่ระบุทีละตัว (timeout คือปล่อยให้หมดเวลา) แล้วแสดงตอนจบ คะแนนทักษะเทียบกับคะแนนสูงสุดที่ทำได้ มาตรวัด และเส้นทาง',
  },
  'help.stats': {
    en: 'prasan stats FILE [--json] [--lang th|en]\nCounts the nodes and runs, and gives each skill’s range at the endings and per ending, the skills no choice scores and the choices never offered.',
    th: 'prasan stats FILE [--json] [--lang th|en]\nนับโหนดและจำนวนเส้นทางการเล่น แสดงช่วงคะแนนของแต่ละทักษะเมื่อจบและแยกตามตอนจบ ทักษะที่ไม่มีตัวเลือกใดให้คะแนน และตัวเลือกที่ไม่เคยถูกเสนอ',
  },
  'help.graph': {
    en: 'prasan graph FILE [--format mermaid|dot|svg] [--lang th|en] [-o OUTPUT]\nDraws the scenario as a map: nodes, choices with their points, branches with their rules.',
    th: 'prasan graph FILE [--format mermaid|dot|svg] [--lang th|en] [-o OUTPUT]\nวาดแผนผังสถานการณ์: โหนด ตัวเลือกพร้อมคะแนน และทางแยกพร้อมกฎ',
  },
  'help.test': {
    en: 'prasan test FILE... [--seed N] [--runs N] [--json] [--lang th|en]\nExplores every transition the scenario allows and plays seeded random runs through its machine; exits 1 on a run that cannot end, an ending no run reaches, or a run-time error.',
    th: 'prasan test FILE... [--seed N] [--runs N] [--json] [--lang th|en]\nสำรวจทุกการเปลี่ยนสถานะที่สถานการณ์มี และเล่นแบบสุ่มตามค่า seed ผ่านกลไกของสถานการณ์ จบด้วยรหัส 1 เมื่อมีการเล่นที่ไปไม่ถึงตอนจบ ตอนจบที่ไม่มีการเล่นใดไปถึง หรือข้อผิดพลาดขณะเล่น',
  },
  'help.new': {
    en: 'prasan new ID [--dir scenarios]\nWrites a commented starter scenario, valid as it is, in Thai and English.',
    th: 'prasan new ID [--dir scenarios]\nสร้างแฟ้มสถานการณ์เริ่มต้นพร้อมคำอธิบาย ใช้ได้ทันที มีทั้งภาษาไทยและภาษาอังกฤษ',
  },
  'help.strings': {
    en: 'prasan strings export FILE --lang en [-o FILE.csv]\nprasan strings import FILE FILE.csv --lang en [-o OUTPUT.yaml]\nExports the texts to a CSV a translator fills in a spreadsheet, and imports the translations back into the YAML, keeping its comments and layout.',
    th: 'prasan strings export FILE --lang en [-o FILE.csv]\nprasan strings import FILE FILE.csv --lang en [-o OUTPUT.yaml]\nส่งออกข้อความเป็นแฟ้ม CSV ให้ผู้แปลเติมในโปรแกรมตารางคำนวณ แล้วนำคำแปลกลับเข้าแฟ้ม YAML โดยหมายเหตุและการจัดบรรทัดยังคงเดิม',
  },
  'help.workshop': {
    en: [
      'prasan workshop [--port 8080] [--host 0.0.0.0] [--data FILE] [--public-url URL] [--no-build]',
      'Serves the game, the trainees’ API and the trainer’s dashboard on the local network.',
      '  --port N          the port (default 8080, or the PORT variable)',
      '  --host ADDRESS    where to listen (default 0.0.0.0: every network the laptop is on)',
      '  --data FILE       the results file (default `workshop-data/prasan.sqlite`); one server per file',
      '  --public-url URL  the address trainees open, when the one printed is not reachable',
      '  --no-build        serve `dist/` as it is, without rebuilding it',
      'PRASAN_TRAINER_KEY keeps one trainer key (12 characters or more); without it a new one is made at each start.',
      'Open the dashboard on this laptop: the network carries the key unencrypted.',
    ].join('\n'),
    th: [
      'prasan workshop [--port 8080] [--host 0.0.0.0] [--data FILE] [--public-url URL] [--no-build]',
      'เปิดเกม ระบบรับผลของผู้เข้าอบรม และแดชบอร์ดวิทยากร บนเครือข่ายในห้องอบรม',
      '  --port N          พอร์ต (ค่าเริ่มต้น 8080 หรือตามตัวแปร `PORT`)',
      '  --host ADDRESS    ที่อยู่ที่รอรับการเชื่อมต่อ (ค่าเริ่มต้น 0.0.0.0 คือทุกเครือข่ายที่เครื่องต่ออยู่)',
      '  --data FILE       ไฟล์เก็บผล (ค่าเริ่มต้น `workshop-data/prasan.sqlite`) หนึ่งไฟล์ต่อหนึ่งเซิร์ฟเวอร์',
      '  --public-url URL  ที่อยู่ที่ผู้เข้าอบรมเปิด เมื่อที่อยู่ที่พิมพ์ออกมาเข้าไม่ถึง',
      '  --no-build        ใช้ `dist/` ตามที่มีอยู่ ไม่สร้างใหม่',
      '`PRASAN_TRAINER_KEY` ใช้รหัสวิทยากรเดิมทุกครั้ง (อย่างน้อย 12 ตัวอักษร) ถ้าไม่ตั้ง จะสร้างรหัสใหม่ทุกครั้งที่เปิด',
      'เปิดแดชบอร์ดบนเครื่องนี้เท่านั้น เพราะรหัสวิ่งผ่านเครือข่ายโดยไม่เข้ารหัส',
    ].join('\n'),
  },
  'help.help': {
    en: 'prasan help [COMMAND]\nSays how to use prasan, or one command.',
    th: 'prasan help [COMMAND]\nบอกวิธีใช้ prasan หรือวิธีใช้คำสั่งหนึ่ง',
  },
  unknownCommand: { en: 'prasan: unknown command "{command}"', th: 'prasan: ไม่รู้จักคำสั่ง "{command}"' },
  badArguments: { en: 'prasan: {detail}', th: 'prasan: ใช้คำสั่งไม่ถูกต้อง ({detail})' },
  fileProblem: { en: 'prasan: {detail}', th: 'prasan: อ่านหรือเขียนแฟ้มไม่ได้ ({detail})' },
  unreadable: { en: '{file}: error: cannot read the file: {reason}', th: '{file}: error: อ่านแฟ้มไม่ได้: {reason}' },
  noSuchFile: { en: 'no such file', th: 'ไม่มีแฟ้มนี้' },
  hint: { en: 'hint', th: 'วิธีแก้' },
  checkNeedsFiles: { en: 'prasan check: name at least one file', th: 'prasan check: ระบุแฟ้มอย่างน้อยหนึ่งแฟ้ม' },
  checked: {
    en: '{files} file(s) checked: {errors} error(s), {warnings} warning(s)',
    th: 'ตรวจ {files} แฟ้ม: ข้อผิดพลาด {errors} คำเตือน {warnings}',
  },
  playNeedsFile: { en: 'prasan play: name one file and --choices', th: 'prasan play: ระบุแฟ้มหนึ่งแฟ้มและ --choices' },
  playNoLanguage: {
    en: 'prasan play: warning: {file} has no "{lang}" text; using "{used}"',
    th: 'prasan play: คำเตือน: แฟ้ม {file} ไม่มีข้อความภาษา "{lang}" จึงใช้ "{used}"',
  },
  nothing: { en: '(nothing)', th: '(ไม่มี)' },
  notOffered: {
    en: '"{choice}" is not offered at node "{node}"; offered there: {offered}',
    th: 'ที่โหนด "{node}" ไม่มีตัวเลือก "{choice}" ให้เลือก ตัวเลือกที่มีคือ: {offered}',
  },
  ranOut: {
    en: 'the choices ran out at node "{node}" before an ending; offered there: {offered}',
    th: 'รายการตัวเลือกหมดที่โหนด "{node}" ก่อนถึงตอนจบ ตัวเลือกที่มีคือ: {offered}',
  },
  endedEarly: {
    en: 'the run reached the ending "{ending}" with choices left over: {left}',
    th: 'การเล่นถึงตอนจบ "{ending}" แล้ว แต่ยังเหลือตัวเลือก: {left}',
  },
  playEnding: { en: '{scenario}: {kind} — {node}: {title}', th: '{scenario}: {kind} — {node}: {title}' },
  playPath: { en: 'path: {path}', th: 'เส้นทาง: {path}' },
  playSkills: { en: 'skills: {skills}', th: 'ทักษะ: {skills}' },
  playMeters: { en: 'meters: {meters}', th: 'มาตรวัด: {meters}' },
  statsUsage: { en: 'usage: prasan stats FILE [--json]', th: 'วิธีใช้: prasan stats FILE [--json]' },
  statsNodes: {
    en: '{id}: {nodes} nodes — {decisions} decisions, {branches} branches, {endings} endings',
    th: '{id}: {nodes} โหนด — การตัดสินใจ {decisions} ทางแยก {branches} ตอนจบ {endings}',
  },
  statsRuns: { en: 'runs (no choice taken twice): {count}', th: 'จำนวนเส้นทางการเล่น (ไม่เลือกตัวเลือกเดิมซ้ำ): {count}' },
  statsMoreThan: { en: 'more than {count}', th: 'มากกว่า {count}' },
  statsNotExact: {
    en: 'too many states to explore exactly: the ranges below are missing or partial',
    th: 'สถานะมากเกินกว่าจะสำรวจได้ครบ ช่วงคะแนนด้านล่างจึงขาดหายหรือไม่ครบ',
  },
  statsSkillHeading: { en: 'skill           lowest … highest at an ending', th: 'ทักษะ           ต่ำสุด … สูงสุด เมื่อถึงตอนจบ' },
  statsEndingHeading: {
    en: 'endings (kind): total of all seven skills; per skill',
    th: 'ตอนจบ (ชนิด): คะแนนรวมทั้งเจ็ดทักษะ และแยกรายทักษะ',
  },
  statsEnding: { en: '  {id} ({kind}): total {total}', th: '  {id} ({kind}): รวม {total}' },
  statsUnreached: { en: 'endings no run reaches: {endings}', th: 'ตอนจบที่ไม่มีการเล่นใดไปถึง: {endings}' },
  statsNeverExercised: { en: 'skills never exercised: {skills}', th: 'ทักษะที่ไม่มีตัวเลือกใดให้คะแนน: {skills}' },
  statsNeverOffered: { en: 'choices never offered: {choices}', th: 'ตัวเลือกที่ไม่เคยถูกเสนอ: {choices}' },
  none: { en: 'none', th: 'ไม่มี' },
  graphUsage: {
    en: 'usage: prasan graph FILE [--format mermaid|dot|svg] [--lang th|en] [-o OUTPUT]',
    th: 'วิธีใช้: prasan graph FILE [--format mermaid|dot|svg] [--lang th|en] [-o OUTPUT]',
  },
  wrote: { en: 'wrote {file}', th: 'บันทึก {file} แล้ว' },
  testUsage: {
    en: 'usage: prasan test FILE... [--seed N] [--runs N] [--json]',
    th: 'วิธีใช้: prasan test FILE... [--seed N] [--runs N] [--json]',
  },
  testNumbers: { en: 'prasan test: --seed and --runs take whole numbers', th: 'prasan test: --seed และ --runs ต้องเป็นจำนวนเต็ม' },
  testOk: { en: 'ok', th: 'ผ่าน' },
  testProblems: { en: '{count} problem(s)', th: 'พบปัญหา {count} รายการ' },
  testReport: {
    en: '{file}: {verdict} — {states} states and {transitions} transitions explored{partial}, {runs} random runs with seed {seed}',
    th: '{file}: {verdict} — สำรวจ {states} สถานะ {transitions} การเปลี่ยนสถานะ{partial} และสุ่มเล่น {runs} รอบด้วย seed {seed}',
  },
  testPartial: { en: ' (not all: too many)', th: ' (ไม่ครบ: มากเกินไป)' },
  testReplay: { en: 'replay with: prasan test {files} --seed {seed}', th: 'เล่นซ้ำด้วย: prasan test {files} --seed {seed}' },
  testNoSteps: { en: 'no steps', th: 'ยังไม่มีการเลือก' },
  testVia: { en: ' (reached by {path})', th: ' (ไปถึงได้โดย {path})' },
  testFromStart: { en: ' (at the start)', th: ' (ตั้งแต่เริ่ม)' },
  problemStuck: {
    en: 'node "{node}" offers nothing and has no timer{via}',
    th: 'โหนด "{node}" ไม่มีตัวเลือกให้เลือกและไม่มีการจับเวลา{via}',
  },
  problemNoEndingAhead: {
    en: 'from node "{node}" no ending can be reached any more: a loop with no exit{via}',
    th: 'จากโหนด "{node}" ไปไม่ถึงตอนจบใดอีกแล้ว: วนซ้ำโดยไม่มีทางออก{via}',
  },
  problemUnreached: { en: 'no run reaches the ending "{node}"', th: 'ไม่มีการเล่นใดไปถึงตอนจบ "{node}"' },
  problemRuntime: { en: 'run {run} failed: {message} after {steps}', th: 'การเล่นรอบที่ {run} ผิดพลาด: {message} หลังจาก {steps}' },
  newUsage: { en: 'usage: prasan new ID [--dir scenarios]', th: 'วิธีใช้: prasan new ID [--dir scenarios]' },
  newBadId: {
    en: 'prasan new: "{id}" is not a valid id: use lowercase letters, digits and single hyphens (e.g. "senate-question")',
    th: 'prasan new: "{id}" ไม่ใช่รหัสที่ถูกต้อง ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีดกลางเดี่ยว (เช่น "senate-question")',
  },
  newExists: { en: 'prasan new: {file} already exists; choose another id', th: 'prasan new: มีแฟ้ม {file} อยู่แล้ว กรุณาเลือกรหัสอื่น' },
  newWrote: { en: 'wrote {file}; check it with: npx prasan check {file}', th: 'บันทึก {file} แล้ว ตรวจได้ด้วยคำสั่ง: npx prasan check {file}' },
  stringsUsage: {
    en: 'usage:\n  prasan strings export FILE --lang en [-o FILE.csv]\n  prasan strings import FILE FILE.csv --lang en [-o OUTPUT.yaml]',
    th: 'วิธีใช้:\n  prasan strings export FILE --lang en [-o FILE.csv]\n  prasan strings import FILE FILE.csv --lang en [-o OUTPUT.yaml]',
  },
  stringsExported: {
    en: 'wrote {file}: {texts} texts, {missing} without "{lang}" yet',
    th: 'บันทึก {file} แล้ว: ข้อความ {texts} รายการ ยังไม่มีภาษา "{lang}" {missing} รายการ',
  },
  stringsNotUtf8: {
    en: 'prasan strings import: {file} is not UTF-8 text; save it as "CSV UTF-8" and try again',
    th: 'prasan strings import: แฟ้ม {file} ไม่ใช่ข้อความ UTF-8 กรุณาบันทึกเป็น "CSV UTF-8" แล้วลองอีกครั้ง',
  },
  stringsUnknownKey: {
    en: '{file}: warning: the scenario has no text "{key}"; row skipped',
    th: '{file}: คำเตือน: สถานการณ์ไม่มีข้อความ "{key}" จึงข้ามแถวนี้',
  },
  stringsInvalid: {
    en: 'prasan strings import: the translated file would not be valid, so nothing was written:',
    th: 'prasan strings import: แฟ้มที่แปลแล้วจะไม่ถูกต้อง จึงยังไม่ได้บันทึกอะไร:',
  },
  stringsImported: {
    en: 'wrote {file}: {updated} texts updated, {added} added',
    th: 'บันทึก {file} แล้ว: ปรับข้อความ {updated} รายการ เพิ่ม {added} รายการ',
  },
} as const satisfies Record<string, Record<MessageLanguage, string>>;

export type CliTextKey = keyof typeof CLI_TEXT;

/** A message in the trainer's language, its `{name}`s filled in. */
export function say(key: CliTextKey, lang: MessageLanguage, params: Record<string, string | number> = {}): string {
  const template: string = CLI_TEXT[key][lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The commands `prasan help` knows, each with its own page. */
export const HELP_TOPICS = ['check', 'play', 'stats', 'graph', 'test', 'new', 'strings', 'workshop', 'help'] as const;
