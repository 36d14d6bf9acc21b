/**
 * The wire format's constants, without TypeBox: the game imports these (its startup bundle stays
 * free of the schema library) and src/workshop/protocol.ts builds its schemas from them.
 */

/** A join code: six letters and digits that can't be mistaken for each other (no 0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_PATTERN = `^[${JOIN_CODE_ALPHABET}]{6}$`;

/** Client-made ids (events and runs) are version-4 UUIDs, made with crypto.getRandomValues. */
export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

export const MAX_EVENTS_PER_BATCH = 100;
/** Request bodies above this are refused with 413 (a full batch of events is about 25 KB). */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** A trainer's own scenario file, sent as text: the engine's own limit plus room for JSON escaping. */
export const SCENARIO_UPLOAD_LIMIT_BYTES = 1024 * 1024;

export const DEFAULT_RETENTION_DAYS = 90;

/** A session holds at most this many trainees (a workshop is about fifty; the cap bounds a flood of joins). */
export const MAX_TRAINEES_PER_SESSION = 500;

/** Marks that take no room on the screen (zero-width spaces, joiners, the Hangul fillers, …). */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;
/** A character someone would see: a letter, digit, punctuation or symbol. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
/** Half of a UTF-16 pair without its other half: it can't be written as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Whether a display name can be shown to the room: well-formed text with at least one character a
 * person would see (not only spaces, zero-width marks or fillers, which show blank on the projector).
 */
export function isShowableName(name: string): boolean {
  return !LONE_SURROGATE.test(name) && VISIBLE.test(name.replace(INVISIBLE, ''));
}
