import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../../src/errors/index.js';
import { compileAcl, DEFAULT_TRUNKS, isAllowedSource } from '../../../../src/sip/transport/acl.js';

describe('trunk ACL', () => {
  const defaults = compileAcl(DEFAULT_TRUNKS);

  it('allows loopback by default, IPv4, IPv6 and IPv4-mapped IPv6', () => {
    expect(isAllowedSource(defaults, '127.0.0.1')).toBe(true);
    expect(isAllowedSource(defaults, '127.255.3.4')).toBe(true);
    expect(isAllowedSource(defaults, '::1')).toBe(true);
    expect(isAllowedSource(defaults, '::ffff:127.0.0.1')).toBe(true);
    expect(isAllowedSource(defaults, '10.0.0.1')).toBe(false);
    expect(isAllowedSource(defaults, '::2')).toBe(false);
  });

  it('matches CIDR prefixes that do not fall on a byte boundary', () => {
    const acl = compileAcl(['192.0.2.64/26', '2001:db8:8000::/33']);
    expect(isAllowedSource(acl, '192.0.2.64')).toBe(true);
    expect(isAllowedSource(acl, '192.0.2.127')).toBe(true);
    expect(isAllowedSource(acl, '192.0.2.128')).toBe(false);
    expect(isAllowedSource(acl, '192.0.2.63')).toBe(false);
    expect(isAllowedSource(acl, '2001:db8:8000::1')).toBe(true);
    expect(isAllowedSource(acl, '2001:db8:ffff:ffff::1')).toBe(true);
    expect(isAllowedSource(acl, '2001:db8:7fff::1')).toBe(false);
  });

  it('accepts a single host, a /0 and a bracketed source address', () => {
    expect(isAllowedSource(compileAcl(['198.51.100.7']), '198.51.100.7')).toBe(true);
    expect(isAllowedSource(compileAcl(['198.51.100.7']), '198.51.100.8')).toBe(false);
    expect(isAllowedSource(compileAcl(['0.0.0.0/0']), '203.0.113.9')).toBe(true);
    expect(isAllowedSource(compileAcl(['0.0.0.0/0']), '2001:db8::1')).toBe(false);
    expect(isAllowedSource(compileAcl(['2001:db8::/32']), '[2001:db8::5]')).toBe(true);
  });

  it('understands IPv6 with an embedded dotted quad', () => {
    const acl = compileAcl(['::ffff:10.1.0.0/112']);
    expect(isAllowedSource(acl, '10.1.2.3')).toBe(true);
    expect(isAllowedSource(acl, '10.2.0.1')).toBe(false);
  });

  it('refuses nothing-like-an-address with SIP_ACL_INVALID naming the entry', () => {
    for (const bad of ['10.0.0.0/33', 'trunk.example.com', '::1/129', '10.0.0.1/', '10.0.0.0/8x']) {
      let caught: unknown;
      try {
        compileAcl(['127.0.0.1', bad]);
      } catch (err) {
        caught = err;
      }
      expect(isAppError(caught, 'SIP_ACL_INVALID'), bad).toBe(true);
      expect((caught as Error).message).toContain(bad);
    }
  });

  it('denies everyone with an empty list', () => {
    expect(isAllowedSource(compileAcl([]), '127.0.0.1')).toBe(false);
  });
});
