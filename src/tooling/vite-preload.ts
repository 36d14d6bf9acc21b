/**
 * Adds `<link rel="preload">` for the Sarabun fonts and the compiled scenario library to the built
 * page, so the browser fetches them while it parses Phaser instead of after the game's code runs.
 */
import type { Plugin } from 'vite';

export function preloadStartupAssets(): Plugin {
  let base = '/';
  return {
    name: 'prasan-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        if (!context.bundle) return undefined;
        const files = Object.keys(context.bundle);
        const fonts = files.filter((f) => /sarabun-(thai|latin)-(400|600)-normal-[\w-]+\.woff2$/.test(f));
        const library = files.filter((f) => /(^|\/)library-[\w-]+\.js$/.test(f));
        return [
          ...fonts.map((f) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: `${base}${f}` },
            injectTo: 'head' as const,
          })),
          ...library.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', href: `${base}${f}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}
