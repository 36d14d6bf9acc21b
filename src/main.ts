/** Boots the game: settings and language, then the stage, which shows progress while content loads. */
import '@fontsource/sarabun/thai-400.css';
import '@fontsource/sarabun/latin-400.css';
import '@fontsource/sarabun/thai-600.css';
import '@fontsource/sarabun/latin-600.css';
import './styles.css';
import { initI18n, type UiLanguage } from './i18n';
import { App } from './ui/app';
import type { LibraryEntry } from './ui/library';
import { loadSettings, saveSettings } from './ui/storage';
import { createStage } from './stage';

async function loadFonts(): Promise<void> {
  // Both scripts at both weights, so no text is ever drawn in a fallback font and then swapped.
  const samples = ['400 20px Sarabun', '600 20px Sarabun'];
  await Promise.all(samples.flatMap((font) => [document.fonts.load(font, 'ประสานงาน'), document.fonts.load(font, 'Prasan')]));
}

async function boot(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const settings = loadSettings();
  const requestedLanguage = params.get('lang');
  if (requestedLanguage === 'th' || requestedLanguage === 'en') {
    settings.language = requestedLanguage as UiLanguage;
    saveSettings(settings);
  }
  await initI18n(settings.language);
  document.documentElement.lang = settings.language;

  const root = document.getElementById('ui')!;
  const stageElement = document.getElementById('stage')!;
  let library: LibraryEntry[] = [];
  const stage = createStage(stageElement, {
    load: async (onProgress) => {
      let fonts = 0;
      let scenarios = 0;
      const report = () => onProgress(0.3 * fonts + 0.7 * scenarios);
      await Promise.all([
        loadFonts().then(() => {
          fonts = 1;
          report();
        }),
        // The compiled scenarios come in their own chunk, alongside the fonts.
        import('./ui/library').then(({ loadLibrary }) => {
          library = loadLibrary();
          scenarios = 1;
          report();
        }),
      ]);
    },
  });
  stage.game.events.once('menu-ready', () => {
    const app = new App(root, stage, library, settings);
    document.body.dataset['ready'] = 'true';
    app.start(params.get('scenario'));
    (window as unknown as { prasan: App }).prasan = app;
  });
}

void boot();
