/**
 * Headers every page and answer of the game carries, wherever it is served from (the workshop server,
 * and Vite's preview server so the end-to-end tests play under the same rules). The policy allows only
 * the game's own files: no page elsewhere can frame it, and a script injected into a text could not
 * run. `blob:` images are the portraits the page draws for a scenario file it was given (a workshop
 * upload, a trainer's file); `data:` are the few textures Phaser makes for itself.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // For browsers older than frame-ancestors.
  'x-frame-options': 'DENY',
  // Join links carry the session's code: it goes to no other site.
  'referrer-policy': 'no-referrer',
};
