import 'i18next';
import type th from './locales/th/translation.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof th };
    returnNull: false;
  }
}
