import { describe, expect, it } from 'vitest';
import { explainMailError, sentOutcome } from '../../core/mail/explain-mail-error';
import { isLocalNetworkHost } from '../../core/mail/local-network';

/** nodemailer's error as it throws it: an Error with code, originalCode, response, responseCode and command. */
const mailError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('which mail servers are on the local network (where no encryption may be allowed)', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.0.1',
    '192.168.178.20',
    '[::1]',
    '[fd12:3456::25]',
    '[fc00::1]',
    '[fe80::1]',
    '[febf::1]',
    '[::ffff:192.168.1.2]',
    'localhost',
    'LOCALHOST',
    'mail.local',
    'nas.Local',
    'mailserver.lan',
    'post.home.arpa',
  ])('%s is local', (host) => expect(isLocalNetworkHost(host)).toBe(true));

  it.each([
    'mail.leibnitz.at',
    '8.8.8.8',
    '11.0.0.1',
    '172.15.255.255',
    '172.32.0.1',
    '192.169.0.1',
    '169.254.1.1',
    '[2001:db8::1]',
    '[fec0::1]',
    '[::ffff:8.8.8.8]',
    'local',
    'lan',
    'mail.local.example.org',
    'localhost.example.org',
    'mylan',
  ])('%s is not local', (host) => expect(isLocalNetworkHost(host)).toBe(false));
});

describe('a failed send in plain words', () => {
  const cases: [string, unknown, string, string | undefined][] = [
    [
      'a wrong password',
      mailError('Invalid login: 535 5.7.8 Authentication credentials invalid', {
        code: 'EAUTH',
        response: '535 5.7.8 Authentication credentials invalid',
        responseCode: 535,
        command: 'AUTH PLAIN',
      }),
      'wrongPassword',
      '535 5.7.8 Authentication credentials invalid',
    ],
    ['a login without a stored password', mailError('Missing credentials for "PLAIN"', { code: 'EAUTH', command: 'API' }), 'wrongPassword', undefined],
    [
      'a server that wants a login',
      mailError("Can't send mail", { code: 'EENVELOPE', response: '530 5.7.0 Authentication required', responseCode: 530, command: 'MAIL FROM' }),
      'wrongPassword',
      '530 5.7.0 Authentication required',
    ],
    [
      'a self-signed certificate over TLS',
      mailError('self-signed certificate', { code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', command: 'CONN' }),
      'certificateUntrusted',
      undefined,
    ],
    [
      'an expired certificate',
      mailError('certificate has expired', { code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED', command: 'CONN' }),
      'certificateUntrusted',
      undefined,
    ],
    [
      'a certificate for another name',
      mailError("Hostname/IP does not match certificate's altnames", { code: 'ESOCKET', originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
      'certificateUntrusted',
      undefined,
    ],
    [
      'an untrusted certificate after STARTTLS, named only in the message',
      mailError('Error initiating TLS - unable to verify the first certificate', { code: 'ETLS', command: 'STARTTLS' }),
      'certificateUntrusted',
      undefined,
    ],
    [
      'a server without STARTTLS',
      mailError('Error upgrading connection with STARTTLS: 454 4.7.0 TLS not available', {
        code: 'ETLS',
        response: '454 4.7.0 TLS not available',
        responseCode: 454,
        command: 'STARTTLS',
      }),
      'other',
      '454 4.7.0 TLS not available',
    ],
    [
      'a refused connection',
      mailError('connect ECONNREFUSED 10.0.0.5:587', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }),
      'unreachable',
      undefined,
    ],
    [
      'an unknown host',
      mailError('getaddrinfo ENOTFOUND mail.leibnitz.at', { code: 'EDNS', originalCode: 'ENOTFOUND', command: 'CONN' }),
      'unreachable',
      undefined,
    ],
    [
      'no route to the host',
      mailError('connect EHOSTUNREACH 10.0.0.5:587', { code: 'ESOCKET', originalCode: 'EHOSTUNREACH', command: 'CONN' }),
      'unreachable',
      undefined,
    ],
    ['a timeout', mailError('Connection timeout', { code: 'ETIMEDOUT', command: 'CONN' }), 'timeout', undefined],
    [
      'a refused sender',
      mailError('Mail command failed: 553 5.7.1 Sender address rejected', {
        code: 'EENVELOPE',
        response: '553 5.7.1 Sender address rejected: not allowed',
        responseCode: 553,
        command: 'MAIL FROM',
      }),
      'refusedSender',
      '553 5.7.1 Sender address rejected: not allowed',
    ],
    [
      'a refused recipient',
      mailError("Can't send mail - all recipients were rejected: 550 5.1.1 user unknown", {
        code: 'EENVELOPE',
        response: '550 5.1.1 Recipient address rejected: user unknown',
        responseCode: 550,
        command: 'RCPT TO',
      }),
      'refusedRecipient',
      '550 5.1.1 Recipient address rejected: user unknown',
    ],
    [
      'a message refused after DATA, with a multi-line reply',
      mailError('Message failed', {
        code: 'EMESSAGE',
        response: '554 5.6.0 Message too big\r\n554 see https://example.org',
        responseCode: 554,
        command: 'DATA',
      }),
      'other',
      '554 5.6.0 Message too big',
    ],
    ['something that is not an error at all', 'boom', 'other', undefined],
  ];

  it.each(cases)('%s', (_label, thrown, kind, server) => {
    const outcome = explainMailError(thrown);
    expect(outcome.ok).toBe(false);
    expect(outcome.kind).toBe(kind);
    expect(outcome.server).toBe(server);
    expect(outcome.message.de.length).toBeGreaterThan(20);
    expect(outcome.message.en.length).toBeGreaterThan(20);
    // Plain words: nothing of Node's or nodemailer's own message, no stack trace.
    const words = JSON.stringify(outcome.message);
    expect(words).not.toMatch(/\bat .+:\d+|Error|ECONN|ESOCKET|EAUTH|ETLS|DEPTH_ZERO|node:|undefined/);
    expect(Object.keys(outcome).sort()).toEqual(['kind', 'message', 'ok', ...(server ? ['server'] : [])].sort());
  });

  it('a sent message keeps the server reply; refused recipients are named', () => {
    expect(sentOutcome('250 2.0.0 Message accepted for delivery', [])).toEqual({
      ok: true,
      kind: 'sent',
      message: { de: 'Der Mailserver hat die Nachricht angenommen.', en: 'The mail server accepted the message.' },
      server: '250 2.0.0 Message accepted for delivery',
    });
    expect(sentOutcome('250 OK', ['niemand@leibnitz.at']).message.de).toContain('niemand@leibnitz.at');
  });
});
