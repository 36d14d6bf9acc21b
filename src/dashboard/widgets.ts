/** Small pieces the dashboard's screens share: a confirmation dialog, messages, error wording. */
import { h } from '../web/dom';
import { ApiError } from './api';
import { t } from './i18n';

/** Asks before something that can't be undone; resolves true only on the confirming button. */
export async function confirmDialog(title: string, body: string, confirmLabel: string): Promise<boolean> {
  return (await choiceDialog(title, body, [{ value: 'confirm', label: confirmLabel, danger: true }])) === 'confirm';
}

interface Choice {
  value: string;
  label: string;
  /** Drawn as a button that destroys something. */
  danger?: boolean;
}

/**
 * Asks the trainer to choose; resolves to the chosen value, or undefined for Cancel (the first
 * button and the focused one, so Enter or Escape never does harm).
 */
export function choiceDialog(title: string, body: string, choices: readonly Choice[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const dialog = h(
      'dialog',
      { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: 'confirm-title' }, title),
        h('p', {}, body),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'submit', value: 'cancel', autofocus: true }, t('app.cancel')),
          ...choices.map((choice) =>
            h(
              'button',
              { type: 'submit', value: choice.value, ...(choice.danger ? { class: 'danger', 'data-confirm': '' } : {}) },
              choice.label,
            ),
          ),
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      const value = dialog.returnValue;
      resolve(value && value !== 'cancel' ? value : undefined);
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A status line that screen readers announce; `kind` colours it. */
export function message(text: string, kind: 'info' | 'success' | 'error' = 'info'): HTMLElement {
  return h('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** What went wrong, in the reader's language where we know the reason. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('app.offline');
    if (error.status === 401) return t('signIn.refused');
    // Refusals a trainer can act on are said in their own language; anything else as the server put it.
    const reply = error.reply;
    if (reply?.error === 'would-expire') return t('errors.wouldExpire');
    if (reply?.error === 'unknown-trainee') return t('errors.unknownTrainee');
    // Refused for now (src/server/fair-use.ts): wrong keys from this computer, or too much at once.
    const seconds = error.retryAfter ?? 60;
    if (error.status === 429 && reply?.error === 'trainer-key-backoff') return t('errors.keyBackoff', { seconds });
    if (error.status === 429) return t('errors.rateLimited', { seconds });
    if (reply?.error === 'version-not-raised') return t('errors.versionNotRaised', { current: reply.current ?? '' });
    if (reply?.error === 'scenario-too-large') return t(reply.limit === 'memory' ? 'errors.tooLargeMemory' : 'errors.tooLargeTime');
    return t('app.error', { message: error.message });
  }
  return t('app.error', { message: error instanceof Error ? error.message : String(error) });
}
