/**
 * `data` copied into a buffer of its own. `Buffer.allocUnsafe` cuts small buffers out of shared 8 KiB pool
 * slabs: one slice kept for long (the response a completed transaction resends for up to 32 s, the ACK of a
 * call that lasts hours) keeps its whole slab alive, and with it the bytes of every other message cut from it.
 */
export function ownBytes(data: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(data.length);
  data.copy(copy);
  return copy;
}
