/**
 * One session's room, for the trainer's laptop and the projector: the join code and QR, then the
 * room live in tabs (each can fill the screen): trainees, how the room chose, the class's skills,
 * the paths on the map, the endings; the session's scenarios with "add your own file"; exports.
 */
import { type Diagnostic, formatHint, formatMessage, sortDiagnostics } from '../engine';
import { h } from '../web/dom';
import { SCENARIO_UPLOAD_LIMIT_BYTES } from '../workshop/limits';
import type { SessionSummary } from '../workshop/protocol';
import type { RoomState } from './aggregate';
import { ApiError, type SessionScenario, type TrainerApi } from './api';
import { language, scenarioString, t } from './i18n';
import { LiveRoom, type LinkStatus } from './live';
import {
  choicesPanel,
  endingsPanel,
  joinPanel,
  mapPanel,
  scenarioTitle,
  skillsPanel,
  traineeDebrief,
  traineesPanel,
  who,
  type PanelContext,
} from './panels';
import { joiningHelp, joiningOpen } from './joining';
import { choiceDialog, confirmDialog, describeError, message } from './widgets';

const TABS = ['join', 'trainees', 'choices', 'skills', 'map', 'endings', 'scenarios'] as const;
type Tab = (typeof TABS)[number];
/** The tabs that show one scenario at a time. */
const PER_SCENARIO: readonly Tab[] = ['choices', 'skills', 'map', 'endings'];

type UploadState =
  | { kind: 'checking'; file: string }
  | { kind: 'added'; id: string; warnings: Diagnostic[] }
  | { kind: 'errors'; file: string; diagnostics: Diagnostic[] }
  | { kind: 'failed'; message: string };

/** Live updates come in bursts (a class answering at once): redraw at most this often. */
const REDRAW_MS = 200;

export interface RoomActions {
  back: () => void;
}

export class RoomView {
  readonly element = h('section', { class: 'room-screen' });
  private readonly live: LiveRoom;
  private readonly scenarios = new Map<string, SessionScenario>();
  private readonly loading = new Set<string>();
  private tab: Tab = 'join';
  private selected: string | undefined;
  private names = false;
  private status: LinkStatus = 'connecting';
  private gone = false;
  private upload: UploadState | undefined;
  private address = `${location.origin}/`;
  private openTrainee: string | undefined;
  private mapCentredFor: string | undefined;
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;
  private lastDraw = 0;
  // Kept across redraws so what the trainer scrolled to stays put while figures change.
  private readonly panel = h('div', { class: 'panel', role: 'tabpanel', id: 'room-panel' });
  // A scrolling region is a tab stop, so the map can be scrolled from the keyboard too.
  private readonly mapScroll = h('div', { class: 'map-scroll', tabindex: '0', role: 'region' });
  private readonly dialog = h('dialog', { class: 'trainee-dialog', 'aria-labelledby': 'trainee-heading' });
  private readonly statusBadge = h('span', { class: 'link-status', role: 'status' });
  // Joining: the menu's parts, redrawn only when what they show changes (a redraw mid-click would lose the click).
  private readonly joiningSummary = h('summary', { 'data-testid': 'joining-menu' });
  private readonly joiningBody = h('div', { class: 'export-panel joining-panel', role: 'group' });
  private joiningDrawn = '';
  private joiningNotice: HTMLElement | undefined;
  private traineeNotice: HTMLElement | undefined;
  /** Redraws when joining ends by itself (midnight). */
  private joiningTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: TrainerApi,
    code: string,
    private readonly actions: RoomActions,
  ) {
    this.live = new LiveRoom(api, code, {
      room: (_room, message) => {
        // The session has a new join code (given here or on another dashboard): the address follows it.
        if (message?.type === 'session' && location.hash !== `#room=${this.code}`) history.replaceState(null, '', `#room=${this.code}`);
        // A trainee whose data was deleted has no debrief left to show.
        if (message?.type === 'trainee-removed' && message.dataDeleted && this.openTrainee === message.trainee) this.dialog.close();
        // A trainer's file may replace a scenario without changing its version: fetch it again.
        if (message?.type === 'scenario-added') this.scenarios.delete(message.scenario.id);
        this.loadScenarios();
        this.scheduleRedraw();
      },
      status: (status) => {
        this.status = status;
        this.drawStatus();
      },
      gone: () => {
        this.gone = true;
        this.render();
      },
    });
    this.dialog.addEventListener('close', () => {
      this.openTrainee = undefined;
    });
    document.addEventListener('click', this.closeMenus);
  }

  /** The session's join code now (the trainer may give it a new one). */
  get code(): string {
    return this.live.code;
  }

  /** The header's menus fold away again when the trainer clicks elsewhere. */
  private readonly closeMenus = (event: MouseEvent) => {
    // A confirmation asked from a menu leaves it open, to show what came of it.
    if (event.target instanceof Element && event.target.closest('dialog')) return;
    for (const menu of this.element.querySelectorAll('details.export-menu, details.joining-menu')) {
      if (menu instanceof HTMLDetailsElement && menu.open && !menu.contains(event.target as Node)) menu.open = false;
    }
  };

  /** Starts the live link; the screen itself is drawn by `render`, which the page calls. */
  start(): void {
    this.live.start();
    // The address trainees use, when the server says it (it knows its network address; this page
    // may have been opened as localhost).
    this.api.hello().then(
      (hello) => {
        if (hello.publicUrl) {
          this.address = `${hello.publicUrl.replace(/\/$/, '')}/`;
          this.redraw();
        }
      },
      () => undefined,
    );
  }

  stop(): void {
    this.live.stop();
    clearTimeout(this.redrawTimer);
    clearTimeout(this.joiningTimer);
    document.removeEventListener('click', this.closeMenus);
    this.dialog.remove();
  }

  private get room(): RoomState | undefined {
    return this.live.current();
  }

  /** Fetches the content of every scenario the session has (again when one is replaced by a new version). */
  private loadScenarios(): void {
    for (const { id, version } of this.room?.session.scenarios ?? []) {
      const known = this.scenarios.get(id);
      if ((known && known.info.version === version) || this.loading.has(id)) continue;
      this.loading.add(id);
      this.api.scenario(this.code, id).then(
        (scenario) => {
          this.loading.delete(id);
          this.scenarios.set(id, scenario);
          this.scheduleRedraw();
        },
        () => this.loading.delete(id),
      );
    }
  }

  private context(room: RoomState): PanelContext {
    return {
      room,
      scenarios: this.scenarios,
      names: this.names,
      openTrainee: (id) => this.showTrainee(id),
      removeTrainee: (id) => void this.removeTrainee(id),
    };
  }

  /** The whole screen (first time, and when the language changes). */
  render(): void {
    if (this.gone) {
      this.element.replaceChildren(
        h(
          'div',
          { class: 'card' },
          message(t('room.gone'), 'error'),
          h('button', { type: 'button', onclick: this.actions.back }, t('room.back')),
        ),
      );
      return;
    }
    const namesToggle = h('input', { type: 'checkbox', id: 'show-names', checked: this.names });
    namesToggle.addEventListener('change', () => {
      this.names = namesToggle.checked;
      this.redraw();
    });
    const exportStatus = h('div', { class: 'status-line' });
    const exportButton = (label: string, path: () => string, name: string) =>
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            exportStatus.replaceChildren();
            try {
              await this.api.download(path(), name);
              this.element.querySelector('details.export-menu')?.removeAttribute('open');
            } catch (error) {
              exportStatus.replaceChildren(message(t('export.failed', { message: describeError(error) }), 'error'));
            }
          },
        },
        label,
      );
    const names = () => (this.names ? '?names=1' : '');
    this.panel.replaceChildren();
    this.joiningDrawn = '';
    // Read at each click: the session may have a new code since the header was drawn.
    const base = () => `api/trainer/sessions/${this.code}`;
    this.element.replaceChildren(
      h(
        'header',
        { class: 'room-header' },
        h('button', { type: 'button', class: 'back', onclick: this.actions.back }, t('room.back')),
        h(
          'h1',
          { class: 'room-title' },
          h('span', { class: 'session-title' }),
          ' ',
          h('span', { class: 'code-small', lang: 'en' }, this.code),
        ),
        this.statusBadge,
        h('label', { class: 'toggle', title: t('room.namesHelp') }, namesToggle, h('span', {}, t('room.names'))),
        h('details', { class: 'joining-menu' }, this.joiningSummary, this.joiningBody),
        // Folded away: the room on the projector needn't see the trainer's file buttons.
        h(
          'details',
          { class: 'export-menu' },
          h('summary', {}, t('export.heading')),
          h(
            'div',
            { class: 'export-panel', role: 'group', 'aria-label': t('export.heading') },
            h(
              'div',
              { class: 'exports' },
              exportButton(t('export.csv'), () => `${base()}/export.csv${names()}`, `prasan-${this.code}.csv`),
              exportButton(t('export.json'), () => `${base()}/export.json${names()}`, `prasan-${this.code}.json`),
              exportButton(t('export.xapi'), () => `${base()}/xapi.json`, `prasan-${this.code}-xapi.json`),
            ),
            h('p', { class: 'muted export-note' }, t('export.note')),
            exportStatus,
          ),
        ),
      ),
      h('nav', { class: 'tabs', role: 'tablist', 'aria-label': t('app.subtitle') }),
      h('div', { class: 'scenario-picker' }),
      this.panel,
    );
    if (!this.dialog.isConnected) document.body.append(this.dialog);
    this.drawStatus();
    this.redraw();
  }

  private drawStatus(): void {
    this.statusBadge.className = `link-status ${this.status}`;
    this.statusBadge.textContent = t(`room.status.${this.status}`);
  }

  private scheduleRedraw(): void {
    if (this.redrawTimer !== undefined) return;
    const wait = Math.max(0, this.lastDraw + REDRAW_MS - Date.now());
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      this.redraw();
    }, wait);
  }

  /** The parts that change with the room: title, tabs, the current panel, an open debrief. */
  private redraw(): void {
    this.lastDraw = Date.now();
    const room = this.room;
    const title = this.element.querySelector('.session-title');
    if (title && room) title.textContent = room.session.title || t('sessions.untitled');
    const code = this.element.querySelector('.room-title .code-small');
    if (code) code.textContent = this.code;
    this.drawJoining(room?.session);
    this.drawTabs(room);
    this.drawPicker(room);
    if (!room) {
      this.panel.replaceChildren(message(t('app.loading')));
      return;
    }
    const context = this.context(room);
    const scenario = this.selected ?? '';
    switch (this.tab) {
      case 'join':
        this.panel.replaceChildren(joinPanel(context, this.address));
        break;
      case 'trainees':
        this.panel.replaceChildren(...(this.traineeNotice ? [this.traineeNotice] : []), traineesPanel(context));
        break;
      case 'choices':
        this.panel.replaceChildren(choicesPanel(context, scenario));
        break;
      case 'skills':
        this.panel.replaceChildren(skillsPanel(context, scenario));
        break;
      case 'map':
        this.mapScroll.setAttribute('aria-label', t('map.label'));
        this.mapScroll.replaceChildren(mapPanel(context, scenario));
        if (this.mapScroll.parentElement !== this.panel)
          this.panel.replaceChildren(h('p', { class: 'muted' }, t('map.help')), this.mapScroll);
        this.centreMap(scenario);
        break;
      case 'endings':
        this.panel.replaceChildren(endingsPanel(context, scenario));
        break;
      case 'scenarios':
        this.panel.replaceChildren(this.scenariosPanel(room));
        break;
    }
    if (this.openTrainee) this.drawTrainee(room, this.openTrainee);
  }

  /**
   * The engine lays a map out centred on its widest row, so a tall, narrow story can start far to the
   * right: scroll the start into view once per scenario (then leave the trainer's scrolling alone).
   */
  private centreMap(scenario: string): void {
    const start = this.scenarios.get(scenario)?.playable.model.start;
    const node = start ? this.mapScroll.querySelector(`[data-node="${CSS.escape(start)}"]`) : null;
    if (!node || this.mapCentredFor === scenario) return;
    this.mapCentredFor = scenario;
    const box = node.getBoundingClientRect();
    const view = this.mapScroll.getBoundingClientRect();
    this.mapScroll.scrollLeft += box.left + box.width / 2 - (view.left + view.width / 2);
    this.mapScroll.scrollTop = 0;
  }

  private drawTabs(room: RoomState | undefined): void {
    const nav = this.element.querySelector('.tabs');
    if (!nav) return;
    nav.replaceChildren(
      ...TABS.map((tab) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            'data-tab': tab,
            'aria-selected': tab === this.tab ? 'true' : 'false',
            'aria-controls': 'room-panel',
            onclick: () => {
              this.tab = tab;
              this.mapCentredFor = undefined;
              this.redraw();
            },
          },
          t(`room.tabs.${tab}`, { count: room?.trainees.filter((trainee) => !trainee.removedAt).length ?? 0 }),
        ),
      ),
    );
  }

  private drawPicker(room: RoomState | undefined): void {
    const picker = this.element.querySelector('.scenario-picker');
    if (!picker) return;
    const ids = room?.session.scenarios.map((s) => s.id) ?? [];
    if (!this.selected || !ids.includes(this.selected)) this.selected = ids[0];
    if (!PER_SCENARIO.includes(this.tab) || ids.length === 0) {
      picker.replaceChildren();
      return;
    }
    const select = h(
      'select',
      { id: 'scenario-select', name: 'scenario' },
      ...ids.map((id) => h('option', { value: id, selected: id === this.selected }, scenarioTitle({ scenarios: this.scenarios }, id))),
    );
    select.addEventListener('change', () => {
      this.selected = select.value;
      this.redraw();
    });
    picker.replaceChildren(h('label', { for: 'scenario-select' }, t('room.scenario')), select);
  }

  // ---- joining: open or closed, a new code -------------------------------------------------------------

  private drawJoining(session: SessionSummary | undefined): void {
    const open = session ? joiningOpen(session) : true;
    const drawn = session ? `${language()}|${session.code}|${session.joinUntil}|${open}|${this.joiningNotice?.textContent ?? ''}` : '';
    if (drawn === this.joiningDrawn) return;
    this.joiningDrawn = drawn;
    this.joiningSummary.textContent = open ? t('joining.summaryOpen') : t('joining.summaryClosed');
    this.joiningSummary.dataset['state'] = open ? 'open' : 'closed';
    this.joiningBody.setAttribute('aria-label', this.joiningSummary.textContent);
    if (!session) {
      this.joiningBody.replaceChildren();
      return;
    }
    this.joiningBody.replaceChildren(
      h('p', {}, joiningHelp(session)),
      h(
        'div',
        { class: 'exports' },
        h(
          'button',
          { type: 'button', ...(open ? {} : { class: 'primary' }), onclick: () => void this.setJoining(!open) },
          open ? t('joining.close') : t('joining.open'),
        ),
        h('button', { type: 'button', onclick: () => void this.newCode() }, t('joining.newCode')),
      ),
      ...(this.joiningNotice ? [this.joiningNotice] : []),
    );
    // Joining ends by itself at midnight: the menu and the join panel say so then.
    clearTimeout(this.joiningTimer);
    const wait = Date.parse(session.joinUntil) - Date.now();
    if (open && wait < 2 ** 31 - 1) this.joiningTimer = setTimeout(() => this.redraw(), wait + 1000);
  }

  private async setJoining(open: boolean): Promise<void> {
    try {
      this.live.applyLocal({ type: 'session', session: await this.api.setJoining(this.code, open) });
      this.joiningNotice = undefined;
    } catch (error) {
      this.joiningNotice = message(describeError(error), 'error');
    }
    this.redraw();
  }

  private async newCode(): Promise<void> {
    const old = this.code;
    if (
      !(await confirmDialog(t('joining.newCodeTitle', { code: old }), t('joining.newCodeBody', { code: old }), t('joining.newCodeConfirm')))
    )
      return;
    try {
      const session = await this.api.newCode(old);
      this.live.applyLocal({ type: 'session', session });
      this.joiningNotice = message(t('joining.newCodeDone', { code: session.code }), 'success');
    } catch (error) {
      this.joiningNotice = message(describeError(error), 'error');
    }
    this.redraw();
  }

  // ---- one trainee ---------------------------------------------------------------------------------

  private async removeTrainee(id: string): Promise<void> {
    const trainee = this.room?.trainees.find((tr) => tr.id === id);
    if (!trainee) return;
    const name = who(trainee, this.names);
    const choice = await choiceDialog(t('trainees.removeTitle', { who: name }), t('trainees.removeBody'), [
      { value: 'keep', label: t('trainees.removeKeep') },
      { value: 'delete', label: t('trainees.removeDelete'), danger: true },
    ]);
    if (choice !== 'keep' && choice !== 'delete') return;
    try {
      await this.api.removeTrainee(this.code, id, choice);
      this.live.applyLocal({ type: 'trainee-removed', trainee: id, at: new Date().toISOString(), dataDeleted: choice === 'delete' });
      this.traineeNotice = message(t(choice === 'keep' ? 'trainees.removedDone' : 'trainees.deletedDone', { who: name }), 'success');
    } catch (error) {
      this.traineeNotice = message(describeError(error), 'error');
    }
    this.redraw();
  }

  private showTrainee(id: string): void {
    const room = this.room;
    if (!room) return;
    this.openTrainee = id;
    this.drawTrainee(room, id);
    if (!this.dialog.open) this.dialog.showModal();
  }

  private drawTrainee(room: RoomState, id: string): void {
    const trainee = room.trainees.find((tr) => tr.id === id);
    const scroll = this.dialog.scrollTop;
    this.dialog.replaceChildren(
      h(
        'header',
        {},
        h('h2', { id: 'trainee-heading' }, t('debrief.heading', { who: who(trainee, this.names) })),
        h('button', { type: 'button', class: 'close', onclick: () => this.dialog.close() }, t('app.close')),
      ),
      ...traineeDebrief(this.context(room), id),
    );
    this.dialog.scrollTop = scroll;
  }

  // ---- the session's scenarios and the trainer's own files ----------------------------------------

  private scenariosPanel(room: RoomState): HTMLElement {
    const input = h('input', { type: 'file', id: 'scenario-file', accept: '.yaml,.yml,text/yaml', class: 'visually-hidden' });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file) void this.sendFile(file);
    });
    return h(
      'div',
      { class: 'scenarios-panel' },
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('scenarios.heading')),
        h(
          'ul',
          { class: 'session-scenarios' },
          ...room.session.scenarios.map((s) =>
            h(
              'li',
              { 'data-scenario': s.id },
              h('span', { class: 'pick-title' }, scenarioTitle({ scenarios: this.scenarios }, s.id)),
              ' ',
              h('span', { class: 'muted', lang: 'en' }, `${s.id} · ${t('scenarios.version', { version: s.version })}`),
              s.uploaded ? h('span', { class: 'badge' }, t('scenarios.uploaded')) : null,
            ),
          ),
        ),
      ),
      h(
        'section',
        { class: 'card upload' },
        h('h2', {}, t('scenarios.addHeading')),
        h('p', { class: 'muted' }, t('scenarios.addHelp')),
        input,
        h('label', { for: 'scenario-file', class: 'button primary' }, t('scenarios.choose')),
        h('div', { class: 'upload-result', 'aria-live': 'polite' }, ...this.uploadResult()),
      ),
    );
  }

  private async sendFile(file: File): Promise<void> {
    if (file.size > SCENARIO_UPLOAD_LIMIT_BYTES) {
      this.upload = {
        kind: 'failed',
        message: t('scenarios.tooBig', { file: file.name, limit: Math.round(SCENARIO_UPLOAD_LIMIT_BYTES / 1024) }),
      };
      this.redraw();
      return;
    }
    this.upload = { kind: 'checking', file: file.name };
    this.redraw();
    try {
      const reply = await this.api.upload(this.code, file.name, await file.text());
      const warnings = (reply.diagnostics as Diagnostic[]).filter((d) => d.severity === 'warning');
      this.upload = { kind: 'added', id: reply.scenario.id, warnings };
    } catch (error) {
      const diagnostics =
        error instanceof ApiError && error.status === 422 ? (error.reply?.diagnostics as Diagnostic[] | undefined) : undefined;
      this.upload = diagnostics ? { kind: 'errors', file: file.name, diagnostics } : { kind: 'failed', message: describeError(error) };
    }
    this.redraw();
  }

  private uploadResult(): HTMLElement[] {
    const upload = this.upload;
    if (!upload) return [];
    switch (upload.kind) {
      case 'checking':
        return [message(t('scenarios.checking', { file: upload.file }))];
      case 'failed':
        return [message(upload.message, 'error')];
      case 'added': {
        const title = scenarioString(this.scenarios.get(upload.id)?.menuStrings, 'title') || upload.id;
        return [
          message(t('scenarios.added', { title }), 'success'),
          ...(upload.warnings.length > 0 ? [h('h3', {}, t('scenarios.warnings')), diagnosticList(upload.warnings)] : []),
        ];
      }
      case 'errors': {
        // What stops the file first; warnings after, as in the game's own list.
        const errors = upload.diagnostics.filter((d) => d.severity === 'error');
        const warnings = upload.diagnostics.filter((d) => d.severity !== 'error');
        return [
          message(t('scenarios.errors', { file: upload.file, count: errors.length || upload.diagnostics.length }), 'error'),
          diagnosticList(errors),
          ...(warnings.length > 0 ? [h('h3', {}, t('scenarios.warnings')), diagnosticList(warnings)] : []),
        ];
      }
    }
  }
}

/** Each problem with its place in the file, its message and a hint, in the dashboard's language. */
function diagnosticList(diagnostics: Diagnostic[]): HTMLElement {
  const lang = language();
  return h(
    'ol',
    { class: 'diagnostics' },
    ...sortDiagnostics([...diagnostics]).map((d) =>
      h(
        'li',
        { class: `diagnostic ${d.severity}`, 'data-line': d.line, 'data-code': d.code },
        h('span', { class: 'where', lang: 'en' }, `${d.file}:${d.line}:${d.column}`),
        ' ',
        h(
          'span',
          { class: 'severity' },
          `${t(`scenarios.severity.${d.severity}`)} · ${t('scenarios.position', { line: d.line, column: d.column })}`,
        ),
        h('span', { class: 'diagnostic-message' }, `${formatMessage(d, lang)} [${d.code}]`),
        h('span', { class: 'hint' }, formatHint(d, lang)),
      ),
    ),
  );
}
