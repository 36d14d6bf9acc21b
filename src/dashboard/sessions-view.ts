/**
 * The trainer's sessions: a form to create one (a title, scenarios from the library grouped by the
 * seed's mechanisms in a workshop's order, a retention period), and the list with each session's
 * code, trainees and dates, its retention to change and a delete that asks first.
 */
import { formatDate } from '../web/dates';
import { h } from '../web/dom';
import type { LibraryEntry } from '../library/entry';
import { groupOf, workshopPlan, type GroupCode } from '../library/mechanisms';
import { DEFAULT_RETENTION_DAYS } from '../workshop/limits';
import type { SessionSummary } from '../workshop/protocol';
import type { LibraryItem, TrainerApi } from './api';
import { language, t } from './i18n';
import { joiningOpen } from './joining';
import { confirmDialog, describeError, message } from './widgets';

export interface SessionsActions {
  open(code: string): void;
}

function titleOf(item: Pick<LibraryItem, 'id' | 'menuStrings'>): string {
  const strings = item.menuStrings;
  return strings?.[language()]?.['title'] || strings?.th?.['title'] || strings?.en?.['title'] || item.id;
}

/** The library in a one-day workshop's order, under the mechanism each scenario trains. */
function groupedLibrary(library: readonly LibraryItem[]): { code: GroupCode; items: LibraryItem[] }[] {
  const entries: (LibraryEntry & LibraryItem)[] = library.map((item) => ({ ...item, file: `${item.id}.yaml`, diagnostics: [] }));
  const ordered = workshopPlan(entries).slots.map((slot) => slot.entry as LibraryEntry & LibraryItem);
  const groups: { code: GroupCode; items: LibraryItem[] }[] = [];
  for (const entry of ordered) {
    const code = groupOf(entry);
    const group = groups.find((g) => g.code === code) ?? groups[groups.push({ code, items: [] }) - 1]!;
    group.items.push(entry);
  }
  return groups;
}

export class SessionsView {
  readonly element = h('section', { class: 'sessions-screen' });
  private library: LibraryItem[] = [];
  private sessions: SessionSummary[] = [];
  private status: HTMLElement | null = null;
  private loaded = false;

  constructor(
    private readonly api: TrainerApi,
    private readonly actions: SessionsActions,
  ) {}

  async load(): Promise<void> {
    this.element.replaceChildren(message(t('app.loading')));
    try {
      [this.library, this.sessions] = await Promise.all([this.api.library(), this.api.sessions()]);
      this.loaded = true;
      this.render();
    } catch (error) {
      this.element.replaceChildren(message(describeError(error), 'error'));
    }
  }

  render(): void {
    if (!this.loaded) return;
    // The sessions first (opening a room is what a trainer does most), then a new one.
    this.element.replaceChildren(this.list(), this.createForm());
  }

  private async refresh(status?: HTMLElement): Promise<void> {
    this.sessions = await this.api.sessions();
    this.status = status ?? null;
    this.render();
  }

  private createForm(): HTMLElement {
    const title = h('input', {
      id: 'session-title',
      name: 'title',
      type: 'text',
      maxlength: 120,
      placeholder: t('create.titlePlaceholder'),
    });
    const retention = h('input', {
      id: 'session-retention',
      name: 'retention',
      type: 'number',
      min: 1,
      max: 3650,
      value: DEFAULT_RETENTION_DAYS,
      required: true,
    });
    const status = h('div', { class: 'status-line' });
    const submit = h('button', { type: 'submit', class: 'primary' }, t('create.submit'));
    const groups = groupedLibrary(this.library).map((group) =>
      h(
        'fieldset',
        { class: 'scenario-group' },
        h('legend', {}, t(`game:mechanism.${group.code}`)),
        ...group.items.map((item) => {
          const meta = [
            item.info.difficulty ? t(`game:menu.difficulty.${item.info.difficulty}`) : '',
            item.info.minutes ? t('game:menu.minutes', { count: item.info.minutes }) : '',
          ].filter(Boolean);
          return h(
            'label',
            { class: 'scenario-pick' },
            h('input', { type: 'checkbox', name: 'scenario', value: item.id }),
            h(
              'span',
              { class: 'pick-text' },
              h('span', { class: 'pick-title' }, titleOf(item)),
              meta.length > 0 ? h('span', { class: 'pick-meta' }, meta.join(' · ')) : null,
            ),
          );
        }),
      ),
    );
    const form = h(
      'form',
      {
        class: 'card create-session',
        'aria-labelledby': 'create-heading',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const scenarios = [...form.querySelectorAll<HTMLInputElement>('input[name="scenario"]:checked')].map((box) => box.value);
          if (scenarios.length === 0) {
            status.replaceChildren(message(t('create.pickOne'), 'error'));
            return;
          }
          submit.disabled = true;
          try {
            const session = await this.api.createSession({ title: title.value.trim(), scenarios, retentionDays: Number(retention.value) });
            await this.refresh(
              message(t('create.created', { title: session.title || t('sessions.untitled'), code: session.code }), 'success'),
            );
          } catch (error) {
            status.replaceChildren(message(describeError(error), 'error'));
            submit.disabled = false;
          }
        },
      },
      h('h2', { id: 'create-heading' }, t('create.heading')),
      h('label', { for: 'session-title', class: 'field-label' }, t('create.title')),
      title,
      h('p', { class: 'field-label' }, t('create.scenarios')),
      h('div', { class: 'scenario-groups' }, ...groups),
      h('label', { for: 'session-retention', class: 'field-label' }, t('create.retention')),
      retention,
      h('p', { class: 'muted help', id: 'retention-help' }, t('create.retentionHelp')),
      submit,
      status,
    );
    retention.setAttribute('aria-describedby', 'retention-help');
    return form;
  }

  private list(): HTMLElement {
    const rows = this.sessions.map((session) => this.row(session));
    return h(
      'section',
      { class: 'card session-list', 'aria-labelledby': 'sessions-heading' },
      h('h2', { id: 'sessions-heading' }, t('sessions.heading')),
      h('div', { class: 'status-line' }, this.status),
      rows.length === 0
        ? h('p', { class: 'muted' }, t('sessions.empty'))
        : h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { class: 'sessions' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...(['title', 'code', 'trainees', 'created', 'expires', 'actions'] as const).map((key) =>
                    h('th', { scope: 'col', class: `col-${key}` }, t(`sessions.${key}`)),
                  ),
                ),
              ),
              h('tbody', {}, ...rows),
            ),
          ),
    );
  }

  private row(session: SessionSummary): HTMLElement {
    const title = session.title || t('sessions.untitled');
    const days = h('input', {
      type: 'number',
      min: 1,
      max: 3650,
      value: session.retentionDays,
      class: 'retention-input',
      'aria-label': `${t('sessions.retention')} — ${title}`,
    });
    const status = h('div', { class: 'status-line' });
    const saveRetention = async (event: Event) => {
      event.preventDefault();
      try {
        const updated = await this.api.setRetention(session.code, Number(days.value));
        Object.assign(session, updated);
        expires.textContent = formatDate(updated.expiresAt, language(), false);
        status.replaceChildren(
          message(t('sessions.retentionSaved', { date: formatDate(updated.expiresAt, language(), false) }), 'success'),
        );
      } catch (error) {
        status.replaceChildren(message(describeError(error), 'error'));
      }
    };
    const remove = async () => {
      const confirmed = await confirmDialog(
        t('sessions.deleteTitle', { title, code: session.code }),
        t('sessions.deleteBody', { count: session.trainees }),
        t('sessions.deleteConfirm'),
      );
      if (!confirmed) return;
      try {
        await this.api.deleteSession(session.code);
        await this.refresh(message(t('sessions.deleted', { title }), 'success'));
      } catch (error) {
        status.replaceChildren(message(describeError(error), 'error'));
      }
    };
    const expires = h('span', { class: 'expires-date' }, formatDate(session.expiresAt, language(), false));
    return h(
      'tr',
      { 'data-code': session.code },
      h('td', { class: 'session-title' }, title),
      h(
        'td',
        {},
        h('span', { class: 'code-small' }, session.code),
        h('br'),
        h('span', { class: 'muted' }, joiningOpen(session) ? t('joining.summaryOpen') : t('joining.summaryClosed')),
      ),
      h('td', { class: 'number' }, String(session.trainees)),
      h('td', {}, formatDate(session.createdAt, language())),
      h(
        'td',
        { class: 'expires' },
        expires,
        h(
          'form',
          { class: 'retention-form', onsubmit: saveRetention },
          h('label', {}, h('span', {}, t('sessions.retention')), days),
          h('button', { type: 'submit' }, t('sessions.saveRetention')),
        ),
        status,
      ),
      h(
        'td',
        { class: 'row-actions' },
        h('button', { type: 'button', class: 'primary', onclick: () => this.actions.open(session.code) }, t('sessions.open')),
        h('button', { type: 'button', class: 'danger', onclick: remove }, t('sessions.delete')),
      ),
    );
  }
}
