/**
 * The game's flow: menu → play → debrief, and resuming a saved run. It owns the screens (DOM) and
 * tells the stage (Phaser) what to draw.
 */
import type { RunResult, StartPoint } from '../engine';
import { currentLanguage, scenarioLanguage, setLanguage, t, type UiLanguage } from '../i18n';
import type { NodeView } from '../scenes/hooks';
import type { Stage } from '../stage';
import { debriefView } from './debrief-view';
import { clear } from './dom';
import type { LibraryEntry } from './library';
import { menuView } from './menu-view';
import { acceptDrops, compileFromDisk } from './open-file';
import { trainerView } from './trainer-view';
import { PlayView } from './play-view';
import { ensurePlayable } from './library';
import { discardGame, loadGame, savedScenarioId, type SavedGame } from './save';
import { PlaySession } from './session';
import { saveSettings, type Settings } from './storage';

export class App {
  private session: PlaySession | undefined;
  private playView: PlayView | undefined;
  private lastResult: RunResult | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly stage: Stage,
    private library: LibraryEntry[],
    private settings: Settings,
  ) {
    this.applyTextSize();
    acceptDrops(document.body, (files) => {
      if (document.body.dataset['mode'] === 'menu') void this.openFiles(files);
    });
  }

  /** First screen: a saved run resumes; `?scenario=<id>` opens one; otherwise the menu. */
  async start(requested: string | null): Promise<void> {
    const savedId = savedScenarioId();
    const savedEntry = savedId ? this.library.find((e) => e.id === savedId && e.info) : undefined;
    if (savedEntry) await this.ensure(savedEntry);
    const saved = loadGame(this.library);
    if (saved.kind === 'ok') {
      await this.play(saved.entry, saved.save);
      this.flash(t('play.resumed'));
      return;
    }
    const notice = saved.kind === 'set-aside' ? t('play.saveSetAside') : undefined;
    const entry = requested ? this.library.find((e) => e.id === requested && e.info) : undefined;
    if (entry) await this.play(entry);
    else this.showMenu(requested ? (notice ?? t('error.scenarioMissing', { id: requested })) : notice);
  }

  showMenu(notice?: string): void {
    this.leavePlay();
    this.setMode('menu');
    this.stage.showMenu();
    this.render(
      menuView(this.library, this.settings, notice, {
        play: (entry) => void this.play(entry),
        trainer: (entry) => void this.showTrainer(entry),
        openFiles: (files) => void this.openFiles(files),
        setLanguage: (language) => void this.changeLanguage(language),
        changeSettings: (change) => this.changeSettings(change),
      }),
    );
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

  private async showTrainer(entry: LibraryEntry): Promise<void> {
    if (!(await this.ensure(entry))) return;
    this.leavePlay();
    this.setMode('debrief');
    this.stage.showMenu();
    this.render(
      trainerView(entry, {
        playFrom: (e, from) => void this.play(e, undefined, from),
        play: (e) => void this.play(e),
        back: () => this.showMenu(),
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

  private async play(entry: LibraryEntry, saved?: SavedGame, from?: StartPoint): Promise<void> {
    if (!(await this.ensure(entry))) return;
    this.leavePlay();
    const model = entry.playable!.model;
    const session = new PlaySession(entry, saved?.language ?? scenarioLanguage(model.languages), saved?.timer ?? this.settings.timer, {
      saved,
      from,
      preview: entry.fromDisk === true,
    });
    this.session = session;
    this.setMode('play');
    const view = new PlayView(session, {
      finish: () => this.debrief(),
      quit: () => this.quit(),
      nodeShown: () => this.stage.showNode(this.nodeView(session)),
    });
    this.playView = view;
    this.render(view.element);
    view.render();
  }

  private nodeView(session: PlaySession): NodeView {
    // During feedback the stage stays on the node the choice was made at.
    const path = session.state.path;
    const nodeId = session.showingFeedback && path.length > 0 ? path[path.length - 1]!.node : session.state.node;
    const node = session.model.nodes[nodeId]!;
    const background = node.kind !== 'branch' ? (node.background ?? 'office') : 'office';
    const speaker = node.kind !== 'branch' ? node.speaker : undefined;
    const side = (id: string) => session.model.characters[id]?.side ?? 'neutral';
    return {
      background,
      people: speaker ? [{ side: side(speaker), speaking: true }] : [],
    };
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
      debriefView(session.model, session.playable.strings, result, {
        replay: () => void this.play(session.entry),
        menu: () => this.showMenu(),
      }),
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

  private setMode(mode: 'menu' | 'play' | 'debrief'): void {
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

  /** The last finished run's result, for tests and for the workshop layer to come. */
  get result(): RunResult | undefined {
    return this.lastResult;
  }

  replaceLibrary(library: LibraryEntry[]): void {
    this.library = library;
  }
}
