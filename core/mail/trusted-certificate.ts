import { invalidField } from '../base/errors';
import type { MailSecurity } from './mail-inputs';
import { fetchPresentedCertificate, recentlyPresentedPem } from './presented-certificate';

interface ServerAddress {
  host: string;
  port: number;
  security: MailSecurity;
}

/**
 * The certificate behind a fingerprint management chose to trust ("Zertifikat vertrauen"): the one
 * already stored, the one a server presented to this process lately (sendTestMail's outcome), or else
 * fetched from the server now. Whichever: its fingerprint must be exactly the one given, so what is
 * stored is the certificate the person compared, not whatever the server shows at the moment.
 */
export async function trustedCertificatePem(
  server: ServerAddress,
  fingerprint: string,
  stored: { trustedCertificate: string | null; trustedCertificatePem: string | null } | null,
  prefix = '',
): Promise<string> {
  const field = `${prefix}trustedCertificate`;
  if (stored?.trustedCertificate === fingerprint && stored.trustedCertificatePem) return stored.trustedCertificatePem;
  const recent = recentlyPresentedPem(fingerprint);
  if (recent) return recent;
  if (server.security === 'none') throw invalidField(field, 'a certificate can only be trusted with STARTTLS or TLS');
  let presented;
  try {
    presented = await fetchPresentedCertificate(server.host, server.port, server.security);
  } catch (err) {
    throw invalidField(field, `the server's certificate could not be fetched to compare it: ${(err as Error).message}`);
  }
  if (presented.fingerprint !== fingerprint)
    throw invalidField(field, `the server presents a different certificate now (fingerprint ${presented.fingerprint}); send a test message and compare again`);
  return presented.pem;
}
