// UUIDv7 ids made on the device (SYNC.md): time-ordered, so records sort by creation without a clock field.
/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version and variant bits, and 74 random bits.
 * The time only orders ids; no decision depends on it.
 */
export function uuidv7(now: number = Date.now(), random: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): string {
  const bytes = new Uint8Array(16);
  bytes.set(random.subarray(0, 16));
  // Bitwise operators work on 32 bits, so the 48-bit timestamp is split arithmetically.
  const high = Math.floor(now / 2 ** 32);
  const low = now >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
