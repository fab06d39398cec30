import { describe, expect, it } from 'vitest';
import { egressFor, loadConfig } from '../../../src/config/config.js';
import { isAppError } from '../../../src/errors/app-error.js';

describe('loadConfig', () => {
  it('gives the embedded default: memory store, loopback SIP, loopback-only trunks', () => {
    const config = loadConfig({});
    expect(config.store).toEqual({ kind: 'memory' });
    expect(config.sip.listen).toEqual([{ host: '127.0.0.1', port: 5060 }]);
    expect(config.sip.trunks).toEqual(['127.0.0.0/8', '::1']);
    expect(config.sip.egress).toEqual([{ prefix: '', transport: 'udp', host: '127.0.0.1', port: 5090 }]);
    expect(Object.isFrozen(config.sip)).toBe(true);
  });

  it('reads IPv6 listen addresses and a TCP egress', () => {
    const config = loadConfig({ VMS_SIP_LISTEN: '[::1]:5070', VMS_EGRESS: 'tcp:127.0.0.1:5091' });
    expect(config.sip.listen).toEqual([{ host: '::1', port: 5070 }]);
    expect(config.sip.egress[0]?.transport).toBe('tcp');
  });

  it('routes a number to the egress trunk of its longest prefix, else the default', () => {
    const { sip } = loadConfig({
      VMS_EGRESS: '+32=udp:127.0.0.1:5091,+3281=tcp:127.0.0.1:5092,127.0.0.1:5090',
    });
    expect(egressFor(sip.egress, '+3281022213').port).toBe(5092);
    expect(egressFor(sip.egress, '+3222022200').port).toBe(5091);
    expect(egressFor(sip.egress, '+4420000000').port).toBe(5090);
  });

  it('refuses egress routes without exactly one default', () => {
    expect(() => loadConfig({ VMS_EGRESS: '+32=127.0.0.1:5091' })).toThrow(/exactly one default route/);
  });

  it('rejects a bad value with CONFIG_INVALID naming the variable', () => {
    let caught: unknown;
    try {
      loadConfig({ VMS_SIP_T1_MS: 'fast' });
    } catch (err) {
      caught = err;
    }
    expect(isAppError(caught, 'CONFIG_INVALID')).toBe(true);
    expect((caught as Error).message).toContain('VMS_SIP_T1_MS');
  });

  it('ends answered calls after 4 h by default, never with 0, and refuses anything but a whole number', () => {
    expect(loadConfig({}).sip.maxCallMs).toBe(4 * 3600 * 1000);
    expect(loadConfig({ VMS_MAX_CALL_SECONDS: '0' }).sip.maxCallMs).toBe(0);
    for (const bad of ['-1', '1.5', 'forever', ' ']) {
      let caught: unknown;
      try {
        loadConfig({ VMS_MAX_CALL_SECONDS: bad });
      } catch (err) {
        caught = err;
      }
      expect(isAppError(caught, 'CONFIG_INVALID') && (caught as Error).message).toContain(
        'VMS_MAX_CALL_SECONDS',
      );
    }
  });

  it('moves SIP datagrams natively by default, through dgram with VMS_SIP_UDP_IO=node, and nothing else', () => {
    expect(loadConfig({}).sip.udpIo).toBe('native');
    expect(loadConfig({ VMS_SIP_UDP_IO: 'node' }).sip.udpIo).toBe('node');
    expect(() => loadConfig({ VMS_SIP_UDP_IO: 'io_uring' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('asks 32 MiB of UDP buffer by default and refuses sizes outside 64 KiB to 1 GiB', () => {
    expect(loadConfig({}).sip.udpBufferBytes).toBe(32 * 1024 * 1024);
    expect(loadConfig({ VMS_SIP_UDP_BUFFER_BYTES: '65536' }).sip.udpBufferBytes).toBe(65536);
    for (const bad of ['1000', '2147483648', '8M', '']) {
      expect(() => loadConfig({ VMS_SIP_UDP_BUFFER_BYTES: bad })).toThrow(
        expect.objectContaining({ code: 'CONFIG_INVALID' }),
      );
    }
  });

  it('refuses INVITEs that waited over 300 ms by default; 0 turns it off; nothing past 10 s or negative', () => {
    expect(loadConfig({}).sip.maxWaitMs).toBe(300);
    expect(loadConfig({ VMS_SIP_MAX_WAIT_MS: '0' }).sip.maxWaitMs).toBe(0);
    for (const bad of ['-1', '10001', '300ms', '']) {
      expect(() => loadConfig({ VMS_SIP_MAX_WAIT_MS: bad })).toThrow(
        expect.objectContaining({ code: 'CONFIG_INVALID' }),
      );
    }
  });
});
