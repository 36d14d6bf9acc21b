/**
 * The game's flow: menu → play → debrief, and resuming a saved run. It owns the screens (DOM) and
 * tells the stage (Phaser) what to draw.
 */
import type { RunResult, StartSetup } from '../engine';
import { currentLanguage, scenarioLanguage, setLanguage, t, type UiLanguage } from '../i18n';
import type { NodeView } from '../scenes/views';
import type { Stage } from '../scenes/stage';
import { debriefView } from './debrief-view';
import { clear } from '../web/dom';
import type { LibraryEntry } from './library';
import { menuView } from './menu-view';
import { acceptDrops, compileFromDisk } from './open-file';
import { confirmTrainer, trainerToolsView } from './trainer-tools';
import { trainerView } from './trainer-view';
import { PlayView } from './play-view';
import { ensurePlayable } from './library';
import { discardGame, loadGame, SAVE_KEY, savedProgress, savedScenarioId, type ResumedRun } from './save';
import { PlaySession } from './session';
import { saveSettings, type Settings } from './storage';
import { WorkshopClient } from './workshop/client';
import { workshopMenu } from './workshop/menu-section';

type Mode = 'loading' | 'menu' | 'play' | 'debrief';

export class App {
  /** Which screen is up. */
  private mode: Mode = 'loading';
  private session: PlaySession | undefined;
  private playView: PlayView | undefined;
  private lastResult: RunResult | undefined;
  private menuNotice: string | undefined;
  /** Workshop mode (trainee side): changes nothing unless a workshop server answers or the trainee joined one. */
  private readonly workshop: WorkshopClient;

  constructor(
    private readonly root: HTMLElement,
    private readonly stage: Stage,
    private library: LibraryEntry[],
    private settings: Settings,
  ) {
    this.workshop = new WorkshopClient({
      changed: () => {
        if (this.mode === 'menu') this.renderMenu();
      },
      flash: (message) => this.flash(message),
      library: () => this.library,
      showingMenu: () => this.mode === 'menu',
    });
    this.applyTextSize();
    // Another tab of the game moved this same run on (a trainee who opened the link twice): this tab
    // follows it, so the two never take different steps from the same place.
    window.addEventListener('storage', (event) => {
      if (event.key === SAVE_KEY) void this.followOtherTab();
    });
    acceptDrops(document.body, (files) => {
      if (this.mode === 'menu') void this.openFiles(files);
    });
  }

  /**
   * First screen: a saved run resumes; `?scenario=<id>` opens one; otherwise the menu. A join link
   * (`?join=CODE`) then opens the workshop's join form over it.
   */
  async start(requested: string | null): Promise<void> {
    this.workshop.start();
    const join = this.takeJoinLink();
    await this.firstScreen(requested);
    if (join) this.workshop.followJoinLink(join);
  }

  private async firstScreen(requested: string | null): Promise<void> {
    const savedId = savedScenarioId();
    // A trainer's own workshop scenario comes from the server: without it the save would look broken.
    if (savedId && this.workshop.isUploaded(savedId) && !(await this.workshop.ensureScenario(savedId))) {
      this.showMenu(t('workshop.resumeOffline'));
      return;
    }
    const library = this.visibleLibrary();
    const savedEntry = savedId ? library.find((e) => e.id === savedId && e.info) : undefined;
    if (savedEntry) await this.ensure(savedEntry);
    const saved = loadGame(library);
    if (saved.kind === 'ok') {
      await this.play(saved.entry, saved);
      this.flash(t('play.resumed'));
      return;
    }
    const notice = saved.kind === 'set-aside' ? t('play.saveSetAside') : undefined;
    const entry = requested ? library.find((e) => e.id === requested && e.info) : undefined;
    if (entry) await this.play(entry);
    else this.showMenu(requested ? (notice ?? t('error.scenarioMissing', { id: requested })) : notice);
  }

  /** The join code of a `?join=` link, taken out of the address so a reload doesn't ask again. */
  private takeJoinLink(): string | undefined {
    const url = new URL(location.href);
    const code = url.searchParams.get('join');
    if (code === null) return undefined;
    url.searchParams.delete('join');
    history.replaceState(history.state, '', url);
    return code;
  }

  /** The library with a workshop's own scenarios in it. */
  private visibleLibrary(): LibraryEntry[] {
    return this.workshop.libraryWith(this.library);
  }

  showMenu(notice?: string): void {
    this.leavePlay();
    this.setMode('menu');
    this.stage.showMenu();
    this.menuNotice = notice;
    this.renderMenu();
    this.workshop.menuShown();
    // A new screen starts at its top (the workshop's own scenarios are there), not where the last one was scrolled to.
    window.scrollTo(0, 0);
  }

  /** Draws the menu again where it is (the workshop's part changed); the stage is left alone. */
  private renderMenu(): void {
    const actions = {
      play: (entry: LibraryEntry) => void this.play(entry),
      trainerTools: () => confirmTrainer(() => this.showTrainerTools()),
      setLanguage: (language: UiLanguage) => void this.changeLanguage(language),
      changeSettings: (change: Partial<Settings>) => this.changeSettings(change),
    };
    const library = this.visibleLibrary();
    this.render(menuView(library, this.settings, this.menuNotice, actions, workshopMenu(this.workshop, library, actions)));
  }

  /** Fetches a scenario's content if it isn't here yet; a failed fetch says so and keeps the menu. */
  private async ensure(entry: LibraryEntry): Promise<boolean> {
    try {
      return (await ensurePlayable(entry)) !== undefined;
    } catch (error) {
      this.flash(t('error.unexpected', { message: error instanceof Error ? error.message : String(error) }));
      return false;
    }
  }

  /** The trainers' screen: never in a workshop, where trainees must not see the answer key. */
  private showTrainerTools(): void {
    if (this.workshop.identity) return this.showMenu();
    this.leavePlay();
    this.setMode('debrief');
    this.stage.showMenu();
    this.render(
      trainerToolsView(this.visibleLibrary(), {
        trainer: (entry) => void this.showTrainer(entry),
        openFiles: (files) => void this.openFiles(files),
        back: () => this.showMenu(),
      }),
    );
    window.scrollTo(0, 0);
  }

  private async showTrainer(entry: LibraryEntry): Promise<void> {
    if (this.workshop.identity || !(await this.ensure(entry))) return;
    this.leavePlay();
    this.setMode('debrief');
    this.stage.showMenu();
    this.render(
      trainerView(entry, {
        playFrom: (e, from) => void this.play(e, undefined, from),
        play: (e) => void this.play(e),
        back: () => this.showTrainerTools(),
      }),
    );
    window.scrollTo(0, 0);
  }

  /** Scenario files a trainer opened: compiled, then listed first in the menu with their problems, if any. */
  private async openFiles(files: File[]): Promise<void> {
    this.flash(t('menu.opening', { file: files.map((f) => f.name).join(', ') }));
    for (const file of files) {
      try {
        const entry = await compileFromDisk(file);
        // A file with the id of a scenario already listed is taken as a newer version of it: it replaces
        // that card (their texts share one namespace, so both can't be shown at once).
        this.library = [entry, ...this.library.filter((e) => !(e.fromDisk && e.file === entry.file) && !(entry.info && e.id === entry.id))];
      } catch (error) {
        this.flash(t('error.unexpected', { message: error instanceof Error ? error.message : String(error) }));
      }
    }
    this.showMenu();
    // The opened files are listed first: show them, wherever the menu was scrolled to.
    window.scrollTo(0, 0);
  }

  private async play(entry: LibraryEntry, resumed?: ResumedRun, from?: StartSetup): Promise<void> {
    if (!(await this.ensure(entry))) return;
    this.leavePlay();
    const model = entry.playable!.model;
    const preview = entry.fromDisk === true;
    const saved = resumed?.save;
    const run = this.workshop.runFor(entry, saved, preview || from !== undefined);
    const session = new PlaySession(entry, saved?.language ?? scenarioLanguage(model.languages), saved?.timer ?? this.settings.timer, {
      resumed,
      from,
      preview,
      run,
      onStep: (s) => this.workshop.stepped(s),
    });
    if (run && !saved) this.workshop.started(session);
    this.session = session;
    this.setMode('play');
    const view = new PlayView(
      session,
      {
        finish: () => this.debrief(),
        quit: () => this.quit(),
        nodeShown: () => this.stage.showNode(this.nodeView(session)),
      },
      this.workshop.status(),
    );
    this.playView = view;
    this.render(view.element);
    view.render();
  }

  private async followOtherTab(): Promise<void> {
    const session = this.session;
    const progress = savedProgress();
    if (!session || session.preview || !progress || this.mode !== 'play') return;
    if (progress.scenario !== session.model.id || progress.startedAt !== session.startedAtIso) return;
    if (progress.steps <= session.state.path.length) return;
    const saved = loadGame(this.visibleLibrary());
    if (saved.kind !== 'ok') return;
    await this.play(saved.entry, saved);
    this.flash(t('play.followedOtherTab'));
  }

  private nodeView(session: PlaySession): NodeView {
    // During feedback the stage stays on the node the choice was made at.
    const path = session.state.path;
    const nodeId = session.showingFeedback && path.length > 0 ? path[path.length - 1]!.node : session.state.node;
    const node = session.model.nodes[nodeId]!;
    return { background: node.kind !== 'branch' ? (node.background ?? 'office') : 'office' };
  }

  private debrief(): void {
    const session = this.session;
    if (!session) return this.showMenu();
    const result = session.result();
    this.lastResult = result;
    discardGame();
    this.leavePlay();
    this.setMode('debrief');
    this.stage.showDebrief({ kind: result.ending?.kind ?? 'incomplete' });
    this.render(
      debriefView(
        session.model,
        session.playable.strings,
        result,
        {
          replay: () => void this.play(session.entry),
          menu: () => this.showMenu(),
        },
        this.workshop.deliveryNote(session),
      ),
    );
    window.scrollTo(0, 0);
  }

  private quit(): void {
    discardGame();
    this.showMenu();
  }

  private leavePlay(): void {
    this.playView?.destroy();
    this.playView = undefined;
    this.session?.stop();
    this.session = undefined;
  }

  private async changeLanguage(language: UiLanguage): Promise<void> {
    await setLanguage(language);
    this.changeSettings({ language });
  }

  private changeSettings(change: Partial<Settings>): void {
    this.settings = { ...this.settings, ...change };
    saveSettings(this.settings);
    this.applyTextSize();
    this.showMenu();
  }

  private applyTextSize(): void {
    document.documentElement.classList.toggle('large-text', this.settings.textSize === 'large');
  }

  private setMode(mode: Mode): void {
    this.mode = mode;
    // The stylesheet lays the page out by mode.
    document.body.dataset['mode'] = mode;
    document.documentElement.lang = currentLanguage();
  }

  private render(element: HTMLElement): void {
    clear(this.root);
    this.root.append(element);
  }

  private flash(message: string): void {
    const status = document.getElementById('status');
    if (!status) return;
    status.textContent = message;
    status.hidden = false;
    setTimeout(() => (status.hidden = true), 4000);
  }

  /** The last finished run's result, for tests. */
  get result(): RunResult | undefined {
    return this.lastResult;
  }
}
