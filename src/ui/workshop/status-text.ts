/** What the trainee reads about sending: always words (never a colour alone), in their language. */
import { t } from '../../i18n';
import type { OutboxStatus } from './outbox';

export function statusText(status: OutboxStatus): string {
  const { pending: count, problem } = status;
  const main =
    count === 0
      ? t('workshop.statusSent')
      : problem === 'offline'
        ? t('workshop.statusOffline', { count })
        : problem === 'unreachable'
          ? t('workshop.statusUnreachable', { count })
          : problem === 'unauthorized'
            ? t('workshop.statusUnauthorized', { count })
            : problem === 'busy'
              ? t('workshop.statusBusy', { count })
              : t('workshop.statusSending', { count });
  return status.rejected > 0 ? `${main} · ${t('workshop.statusRejected', { count: status.rejected })}` : main;
}

/** The debrief's word on one run: has everything it sent reached the trainer? */
export function runDeliveryText(fate: 'pending' | 'rejected' | 'delivered', status: OutboxStatus): string {
  if (fate === 'delivered') return t('workshop.resultDelivered');
  if (fate === 'rejected') return t('workshop.resultRejected');
  return `${t('workshop.resultPending')} · ${statusText(status)}`;
}

/** A state the status line shows, for styling (the words carry the meaning). */
export function statusTone(status: OutboxStatus): 'sent' | 'sending' | 'waiting' {
  if (status.pending === 0) return 'sent';
  return status.problem === undefined ? 'sending' : 'waiting';
}
