/** `prasan new <id>`: a valid, commented starter scenario in Thai and English. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { ID_PATTERN, type MessageLanguage } from '../engine';
import type { Output } from './authoring';
import { say } from './messages';

/**
 * `schema`: the path from the new file's folder to the JSON Schema, so editors find it wherever the
 * file is (`./schema/…` in scenarios/, `../scenarios/schema/…` in drafts/).
 */
export function starterScenario(id: string, schema = './schema/scenario.schema.json', file = `scenarios/${id}.yaml`): string {
  return `# yaml-language-server: $schema=${schema}
# A starter scenario. Check it with:  npx prasan check ${file}
# Every text has a Thai (th) and an English (en) version. Replace the placeholder words with your own.
format: 1
id: ${id}                 # the file name must be ${id}.yaml
version: 1                # bump it whenever you change the scenario
languages: [th, en]       # the first language is the default
title: { th: "ชื่อสถานการณ์ของคุณ", en: "Your scenario's title" }
summary:
  th: "สรุปสถานการณ์สั้น ๆ หนึ่งถึงสองประโยค ผู้เข้าอบรมจะเห็นข้อความนี้ในเมนู"
  en: "A one- or two-sentence summary. Trainees see it in the menu."
minutes: 10
difficulty: introductory  # introductory | intermediate | advanced
tags: [interpellation]
targets: [communication, coordination]   # the skills this scenario mainly trains

references:               # sections and rules your feedback cites (refs: [s150])
  s150:
    label:
      th: "รัฐธรรมนูญแห่งราชอาณาจักรไทย พ.ศ. 2560 มาตรา 150"
      en: "Constitution of the Kingdom of Thailand B.E. 2560 (2017), section 150"
    summary:
      th: "สรุปสาระของมาตราด้วยถ้อยคำของคุณเอง"
      en: "Summarise the section in your own plain words."
    source: "Royal Gazette, 6 April 2560 B.E."

characters:               # who speaks; side colours their sash: government | opposition | neutral
  aide:
    name: { th: "คุณมณี", en: "Manee" }
    role: { th: "เจ้าหน้าที่ประสานงาน", en: "Liaison officer" }
    side: government

meters:                   # what the trainee watches rise and fall; choices change them with effects
  trust:
    label: { th: "ความเชื่อมั่น", en: "Confidence" }
    initial: 50
    min: 0
    max: 100

trainer:                  # shown to trainers, not trainees
  objectives:
    th: "สิ่งที่ผู้เข้าอบรมควรได้เรียนรู้"
    en: "What trainees should learn."
  questions:
    - { th: "คำถามสำหรับการสรุปบทเรียน", en: "A question for the debrief." }

start: first-news
nodes:
  first-news:             # a decision: a situation and 1 to 6 choices
    background: office    # office | chamber | corridor | meeting-room | phone
    speaker: aide
    text:
      th: "เขียนสถานการณ์ที่ผู้เข้าอบรมต้องตัดสินใจ บรรทัดว่างหนึ่งบรรทัดคือการขึ้นย่อหน้าใหม่"
      en: "Describe the situation the trainee must decide on. A blank line starts a new paragraph."
    timeout: { seconds: 60, next: too-late, scores: { observation: -1 } }   # optional: a countdown
    choices:
      - id: act-now
        text: { th: "ลงมือทันที", en: "Act at once" }
        scores: { communication: 2, coordination: 1, strategy: 1 }       # -3 to 3, counted once
        effects: { trust: 10 }                                          # meters move every time
        set: [acted]                                                    # flags remember choices
        feedback:
          th: "อธิบายว่าทำไมตัวเลือกนี้จึงได้ผล และอ้างอิงหลักเกณฑ์ที่เกี่ยวข้อง"
          en: "Say why this worked, citing the rule it rests on."
        refs: [s150]
        next: follow-up
      - id: ask-around
        text: { th: "ถามความเห็นเครือข่ายก่อน", en: "Ask your network first" }
        scores: { networking: 2, observation: 1, negotiation: 1, strategy: -1 }
        feedback:
          th: "อธิบายว่าได้อะไรและเสียอะไรจากการเลือกนี้"
          en: "Say what this gained and what it cost."
        next: follow-up
      - id: cut-corners
        text: { th: "ทางลัดที่ดูง่ายแต่ไม่ถูกต้อง", en: "A tempting shortcut" }
        scores: { ethics: -2, coordination: -1 }
        effects: { trust: -20 }
        feedback:
          th: "อธิบายว่าทำไมทางลัดนี้จึงผิด แม้จะดูสะดวก"
          en: "Say why the shortcut is wrong, however convenient."
        next: follow-up
  follow-up:
    speaker: aide
    text:
      th: "สถานการณ์ต่อเนื่อง ตัวเลือกที่มี when จะแสดงเฉพาะเมื่อเงื่อนไขเป็นจริง"
      en: "What happens next. A choice with a when is offered only when its condition holds."
    choices:
      - id: report-back
        when: { flag: acted }
        text: { th: "รายงานผลให้ผู้บังคับบัญชาทราบ", en: "Report back to your superior" }
        scores: { communication: 1, ethics: 1 }
        feedback: { th: "การรายงานทำให้ทุกฝ่ายรู้สถานะตรงกัน", en: "Reporting keeps everyone on the same page." }
        next: outcome
      - id: move-on
        text: { th: "ไปทำเรื่องอื่นต่อ", en: "Move on to other work" }
        feedback: { th: "ไม่เสียหาย แต่พลาดโอกาสสื่อสาร", en: "No harm done, but a chance to communicate missed." }
        next: outcome
  outcome:                # a branch: judged at once; the first rule whose when holds wins
    branch:
      - when: { meter: trust, atLeast: 60 }
        next: well-done
      - next: partly-done # the last rule has no when: the default
  well-done:
    ending: success       # success | partial | failure
    title: { th: "สำเร็จ", en: "Success" }
    text: { th: "บอกผลลัพธ์ที่ดีที่สุด", en: "Describe the best outcome." }
    refs: [s150]
  partly-done:
    ending: partial
    title: { th: "สำเร็จบางส่วน", en: "Partly done" }
    text: { th: "บอกผลลัพธ์ที่ยังไม่สมบูรณ์", en: "Describe the partial outcome." }
  too-late:
    ending: failure
    title: { th: "ไม่ทันเวลา", en: "Too late" }
    text: { th: "บอกผลของการไม่ตัดสินใจ", en: "Describe what not deciding cost." }
`;
}

export function newScenario(args: string[], io: Output, lang: MessageLanguage): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { dir: { type: 'string', default: 'scenarios' }, lang: { type: 'string' } },
  });
  const [id] = positionals;
  if (!id || positionals.length > 1) {
    io.err(say('newUsage', lang));
    return 2;
  }
  if (!new RegExp(ID_PATTERN).test(id)) {
    io.err(say('newBadId', lang, { id }));
    return 2;
  }
  const path = join(values.dir ?? 'scenarios', `${id}.yaml`);
  if (existsSync(path)) {
    io.err(say('newExists', lang, { file: path }));
    return 1;
  }
  mkdirSync(values.dir ?? 'scenarios', { recursive: true });
  const dir = values.dir ?? 'scenarios';
  const schema = relative(resolve(dir), resolve('scenarios/schema/scenario.schema.json')).split(sep).join('/');
  writeFileSync(path, starterScenario(id, schema.startsWith('.') ? schema : `./${schema}`, path.split(sep).join('/')));
  io.out(say('newWrote', lang, { file: path }));
  return 0;
}
