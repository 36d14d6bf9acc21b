/**
 * Registers the service worker that keeps the built game playable offline after its first load
 * (src/tooling/vite-service-worker.ts writes it). Browsers allow workers only in a secure context
 * (HTTPS, localhost): on a plain-HTTP LAN address nothing is registered, and the workshop's outbox
 * keeps decisions until the server is back. The dev server never registers one, so `npm start`
 * always serves fresh code.
 */
export function registerOfflineCache(): void {
  if (!import.meta.env.PROD || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  // After the page has loaded (main.ts also waits for the game to be up), so precaching doesn't compete with the first load.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

function register(): void {
  const unavailable = (error: unknown) => console.warn('Prasan: no offline cache:', error);
  try {
    navigator.serviceWorker.register('./sw.js').catch(unavailable);
  } catch (error) {
    // Some browsers throw on reaching navigator.serviceWorker (storage blocked): the game plays on without it.
    unavailable(error);
  }
}
