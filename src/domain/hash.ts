/**
 * FNV-1a, 64 bits, as 16 hex characters: a short, deterministic fingerprint for derived ids (decision ids).
 * Not a security hash: content integrity uses SHA-256 at the edges.
 */
export function fnv64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}
