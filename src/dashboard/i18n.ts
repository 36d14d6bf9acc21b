/**
 * The dashboard's own i18next instance: its strings (locales/th.json, en.json) in the default
 * namespace, and the game's strings under `game:` for what both show alike (skill names, the
 * mechanisms, ending kinds), so those are written once. Thai first.
 */
import i18next, { type i18n } from 'i18next';
import { type Language, LANGUAGES, type StringTable } from '../engine';
import gameEn from '../i18n/locales/en/translation.json';
import gameTh from '../i18n/locales/th/translation.json';
import en from './locales/en.json';
import th from './locales/th.json';

export { LANGUAGES, type Language };

const LANGUAGE_KEY = 'prasan-dashboard-language';

/** Every dotted key of a strings file, so a misspelt key fails the type check. */
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? Keys<T[K], `${Prefix}${K}.`> : `${Prefix}${K}`;
}[keyof T & string];
/** Plural keys (`x_one`, `x_other`) are asked for without their suffix. */
type Unplural<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;
export type DashboardKey = Unplural<Keys<typeof th>> | `game:${Unplural<Keys<typeof gameTh>>}`;

const instance: i18n = i18next.createInstance();

export async function initI18n(): Promise<Language> {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  const language: Language = stored === 'en' ? 'en' : 'th';
  await instance.init({
    lng: language,
    fallbackLng: 'th',
    supportedLngs: [...LANGUAGES],
    defaultNS: 'dashboard',
    ns: ['dashboard', 'game'],
    resources: { th: { dashboard: th, game: gameTh }, en: { dashboard: en, game: gameEn } },
    // Every string goes into the page as text, never HTML: nothing to escape.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return language;
}

export function t(key: DashboardKey, options?: Record<string, unknown>): string {
  // The game's type declarations describe the global instance's keys; this one has its own.
  return (instance.t as unknown as (key: string, options?: Record<string, unknown>) => string)(key, options);
}

export function language(): Language {
  return instance.language === 'en' ? 'en' : 'th';
}

export async function setLanguage(next: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, next);
  await instance.changeLanguage(next);
  document.documentElement.lang = next;
}

/** A scenario's text in the dashboard's language, else in the scenario's first language that has it. */
export function scenarioString(strings: StringTable | undefined, key: string): string {
  if (!strings) return '';
  const order = [language(), ...LANGUAGES, ...Object.keys(strings)] as (keyof StringTable)[];
  for (const lang of order) {
    const value = strings[lang]?.[key];
    if (value) return value;
  }
  return '';
}

/** Numbers as the reader's locale writes them, with at most `digits` decimals. */
export function formatNumber(value: number, digits = 1): string {
  return new Intl.NumberFormat(language() === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}
