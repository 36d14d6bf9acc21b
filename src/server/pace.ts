/**
 * Long work on the event loop, taken in turns: between pages of a large answer or slices of a large
 * deletion the server answers other requests, so nobody waits on somebody else's export.
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
