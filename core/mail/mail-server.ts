import type { Kysely } from 'kysely';
import { invalidField } from '../base/errors';
import type { CoreContext } from '../context';
import type { Schema } from '../db/schema';
import { writeTransaction } from '../db/write-transaction';
import { writeAudit, type AuditEntry } from '../audit/write-audit';
import type { MailSecurity, SaveMailServerInput } from './mail-inputs';
import type { MailServer } from './mail-types';
import { isLocalNetworkHost } from './local-network';
import { trustedCertificatePem } from './trusted-certificate';

/** The mail server as stored in `settings` (keys `mail.*`); the password is not among them (ctx.secrets). */
export interface StoredMailServer {
  host: string;
  port: number;
  security: MailSecurity;
  user: string;
  from: string;
  plainConfirmed: boolean;
  trustedCertificate: string | null;
  /** The trusted certificate itself, so a connection can accept exactly it (send-mail.ts); never shown. */
  trustedCertificatePem: string | null;
}

type Field = keyof StoredMailServer;

const CODECS: { [K in Field]: { encode(v: StoredMailServer[K]): string; decode(s: string): StoredMailServer[K] } } = {
  host: { encode: (v) => v, decode: (s) => s },
  port: { encode: String, decode: Number },
  security: { encode: (v) => v, decode: (s) => s as MailSecurity },
  user: { encode: (v) => v, decode: (s) => s },
  from: { encode: (v) => v, decode: (s) => s },
  plainConfirmed: { encode: (v) => (v ? '1' : '0'), decode: (s) => s === '1' },
  trustedCertificate: { encode: (v) => v ?? '', decode: (s) => s || null },
  trustedCertificatePem: { encode: (v) => v ?? '', decode: (s) => s || null },
};
const FIELDS = Object.keys(CODECS) as Field[];
const keyOf = (field: Field) => `mail.${field}`;
/** `mailHost`, `mailTrustedCertificate`: the audit's field names, camelCase like every settings field there. */
const auditField = (field: string) => `mail${field[0]!.toUpperCase()}${field.slice(1)}`;

export async function readStoredMailServer(db: Kysely<Schema>): Promise<StoredMailServer | null> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'mail.%').execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  if (!stored.get(keyOf('host'))) return null;
  const decode = <K extends Field>(field: K): StoredMailServer[K] => CODECS[field].decode(stored.get(keyOf(field)) ?? '');
  return Object.fromEntries(FIELDS.map((f) => [f, decode(f)])) as unknown as StoredMailServer;
}

/** What every method answers: never the password, only whether this PC keeps one and where. */
export async function getMailServer(ctx: CoreContext): Promise<MailServer | null> {
  const stored = await readStoredMailServer(ctx.db);
  if (!stored) return null;
  const { trustedCertificatePem: _pem, ...shown } = stored;
  return { ...shown, passwordSet: (await ctx.secrets.read()) !== null, passwordStore: ctx.secrets.kind };
}

/**
 * The encryption rules, checked before anything is written or sent: no encryption only on the local
 * network and only when confirmed (the password then crosses the wire readable); a trusted certificate
 * only where there is TLS. `prefix` names the field inside sendTestMail's `server`.
 */
export function checkMailSecurity(server: Pick<SaveMailServerInput, 'host' | 'security' | 'plainConfirmed' | 'trustedCertificate'>, prefix = ''): void {
  if (server.security === 'none') {
    if (!isLocalNetworkHost(server.host))
      throw invalidField(
        `${prefix}security`,
        'sending without encryption is only allowed to a server on the local network (a private address or a name ending in .local, .lan or .home.arpa); use STARTTLS or TLS',
      );
    if (!server.plainConfirmed)
      throw invalidField(`${prefix}plainConfirmed`, 'sending without encryption must be confirmed: the password and the reports cross the network readable');
    if (server.trustedCertificate !== null) throw invalidField(`${prefix}trustedCertificate`, 'a certificate can only be trusted with STARTTLS or TLS');
  }
}

/**
 * Saves the mail server: the settings in one transaction with their audit entries (old → new; the
 * password only as "created/changed/removed", never a value), the password into this PC's secret store
 * as the transaction's last step, so a store that cannot be written leaves the settings unchanged too.
 */
export async function saveMailServer(ctx: CoreContext, input: SaveMailServerInput): Promise<MailServer> {
  checkMailSecurity(input);
  const before = await readStoredMailServer(ctx.db);
  const pem = input.trustedCertificate === null ? null : await trustedCertificatePem(input, input.trustedCertificate, before);
  const next: StoredMailServer = {
    host: input.host,
    port: input.port,
    security: input.security,
    user: input.user,
    from: input.from,
    // Only meaningful without encryption; kept false otherwise so switching back asks again.
    plainConfirmed: input.security === 'none' && input.plainConfirmed,
    trustedCertificate: input.trustedCertificate,
    trustedCertificatePem: pem,
  };
  const storedPassword = input.password === undefined ? undefined : await ctx.secrets.read();
  const passwordChanges = input.password !== undefined && input.password !== storedPassword;

  await writeTransaction(ctx.db, async (trx) => {
    const old = await readStoredMailServer(trx);
    const changed = FIELDS.filter((f) => old === null || old[f] !== next[f]);
    for (const field of changed) {
      const value = (CODECS[field].encode as (v: unknown) => string)(next[field]);
      await trx
        .insertInto('settings')
        .values({ key: keyOf(field), value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    }
    const entries: AuditEntry[] = changed
      .filter((f) => f !== 'trustedCertificatePem')
      .map((field) => ({
        action: old === null ? ('create' as const) : ('amend' as const),
        entity: 'settings' as const,
        entityId: 0,
        field: auditField(field),
        oldValue: old?.[field] ?? undefined,
        newValue: next[field],
      }));
    // Like the PIN: that it changed, never what it is or was.
    if (passwordChanges) {
      const action = storedPassword === null ? 'create' : input.password === null ? 'delete' : 'amend';
      entries.push({ action, entity: 'settings', entityId: 0, field: 'mailPassword' });
    }
    await writeAudit(trx, ctx.now(), entries);
    if (passwordChanges) await ctx.secrets.write(input.password!);
  });
  return (await getMailServer(ctx))!;
}
