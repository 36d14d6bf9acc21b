/**
 * i18next holds every string the game shows: the UI's own (locales/th, locales/en) and each
 * scenario's string table, registered as its own namespace when the scenario loads.
 */
import i18next from 'i18next';
import { LANGUAGES, type Language, type StringTable } from '../engine';
import en from './locales/en/translation.json';
import th from './locales/th/translation.json';

/** The game speaks the languages a scenario may be written in. */
export const UI_LANGUAGES = LANGUAGES;
export type UiLanguage = Language;

export const resources = { th: { translation: th }, en: { translation: en } } as const;

export async function initI18n(language: UiLanguage): Promise<void> {
  await i18next.init({
    lng: language,
    fallbackLng: 'th',
    supportedLngs: [...UI_LANGUAGES],
    resources,
    // The UI puts every string into the page as text (never HTML), so i18next need not escape.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export const t = i18next.t.bind(i18next);

export function currentLanguage(): UiLanguage {
  return (i18next.language === 'en' ? 'en' : 'th') satisfies UiLanguage;
}

export async function setLanguage(language: UiLanguage): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export function scenarioNamespace(id: string): string {
  return `scenario-${id}`;
}

/** Registers a scenario's texts; they are read back with `scenarioText`, never interpolated. */
export function registerScenarioStrings(id: string, strings: StringTable): void {
  for (const [lang, table] of Object.entries(strings)) {
    i18next.addResourceBundle(lang, scenarioNamespace(id), table, false, true);
  }
}

/**
 * A scenario's text in the UI language, or in the scenario's first language when it lacks that one.
 * Read as a raw resource: a trainer's `{{braces}}` stay literal.
 */
export function scenarioText(id: string, languages: readonly string[], key: string): string {
  const ns = scenarioNamespace(id);
  const lang = languages.includes(i18next.language) ? i18next.language : (languages[0] ?? 'th');
  const value: unknown = i18next.getResource(lang, ns, key);
  return typeof value === 'string' ? value : '';
}

/** The language a scenario is shown in under the current UI language. */
export function scenarioLanguage(languages: readonly string[]): string {
  return languages.includes(i18next.language) ? i18next.language : (languages[0] ?? 'th');
}
