/** The trainer key, asked once per browser tab; checked against the server before it is kept. */
import { h } from '../web/dom';
import { ApiError, storeKey, TrainerApi } from './api';
import { t } from './i18n';
import { describeError, message } from './widgets';

export function signInView(onSignedIn: (key: string) => void, notice?: string): HTMLElement {
  const input = h('input', { id: 'trainer-key', name: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true });
  const status = h('div', { class: 'status-line' }, notice ? message(notice, 'error') : null);
  const submit = h('button', { type: 'submit', class: 'primary' }, t('signIn.submit'));
  const form = h(
    'form',
    {
      class: 'card sign-in',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const key = input.value.trim();
        if (!key) return;
        submit.disabled = true;
        status.replaceChildren(message(t('signIn.checking')));
        try {
          await new TrainerApi(key).sessions();
          storeKey(key);
          onSignedIn(key);
        } catch (error) {
          status.replaceChildren(
            message(error instanceof ApiError && error.status === 401 ? t('signIn.wrong') : describeError(error), 'error'),
          );
          input.select();
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h1', {}, t('signIn.heading')),
    h('p', { class: 'muted' }, t('signIn.help')),
    h('label', { for: 'trainer-key', class: 'field-label' }, t('signIn.key')),
    input,
    submit,
    status,
  );
  queueMicrotask(() => input.focus());
  return form;
}
