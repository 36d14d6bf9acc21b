/** Boots the game: settings and language, then the stage, which shows progress while content loads. */
import '@fontsource/sarabun/thai-400.css';
import '@fontsource/sarabun/latin-400.css';
import '@fontsource/sarabun/thai-600.css';
import '@fontsource/sarabun/latin-600.css';
import './web/base.css';
import './styles.css';
import { initI18n } from './i18n';
import { App } from './ui/app';
import { registerOfflineCache } from './ui/offline';
import { loadSettings, saveSettings } from './ui/storage';
import { createStage } from './scenes/stage';

async function loadFonts(): Promise<void> {
  // Both scripts at both weights, so no text is ever drawn in a fallback font and then swapped.
  const samples = ['400 20px Sarabun', '600 20px Sarabun'];
  await Promise.all(samples.flatMap((font) => [document.fonts.load(font, 'ประสานงาน'), document.fonts.load(font, 'Prasan')]));
}

async function boot(): Promise<void> {
  // Ask for the fonts and the scenario library first, so they download while Phaser starts up
  // rather than after (measured: this was most of the gap to a bare Phaser page).
  const fontsReady = loadFonts();
  const libraryReady = import('./ui/library');
  const params = new URLSearchParams(location.search);
  const settings = loadSettings();
  const requestedLanguage = params.get('lang');
  if (requestedLanguage === 'th' || requestedLanguage === 'en') {
    settings.language = requestedLanguage;
    saveSettings(settings);
  }
  await initI18n(settings.language);
  document.documentElement.lang = settings.language;

  const root = document.getElementById('ui')!;
  const stageElement = document.getElementById('stage')!;
  let fonts = 0;
  let scenarios = 0;
  const progress = new Set<(fraction: number) => void>();
  const report = () => progress.forEach((listener) => listener(0.3 * fonts + 0.7 * scenarios));
  const loaded = Promise.all([
    fontsReady.then(() => {
      fonts = 1;
      report();
    }),
    libraryReady.then(({ loadLibrary }) => {
      scenarios = 1;
      report();
      return loadLibrary();
    }),
  ]);
  // The stage shows the progress; the menu comes up as soon as fonts and scenarios are in, without
  // waiting for the stage's own scenes (it draws its backdrop a frame or two later).
  const stage = createStage(stageElement, {
    load: (onProgress) => {
      progress.add(onProgress);
      report();
      return loaded.then(() => undefined);
    },
  });
  const [, library] = await loaded;
  const app = new App(root, stage, library, settings);
  (window as unknown as { prasan: App }).prasan = app;
  await app.start(params.get('scenario'));
  document.body.dataset['ready'] = 'true';
}

// The offline cache fills only once the game is up, so it never slows the first load.
void boot().then(registerOfflineCache);
