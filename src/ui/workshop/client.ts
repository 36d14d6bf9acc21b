/**
 * The game's workshop mode, trainee side. Without a workshop server (npm start, a static host) it
 * changes nothing and makes the game wait for nothing. With one, the menu offers to join; once joined,
 * the session's scenarios come first, and every run of them reports its start, each decision and its
 * result through the outbox, with a status line the trainee can read.
 */
import { registerScenarioStrings, t } from '../../i18n';
import type { JoinReply, TraineeSessionView, WorkshopEvent } from '../../workshop/protocol';
import type { LibraryEntry } from '../../library/entry';
import type { SavedGame } from '../save';
import type { PlaySession } from '../session';
import { WorkshopApi } from './api';
import { forgetIdentity, IDENTITY_KEY, markFinished, readIdentity, refreshed, writeIdentity, type WorkshopIdentity } from './identity';
import { openJoinDialog } from './join-dialog';
import { Outbox, OUTBOX_KEY, REJECTED_KEY, type OutboxStatus } from './outbox';
import type { FetchLike, KeyValueStorage } from './ports';
import { finishes, reportedRun, startEvents, stepEvents, type EventClock, type ReportedRun } from './reporting';
import { runDeliveryText, statusText, statusTone } from './status-text';
import { uuidV4 } from './uuid';
import { h } from '../../web/dom';

export interface WorkshopHost {
  /** What the menu shows has changed (joined, left, the server answered, scenarios arrived). */
  changed(): void;
  flash(message: string): void;
  /** The game's own library (bundled scenarios and files opened from disk). */
  library(): readonly LibraryEntry[];
  /** The menu is on screen (where a scenario the trainer just added should appear). */
  showingMenu(): boolean;
}

const TAB_KEY = 'prasan.tab';
/** While the menu is up, the session is asked now and then for scenarios the trainer has added. */
const MENU_REFRESH_MS = 30_000;
const SENDING_SHOWN_AFTER_MS = 1000;

const clock: EventClock = { id: () => uuidV4(), at: () => new Date().toISOString() };

/** This tab's id, kept across reloads of the tab so a reload isn't held up by its own sending lease. */
function tabId(): string {
  try {
    const known = sessionStorage.getItem(TAB_KEY);
    if (known) return known;
    const made = uuidV4();
    sessionStorage.setItem(TAB_KEY, made);
    return made;
  } catch {
    return uuidV4();
  }
}

/** localStorage, or an in-memory stand-in where storage is blocked (the outbox then lives as long as the page). */
function browserStorage(): KeyValueStorage {
  try {
    localStorage.getItem(IDENTITY_KEY);
    return localStorage;
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v), removeItem: (k) => void memory.delete(k) };
  }
}

export class WorkshopClient {
  readonly outbox: Outbox;
  private readonly api: WorkshopApi;
  private readonly storage: KeyValueStorage;
  private identityValue: WorkshopIdentity | undefined;
  /** A workshop server answered at this address. */
  private serverHere = false;
  /** Trainers' own scenarios of the session, fetched from the server. */
  private readonly uploaded = new Map<string, LibraryEntry>();
  private readonly fetching = new Map<string, Promise<boolean>>();
  private readonly statusLine: HTMLElement;
  private delivery: { element: HTMLElement; run: string } | undefined;
  /** The key last checked with the server after it refused events sent with it. */
  private checkedKey: string | undefined;
  private sendingShown: number | undefined;

  constructor(
    private readonly host: WorkshopHost,
    fetchImpl: FetchLike = (url, init) => fetch(url, init),
  ) {
    this.storage = browserStorage();
    this.api = new WorkshopApi(fetchImpl);
    this.outbox = new Outbox({ storage: this.storage, fetch: fetchImpl, tab: tabId(), isOnline: () => navigator.onLine !== false });
    this.identityValue = readIdentity(this.storage);
    this.statusLine = h('p', { class: 'workshop-status', role: 'status' });
    this.outbox.subscribe((status) => this.showStatus(status));
    this.showStatus(this.outbox.status());
    this.listen();
  }

  get identity(): WorkshopIdentity | undefined {
    return this.identityValue;
  }

  /** A workshop server answered here (the join entry is offered). */
  get available(): boolean {
    return this.serverHere;
  }

  /**
   * Starts the background work of a page load: is a workshop server here, who am I now, the
   * session's own scenarios, and whatever the outbox still holds. Nothing here is awaited.
   */
  start(): void {
    void this.api.hello().then((here) => {
      if (here === this.serverHere) return;
      this.serverHere = here;
      this.host.changed();
    });
    if (this.identityValue) void this.refresh();
    if (this.outbox.entries().length > 0) void this.outbox.flush();
    window.setInterval(() => this.menuShown(), MENU_REFRESH_MS);
  }

  /** The menu came up: if the session wasn't asked lately, ask it (a trainer may have added a scenario). */
  menuShown(): void {
    if (!this.identityValue || !this.host.showingMenu() || document.visibilityState === 'hidden') return;
    if (Date.now() - this.refreshedAt >= MENU_REFRESH_MS) void this.refresh();
  }

  /** Opens the join form (with a code from a join link, if any). */
  openJoin(code?: string): void {
    openJoinDialog(this.api, { code, joined: (reply) => this.joined(reply) });
  }

  /** A join link (`?join=CODE`): the form, unless this browser is in that session already. */
  followJoinLink(code: string): void {
    if (this.identityValue?.code === code.toUpperCase()) return;
    this.openJoin(code);
  }

  leave(): void {
    if (!window.confirm(t('workshop.leaveConfirm'))) return;
    this.forget();
    this.host.flash(t('workshop.left'));
  }

  // ---- the session's scenarios ------------------------------------------------------------------

  /** The session's scenarios, in the session's order; undefined entries can't be loaded yet. */
  sessionScenarios(library: readonly LibraryEntry[]): { id: string; entry: LibraryEntry | undefined; finished: boolean }[] {
    const identity = this.identityValue;
    if (!identity) return [];
    return identity.session.scenarios.map((s) => ({
      id: s.id,
      entry: library.find((e) => e.info?.id === s.id),
      finished: identity.finished.includes(s.id),
    }));
  }

  /** The game's library with the session's own scenarios in it (they replace a bundled one of the same id). */
  libraryWith(base: readonly LibraryEntry[]): LibraryEntry[] {
    if (this.uploaded.size === 0) return [...base];
    return [...this.uploaded.values(), ...base.filter((e) => !this.uploaded.has(e.id))];
  }

  /** Whether a scenario id is a trainer's own file in this session (it must come from the server). */
  isUploaded(id: string): boolean {
    return this.identityValue?.session.scenarios.some((s) => s.id === id && s.uploaded) === true;
  }

  /** Fetches one of the session's own scenarios if it isn't here yet; false when it can't be had now. */
  ensureScenario(id: string): Promise<boolean> {
    const identity = this.identityValue;
    const wanted = identity?.session.scenarios.find((s) => s.id === id && s.uploaded);
    if (!identity || !wanted) return Promise.resolve(false);
    if (this.uploaded.get(id)?.info?.version === wanted.version) return Promise.resolve(true);
    let pending = this.fetching.get(id);
    if (!pending) {
      pending = this.api.scenario(identity.key, id).then((result) => {
        this.fetching.delete(id);
        // Only if the trainee is still in the session that asked.
        if (!result.ok || this.identityValue?.key !== identity.key) return false;
        const entry = result.value;
        if (entry.playable) registerScenarioStrings(entry.id, entry.playable.strings);
        this.uploaded.set(id, entry);
        return true;
      });
      this.fetching.set(id, pending);
    }
    return pending;
  }

  // ---- reporting runs ---------------------------------------------------------------------------

  /**
   * The run id a new or resumed run reports under, or undefined when it isn't reported: outside a
   * workshop, a scenario not in the session, a preview (play from here, a file from disk), or a
   * saved run that began before joining.
   */
  runFor(entry: LibraryEntry, saved: SavedGame | undefined, preview: boolean): { id: string; by: string } | undefined {
    const identity = this.identityValue;
    const inSession = identity?.session.scenarios.some((s) => s.id === entry.info?.id) === true;
    return reportedRun(identity?.trainee.id, inSession, saved, preview, uuidV4);
  }

  /** A reported run has just begun. */
  started(session: PlaySession): void {
    const run = this.reported(session);
    if (run) this.send(run, startEvents(run, session.model, session.state, { language: session.language, timer: session.timer }, clock));
  }

  /** A reported run has just taken a step. */
  stepped(session: PlaySession): void {
    const run = this.reported(session);
    if (run) this.send(run, stepEvents(run, session.model, session.state, clock, session.review()?.steps.at(-1)?.position));
  }

  private reported(session: PlaySession): ReportedRun | undefined {
    if (!session.run || !this.identityValue) return undefined;
    return { run: session.run, scenario: session.model.id, version: session.model.version };
  }

  private send(run: ReportedRun, events: WorkshopEvent[]): void {
    const identity = this.identityValue!;
    for (const event of events) this.outbox.add(event, identity.key);
    if (finishes(events)) this.identityValue = markFinished(this.storage, run.scenario) ?? this.identityValue;
  }

  // ---- what the trainee sees ----------------------------------------------------------------------

  /** The status line, while in a workshop or while anything is still waiting to be sent. */
  status(): HTMLElement | null {
    const status = this.outbox.status();
    if (!this.identityValue && status.pending === 0) return null;
    // Written again for each screen: the language may have changed since.
    this.statusLine.textContent = '';
    this.showStatus(status);
    return this.statusLine;
  }

  /**
   * The debrief's line on whether this run's result has reached the trainer; for a run that wasn't
   * reported (a preview), the status line while in a workshop.
   */
  deliveryNote(session: PlaySession): HTMLElement | null {
    if (!session.run) return this.status();
    const element = h('p', { class: 'workshop-delivery', role: 'status' });
    this.delivery = { element, run: session.run };
    this.showStatus(this.outbox.status());
    return element;
  }

  /** Gives up the events the server refuses for a trainee it no longer knows, after asking. */
  discardRefused(): void {
    const keys = this.outbox.refused().filter((key) => key !== this.identityValue?.key);
    const count = this.outbox.entries().filter((e) => keys.includes(e.key)).length;
    if (count === 0 || !window.confirm(t('workshop.discardConfirm', { count }))) return;
    for (const key of keys) this.outbox.discard(key);
    this.host.changed();
  }

  /** How many waiting events belong to trainees the server no longer knows (other than the one signed in). */
  refusedElsewhere(): number {
    const keys = this.outbox.refused().filter((key) => key !== this.identityValue?.key);
    return this.outbox.entries().filter((e) => keys.includes(e.key)).length;
  }

  private showStatus(status: OutboxStatus): void {
    window.clearTimeout(this.sendingShown);
    const tone = statusTone(status);
    const show = () => {
      const text = statusText(status);
      if (this.statusLine.textContent !== text) this.statusLine.textContent = text;
      this.statusLine.dataset['tone'] = tone;
    };
    // An event usually goes within a moment: "sending" is shown (and read out) only if it lasts.
    if (tone === 'sending' && this.statusLine.textContent !== '') this.sendingShown = window.setTimeout(show, SENDING_SHOWN_AFTER_MS);
    else show();
    if (this.delivery) {
      const fate = this.outbox.runFate(this.delivery.run);
      const note = runDeliveryText(fate, status);
      if (this.delivery.element.textContent !== note) this.delivery.element.textContent = note;
      this.delivery.element.dataset['fate'] = fate;
    }
    // The server says it doesn't know the trainee signed in: check once, and offer to join again.
    const identity = this.identityValue;
    if (status.problem === 'unauthorized' && identity && identity.key !== this.checkedKey && this.outbox.refused().includes(identity.key)) {
      this.checkedKey = identity.key;
      void this.refresh();
    }
  }

  // ---- identity ---------------------------------------------------------------------------------

  private joined(reply: JoinReply): void {
    const previous = this.identityValue;
    const identity: WorkshopIdentity = {
      code: reply.session.code,
      key: reply.key,
      trainee: reply.trainee,
      session: reply.session,
      finished: [],
    };
    writeIdentity(this.storage, identity);
    if (previous) this.dropUploaded();
    this.identityValue = identity;
    this.serverHere = true;
    this.host.flash(t('workshop.joined', { title: reply.session.title || reply.session.code, name: reply.trainee.name }));
    this.host.changed();
    void this.loadUploaded(reply.session);
  }

  /** Brings the identity up to date; forgets it only when the server says it doesn't know this key. */
  private refreshing: Promise<void> | undefined;
  private refreshedAt = 0;
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const identity = this.identityValue;
      if (!identity) return;
      this.refreshedAt = Date.now();
      const result = await this.api.me(identity.key);
      if (this.identityValue?.key !== identity.key) return;
      if (result.ok) {
        const before = JSON.stringify(this.identityValue);
        const wasHere = this.serverHere;
        this.serverHere = true;
        this.identityValue = refreshed(readIdentity(this.storage) ?? identity, result.value);
        writeIdentity(this.storage, this.identityValue);
        // Redraw only for a change: a menu redrawn every half minute would lose the keyboard's place.
        if (!wasHere || JSON.stringify(this.identityValue) !== before) this.host.changed();
        await this.loadUploaded(result.value.session);
      } else if (result.problem === 'unauthorized') {
        this.forget();
        this.host.flash(t('workshop.forgotten'));
      }
      // No answer: keep everything and play on; the outbox sends when the network is back.
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async loadUploaded(session: TraineeSessionView): Promise<void> {
    const wanted = session.scenarios.filter((s) => s.uploaded && this.uploaded.get(s.id)?.info?.version !== s.version);
    if (wanted.length === 0) return;
    const loaded = await Promise.all(wanted.map((s) => this.ensureScenario(s.id)));
    if (loaded.some(Boolean)) this.host.changed();
  }

  private forget(): void {
    forgetIdentity(this.storage);
    this.identityValue = undefined;
    this.dropUploaded();
    this.host.changed();
  }

  /** Removes the session's own scenarios; a bundled scenario they stood in for gets its own texts back. */
  private dropUploaded(): void {
    for (const id of this.uploaded.keys()) {
      const bundled = this.host.library().find((e) => e.id === id);
      const strings = bundled?.playable?.strings ?? bundled?.menuStrings;
      if (strings) registerScenarioStrings(id, strings);
    }
    this.uploaded.clear();
  }

  private listen(): void {
    const flush = () => void this.outbox.flush();
    window.addEventListener('online', flush);
    window.addEventListener('pageshow', flush);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') flush();
    });
    window.addEventListener('pagehide', () => this.outbox.releaseLease());
    // Another tab sent, added, joined or left.
    window.addEventListener('storage', (event) => {
      if (event.key === OUTBOX_KEY || event.key === REJECTED_KEY) this.outbox.changedElsewhere();
      if (event.key === IDENTITY_KEY || event.key === null) {
        const now = readIdentity(this.storage);
        if (now?.key !== this.identityValue?.key) {
          if (!now) this.dropUploaded();
          this.identityValue = now;
          this.host.changed();
          if (now) void this.loadUploaded(now.session);
        } else {
          this.identityValue = now;
        }
      }
    });
  }
}
