/**
 * Joining a workshop: the code, then the session's privacy notice (what is kept, who sees it, for
 * how long, pseudonyms in exports), then the display name. The notice is always shown before the
 * Join button is offered.
 */
import type { JoinReply, SessionPreview } from '../../workshop/protocol';
import { t } from '../../i18n';
import { h } from '../../web/dom';
import { isShowableName } from '../../workshop/limits';
import { JOIN_CODE, normaliseCode, type ApiProblem, type WorkshopApi } from './api';

export interface JoinOptions {
  code?: string;
  joined(reply: JoinReply): void;
}

/** Why the server said no, in words: a 400 is about the code on the first step, about the name on the second. */
export function joinProblemText(problem: ApiProblem, step: 'code' | 'name'): string {
  if (problem === 'unknown-code') return t('workshop.errorUnknownCode');
  if (problem === 'network') return t('workshop.errorNetwork');
  if (problem === 'session-full') return t('workshop.errorSessionFull');
  if (problem === 'joining-closed') return t('workshop.errorJoiningClosed');
  if (problem === 'busy') return t('workshop.errorBusy');
  if (problem === 'invalid') return step === 'name' ? t('workshop.errorNameRefused') : t('workshop.errorCode');
  return t('workshop.errorServer');
}

export function openJoinDialog(api: WorkshopApi, options: JoinOptions): HTMLDialogElement {
  let preview: SessionPreview | undefined;
  let busy = false;

  const codeInput = h('input', {
    id: 'join-code',
    name: 'code',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 12,
    'aria-describedby': 'join-code-hint',
    value: options.code ?? '',
  });
  const nameInput = h('input', {
    id: 'join-name',
    name: 'name',
    autocomplete: 'nickname',
    maxlength: 40,
    'aria-describedby': 'join-name-hint',
  });
  const codeHint = h('p', { id: 'join-code-hint', class: 'hint' }, t('workshop.codeHint'));
  const error = h('p', { class: 'join-error', role: 'alert' });
  const notice = h('section', { class: 'privacy', 'aria-labelledby': 'privacy-heading', hidden: true });
  const nameField = h(
    'div',
    { class: 'field', hidden: true },
    h('label', { for: 'join-name' }, t('workshop.nameLabel')),
    nameInput,
    h('p', { id: 'join-name-hint', class: 'hint' }, t('workshop.nameHint')),
  );
  const submit = h('button', { type: 'submit', class: 'primary' }, t('workshop.next'));
  const cancel = h('button', { type: 'button', onclick: () => dialog.close() }, t('workshop.cancel'));

  const showError = (message: string, field?: HTMLInputElement) => {
    error.textContent = message;
    error.dataset['kind'] = 'error';
    codeInput.removeAttribute('aria-invalid');
    nameInput.removeAttribute('aria-invalid');
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  };

  const showProgress = (message: string) => {
    showError('');
    error.textContent = message;
    error.dataset['kind'] = 'progress';
  };

  /** Back to the first step: another code needs its own notice. */
  const reset = () => {
    preview = undefined;
    notice.hidden = true;
    nameField.hidden = true;
    codeHint.hidden = false;
    submit.textContent = t('workshop.next');
  };

  const showNotice = (session: SessionPreview) => {
    preview = session;
    notice.replaceChildren(
      h('h3', { id: 'privacy-heading' }, t('workshop.privacyHeading')),
      h('p', { class: 'privacy-session' }, t('workshop.privacySession', { title: session.title || session.code })),
      h(
        'ul',
        {},
        h('li', {}, t('workshop.privacyWhat')),
        h('li', {}, t('workshop.privacyWho')),
        h('li', {}, t('workshop.privacyHowLong', { count: session.retentionDays })),
        h('li', {}, t('workshop.privacyPseudonym')),
      ),
    );
    notice.hidden = false;
    nameField.hidden = false;
    // The code is known good now; its hint makes room for the notice.
    codeHint.hidden = true;
    submit.textContent = t('workshop.join');
    // Focus the name without scrolling: on a phone the notice's first lines stay in view.
    nameInput.focus({ preventScroll: true });
  };

  const lookUp = async () => {
    const code = normaliseCode(codeInput.value);
    codeInput.value = code;
    if (!JOIN_CODE.test(code)) return showError(t('workshop.errorCode'), codeInput);
    showProgress(t('workshop.checking'));
    const result = await api.preview(code);
    if (normaliseCode(codeInput.value) !== code) return; // the code was changed meanwhile
    if (!result.ok) return showError(joinProblemText(result.problem, 'code'), result.problem === 'network' ? undefined : codeInput);
    error.textContent = '';
    showNotice(result.value);
  };

  const join = async (session: SessionPreview) => {
    const name = nameInput.value.trim();
    // Only spaces or invisible marks are no name at all (the server refuses them too).
    if (!isShowableName(name)) return showError(t('workshop.errorName'), nameInput);
    showProgress(t('workshop.joining'));
    const result = await api.join(session.code, name);
    if (!result.ok) {
      if (result.problem === 'unknown-code') reset();
      return showError(joinProblemText(result.problem, 'name'), result.problem === 'invalid' ? nameInput : undefined);
    }
    dialog.close();
    options.joined(result.value);
  };

  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (busy) return;
        busy = true;
        submit.disabled = true;
        void (preview ? join(preview) : lookUp()).finally(() => {
          busy = false;
          submit.disabled = false;
        });
      },
    },
    h('h2', { id: 'join-title' }, t('workshop.joinTitle')),
    h('div', { class: 'field' }, h('label', { for: 'join-code' }, t('workshop.codeLabel')), codeInput, codeHint),
    notice,
    nameField,
    error,
    h('div', { class: 'actions' }, submit, cancel),
  );
  codeInput.addEventListener('input', () => {
    if (preview && normaliseCode(codeInput.value) !== preview.code) reset();
  });

  const dialog: HTMLDialogElement = h('dialog', { class: 'join-dialog', 'aria-labelledby': 'join-title' }, form);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  if (options.code) {
    // Opened from a join link: look the code up at once, so the notice is the first thing read.
    busy = true;
    void lookUp().finally(() => (busy = false));
  } else {
    codeInput.focus();
  }
  return dialog;
}
