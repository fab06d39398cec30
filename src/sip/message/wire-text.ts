/**
 * A message as it goes on the wire, held as a latin1 string: one character per byte (0-255). The stack
 * sends, keeps for retransmission and resends these instead of Buffers: a string is one object on V8's
 * heap, while a Buffer is a typed array, an ArrayBuffer and memory outside the heap, and a small one is cut
 * from a shared 8 KiB slab that a retransmission kept for 32 s would keep whole. Serializing a 200 OK and
 * copying it to the socket's staging buffer took 3.9-4.3 µs as a Buffer (kept with a copy of its own, as
 * transactions kept them), 2.0 as a string.
 *
 * Branded so that no other string (a header value, a UTF-16 text) can be sent by mistake: `serializeWire`
 * and `wireText` make one, and the transport layer's 400 for an unparsable request (its text is the
 * request's own bytes read as latin1).
 */
export type WireText = string & { readonly __wireText: unique symbol };

/** Bytes as a WireText (a copy). */
export function wireText(bytes: Buffer): WireText {
  return bytes.toString('latin1') as WireText;
}

/** A WireText as bytes again (a copy), for what takes a Buffer (dgram, tests). */
export function wireBytes(text: WireText): Buffer {
  return Buffer.from(text, 'latin1');
}
