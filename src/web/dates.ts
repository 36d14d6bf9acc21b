/** Dates as a Thai reader expects them (Buddhist era, Thai month names) or in English. */
export function formatDate(iso: string, language: string, withTime = true): string {
  const locale = language === 'th' ? 'th-TH' : 'en-GB';
  const options: Intl.DateTimeFormatOptions = withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' };
  // A bare YYYY-MM-DD is a calendar date: read it at noon UTC so no time zone moves it a day.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(locale, options).format(date);
}
