/**
 * The trainer's dashboard (served by the workshop server at /dashboard.html): sign in with the
 * trainer key, manage sessions, and run a room live. No Phaser here; the engine only for counting.
 */
import '@fontsource/sarabun/thai-400.css';
import '@fontsource/sarabun/latin-400.css';
import '@fontsource/sarabun/thai-600.css';
import '@fontsource/sarabun/latin-600.css';
import '../web/base.css';
import './dashboard.css';
import { h } from '../web/dom';
import { storedKey, storeKey, TrainerApi } from './api';
import { initI18n, language, LANGUAGES, setLanguage, t, type Language } from './i18n';
import { RoomView } from './room-view';
import { SessionsView } from './sessions-view';
import { signInView } from './sign-in';
import { message } from './widgets';

const PROJECTOR_KEY = 'prasan-dashboard-projector';

type Screen = { kind: 'sign-in'; notice?: string } | { kind: 'sessions'; view: SessionsView } | { kind: 'room'; view: RoomView };

class Dashboard {
  private screen: Screen = { kind: 'sign-in' };
  private api: TrainerApi | undefined;
  private readonly bar = h('header', { class: 'topbar' });
  private readonly warning = h('div', { class: 'remote-warning' });
  private readonly content = h('div', { class: 'content' });

  constructor(root: HTMLElement) {
    root.replaceChildren(this.bar, this.warning, this.content);
    document.documentElement.classList.toggle('projector', localStorage.getItem(PROJECTOR_KEY) === '1');
    // The room is in the address (#room=CODE), so a reload returns to it.
    window.addEventListener('hashchange', () => this.route());
  }

  start(): void {
    const key = storedKey();
    if (key) this.signedIn(key);
    else this.show({ kind: 'sign-in' });
  }

  private signedIn(key: string): void {
    this.api = new TrainerApi(key, () => this.signOut(t('signIn.refused')));
    this.route();
  }

  private signOut(notice?: string): void {
    storeKey(undefined);
    this.api = undefined;
    this.show({ kind: 'sign-in', ...(notice ? { notice } : {}) });
  }

  private route(): void {
    if (!this.api) return;
    const code = /^#room=([A-Z0-9]{6})$/.exec(location.hash)?.[1];
    if (code) {
      if (this.screen.kind === 'room' && this.screen.view.code === code) return;
      const view = new RoomView(this.api, code, { back: () => (location.hash = '') });
      this.show({ kind: 'room', view });
      view.start();
    } else {
      const view = new SessionsView(this.api, { open: (c) => (location.hash = `room=${c}`) });
      this.show({ kind: 'sessions', view });
      void view.load();
    }
  }

  private show(screen: Screen): void {
    if (this.screen.kind === 'room' && screen !== this.screen) this.screen.view.stop();
    this.screen = screen;
    this.draw();
  }

  /** Draws the current screen (again after a language change, with its state kept). */
  private draw(): void {
    this.drawBar();
    this.drawWarning();
    const screen = this.screen;
    if (screen.kind === 'sign-in') {
      this.content.replaceChildren(signInView((key) => this.signedIn(key), screen.notice));
    } else {
      screen.view.render();
      if (this.content.firstChild !== screen.view.element) this.content.replaceChildren(screen.view.element);
    }
    document.title = t('app.title');
    document.body.dataset['mode'] = screen.kind;
  }

  /**
   * The server speaks plain HTTP: opened from another device, the trainer key would cross the venue's
   * Wi-Fi where anyone could read it. Said on every screen, sign-in first.
   */
  private drawWarning(): void {
    const host = location.hostname;
    const onThisLaptop = host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
    this.warning.replaceChildren(...(onThisLaptop ? [] : [message(t('app.remote', { host }), 'error')]));
  }

  private drawBar(): void {
    const languageSelect = h(
      'select',
      { id: 'language', name: 'language' },
      ...LANGUAGES.map((lang) => h('option', { value: lang, selected: lang === language(), lang }, t(`game:menu.languageName.${lang}`))),
    );
    languageSelect.addEventListener('change', () => void setLanguage(languageSelect.value as Language).then(() => this.draw()));
    const projector = h('input', { type: 'checkbox', id: 'projector', checked: document.documentElement.classList.contains('projector') });
    projector.addEventListener('change', () => {
      document.documentElement.classList.toggle('projector', projector.checked);
      localStorage.setItem(PROJECTOR_KEY, projector.checked ? '1' : '0');
    });
    this.bar.replaceChildren(
      h('p', { class: 'brand' }, h('strong', {}, t('app.brand')), ' · ', t('app.subtitle')),
      h(
        'div',
        { class: 'bar-controls' },
        h('label', { for: 'language', class: 'inline' }, t('app.language')),
        languageSelect,
        h('label', { class: 'toggle' }, projector, h('span', {}, t('app.projector'))),
        this.api ? h('button', { type: 'button', onclick: () => this.signOut() }, t('app.signOut')) : null,
      ),
    );
  }
}

async function boot(): Promise<void> {
  await initI18n();
  await Promise.all(['400 20px Sarabun', '600 20px Sarabun'].map((font) => document.fonts.load(font, 'ประสานงาน Prasan')));
  new Dashboard(document.getElementById('dashboard')!).start();
  document.body.dataset['ready'] = 'true';
}

void boot();
