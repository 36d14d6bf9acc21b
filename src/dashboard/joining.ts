/**
 * Whether a session's join code lets people in now, in words. Joining ends at midnight after the day
 * the session was made or reopened (the server's clock, which is this laptop's when the dashboard is
 * opened on it), or when the trainer closes it.
 */
import type { SessionSummary } from '../workshop/protocol';
import { language, t } from './i18n';

export function joiningOpen(session: SessionSummary, now = Date.now()): boolean {
  return Date.parse(session.joinUntil) > now;
}

/** Midnight at the end of today, by this browser's clock. */
function tonight(now: number): number {
  const day = new Date(now);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1).getTime();
}

function timeText(iso: string): string {
  return new Intl.DateTimeFormat(language() === 'th' ? 'th-TH' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** For the trainer: the state and what it means. */
export function joiningHelp(session: SessionSummary, now = Date.now()): string {
  if (!joiningOpen(session, now)) return t('joining.closed');
  return Date.parse(session.joinUntil) === tonight(now)
    ? t('joining.openTonight')
    : t('joining.openUntil', { time: timeText(session.joinUntil) });
}

/** For the room on the projector: one short line. */
export function joiningLine(session: SessionSummary, now = Date.now()): string {
  if (!joiningOpen(session, now)) return t('joining.roomClosed');
  return Date.parse(session.joinUntil) === tonight(now)
    ? t('joining.roomOpen')
    : t('joining.roomOpenUntil', { time: timeText(session.joinUntil) });
}
