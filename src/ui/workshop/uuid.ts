/**
 * Client-made ids for runs and events: random (version 4) UUIDs built from crypto.getRandomValues.
 * crypto.randomUUID exists only in secure contexts, and a workshop on a LAN address is plain HTTP.
 */
import { UUID_PATTERN } from '../../workshop/limits';

const UUID = new RegExp(UUID_PATTERN);

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function uuidV4(fill: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = fill(new Uint8Array(16));
  // RFC 9562: the version (4) in the high nibble of byte 6, the variant (10xx) in the top bits of byte 8.
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
