import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/**
 * A loopback port that is free for both TCP and UDP right now (the OS picks it; we check the other
 * protocol). Two test runs never collide on it unless the OS hands the same port to both in between.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, host, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, host, () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('freePort: no port free for both TCP and UDP after 20 attempts');
}
