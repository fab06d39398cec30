import type { Endpoint, SipMessage } from '../../../../src/sip/message/types.js';
import { TcpTransport } from '../../../../src/sip/transport/tcp-transport.js';
import type { TransportSink } from '../../../../src/sip/transport/transport.js';

const ignore = (): void => {};

/** What our transport framed first, and the connection it came on. */
export interface Framed {
  readonly item: SipMessage | Buffer;
  readonly source: Endpoint;
}

/**
 * Our TCP transport on a free loopback port; `framed` resolves with the first message it frames. `onStop`
 * receives the transport's stop, for the test's cleanup list.
 */
export async function tcpUnderTest(
  onStop: (stop: () => Promise<void>) => void,
): Promise<{ tcp: TcpTransport; port: number; framed: Promise<Framed> }> {
  let onFramed: (framed: Framed) => void = ignore;
  const framed = new Promise<Framed>((resolve) => {
    onFramed = resolve;
  });
  const sink: TransportSink = {
    datagram: ignore,
    framed: (item, source) => onFramed({ item, source }),
    framingError: ignore,
    sendError: ignore,
  };
  const tcp = new TcpTransport([{ host: '127.0.0.1', port: 0 }], sink);
  await tcp.start();
  onStop(() => tcp.stop());
  return { tcp, port: tcp.local[0]?.port ?? 0, framed };
}

/** An out-of-dialog OPTIONS over TCP, as a trunk pings with it; `sentBy` is its Via's sent-by. */
export function tcpOptions(callId: string, sentBy: string): string {
  return (
    `OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP ${sentBy};branch=z9hG4bK-${callId}\r\n` +
    `From: <sip:trunk@127.0.0.1>;tag=t1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: ${callId}\r\nCSeq: 1 OPTIONS\r\n` +
    'Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n'
  );
}
