/**
 * The library's house style, as data the style test holds every scenario to (docs/authoring.md,
 * "House style", says the same for authors): one Thai and one English name for each official body,
 * one honorific convention, and words that are wrong or were retired.
 */

/** A character's name starts with one of these (then the given name and the family name). */
export const HONORIFICS = {
  th: ['นางสาว', 'นาย', 'นาง', 'พลเอก', 'พลโท', 'พลตรี', 'พันเอก', 'พันโท', 'พันตรี'],
  en: ['Mr', 'Ms', 'General', 'Lieutenant General', 'Major General', 'Colonel', 'Lieutenant Colonel', 'Major'],
} as const;

export interface Body {
  th: string;
  en: string;
  /** Spellings the library must not use for this body. */
  variants: (string | RegExp)[];
}

export const BODIES: Body[] = [
  {
    th: 'สำนักเลขาธิการคณะรัฐมนตรี (สลค.)',
    en: 'Secretariat of the Cabinet',
    variants: ['Cabinet Secretariat', 'สำนักงานเลขาธิการคณะรัฐมนตรี'],
  },
  {
    th: 'สำนักเลขาธิการนายกรัฐมนตรี (สลน.)',
    en: 'Office of the Secretary-General to the Prime Minister',
    variants: ['Secretary-General to the PM', "Prime Minister's Secretariat", 'สำนักงานเลขาธิการนายกรัฐมนตรี'],
  },
  {
    th: 'คณะกรรมการประสานงานร่วมสภาผู้แทนราษฎร',
    en: 'Joint House Coordination Committee',
    variants: ['คณะกรรมการประสานงานร่วมของสภา', 'Joint Coordination Committee of the House', /joint whip committee/i],
  },
  {
    th: 'สำนักงานเลขาธิการสภาผู้แทนราษฎร',
    en: 'Secretariat of the House of Representatives',
    variants: ['House Secretariat', 'สำนักเลขาธิการสภาผู้แทนราษฎร'],
  },
  {
    th: 'สำนักงานเลขาธิการวุฒิสภา',
    en: 'Secretariat of the Senate',
    variants: ['Senate Secretariat', 'สำนักเลขาธิการวุฒิสภา'],
  },
  { th: 'สำนักงบประมาณ', en: 'Budget Bureau', variants: ['Bureau of the Budget', 'Budget Office'] },
  {
    th: 'สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (ป.ป.ช.)',
    en: 'National Anti-Corruption Commission (NACC)',
    variants: ['Anti-Corruption Commission of Thailand', 'National Counter Corruption Commission'],
  },
  { th: 'ศาลรัฐธรรมนูญ', en: 'Constitutional Court', variants: ['Constitution Court'] },
];

/** Words that are misspelt, retired, or say more than the brief verifies. */
export const FORBIDDEN_WORDS: { word: string | RegExp; why: string }[] = [
  { word: 'กระตุ่ถาม', why: 'misspelt: write กระทู้ถาม' },
  { word: 'คณะกรรมการธิการ', why: 'misspelt: write คณะกรรมาธิการ' },
  { word: 'ฝ้าติดตาม', why: 'misspelt: write เฝ้าติดตาม' },
  { word: /(^|[^ก-๙.])สส\.|(^|[^ก-๙.])สว\./, why: 'the library writes ส.ส. and ส.ว.' },
  { word: 'นาฬิกา 30 วัน', why: 'a calque of "30-day clock": write กำหนด 30 วัน' },
  { word: 'ดีลงบประมาณ', why: 'news slang: write ข้อเสนอแลกงบประมาณ' },
  { word: 'ให้เครดิต', why: 'an English loan: write ให้ได้ผลงาน' },
  { word: /once per session/i, why: 's.154 limits motions to once a year, not once per session' },
  { word: /Cabinet (sets|set|fixes) the (debate )?date/i, why: 'the Cabinet says when it will be ready; the House side fixes the days' },
];
