import { z } from 'zod';
import { catalogId } from '../base/primitive-schemas';
import { hasControlCharacter } from '../base/control-characters';
import { publicationMethodSchema } from '../publication/publication-inputs';

/** The encryption the app speaks to the mail server with (README, "Berichtsversand"). */
export const MAIL_SECURITY = ['starttls', 'tls', 'none'] as const;
export type MailSecurity = (typeof MAIL_SECURITY)[number];

/** A plain e-mail address (no display name), as a town's mail server accepts it. */
export const mailAddressSchema = z
  .string()
  .trim()
  .max(254, 'an e-mail address has at most 254 characters')
  .regex(
    /^[^\s@<>(),;:"\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/,
    'an e-mail address like berichte@leibnitz.at',
  );

/** A host name or IPv4/IPv6 address, without scheme or port. */
export const mailHostSchema = z
  .string()
  .trim()
  .min(1, 'the mail server, e.g. mail.leibnitz.at')
  .max(253)
  .refine(
    (h) => /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(h) || /^\[[0-9a-fA-F:.]+\]$/.test(h),
    'a host name like mail.leibnitz.at (or an address), without https:// or a port',
  );

/**
 * Saves the mail server. `password` left out: the stored one stays; `null`: removed. `security: 'none'`
 * is refused unless the host is on the local network (a private or loopback address, or a name ending
 * in .local / .lan) and `plainConfirmed` is true. `trustedCertificate`: the SHA-256 fingerprint of a
 * self-signed certificate management chose to trust ("Zertifikat vertrauen"), else null.
 */
export const saveMailServerSchema = z.strictObject({
  host: mailHostSchema,
  port: z.number().int().min(1).max(65535),
  security: z.enum(MAIL_SECURITY),
  user: z
    .string()
    .max(254)
    .refine((u) => !hasControlCharacter(u), 'no control characters'),
  password: z.string().max(1024).nullable().optional(),
  from: mailAddressSchema,
  plainConfirmed: z.boolean().default(false),
  trustedCertificate: z
    .string()
    .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'a SHA-256 fingerprint as the server presents it (AB:CD:…)')
    .nullable()
    .default(null),
});

/** Sends one test message with the saved settings (or those given, not yet saved) to `to`. */
export const sendTestMailSchema = z.strictObject({ to: mailAddressSchema, server: saveMailServerSchema.optional() });

/** When a schedule is due and which period it sends (core/mail/due-periods.ts). */
export const MAIL_RULES = ['lastMonth', 'lastQuarter', 'lastYear'] as const;
export type MailRule = (typeof MAIL_RULES)[number];

export const MAIL_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type MailFormat = (typeof MAIL_FORMATS)[number];

/**
 * A schedule. The period always follows `rule` ("last month" on the 1st, "last quarter" on the 1st of
 * Jan/Apr/Jul/Oct, "last year" on 2 January); `viewId` optionally takes the filters, sections, method and
 * topic groups of a saved view. Publication mode is on by default; `publication: false` needs
 * `unpublishedConfirmed: true` (the recipients then stand in the audit trail).
 */
export const saveMailScheduleSchema = z
  .strictObject({
    id: catalogId.optional(),
    name: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .refine((s) => !hasControlCharacter(s), 'no line breaks or control characters'),
    recipients: z.array(mailAddressSchema).min(1, 'at least one recipient').max(50),
    rule: z.enum(MAIL_RULES),
    viewId: catalogId.nullable().default(null),
    publication: z.boolean().default(true),
    publicationMethod: publicationMethodSchema,
    unpublishedConfirmed: z.boolean().default(false),
    /**
     * Attachments: the report's tables as XLSX and CSV (never raw data), and a PDF of the page where the
     * shell can print one (`CoreContext.printPdf`, the desktop app's electron/print-html-pdf.ts). Where it cannot (browser mode,
     * the command line), `pdf` is still saved, since the same database may be used from the desktop app,
     * and the mail goes out without it, saying so in both parts.
     */
    formats: z.array(z.enum(MAIL_FORMATS)).max(3).default([]),
    language: z.enum(['de', 'en']).default('de'),
    enabled: z.boolean().default(true),
  })
  .refine((s) => s.publication || s.unpublishedConfirmed, {
    message: 'a schedule that sends figures without publication mode must be confirmed',
    path: ['unpublishedConfirmed'],
  });

export const deleteMailScheduleSchema = z.strictObject({ id: catalogId });
export const listMailSchedulesSchema = z.strictObject({});
export const getMailServerSchema = z.strictObject({});
export const listMailDeliveriesSchema = z.strictObject({ limit: z.number().int().min(1).max(500).default(100) });
/** Sends a schedule's most recent due period now (the management area's "Jetzt senden", `npm run report -- --mail`). */
export const sendMailScheduleNowSchema = z.strictObject({ id: catalogId });

export type SaveMailServerInput = z.output<typeof saveMailServerSchema>;
export type SendTestMailInput = z.output<typeof sendTestMailSchema>;
export type SaveMailScheduleInput = z.output<typeof saveMailScheduleSchema>;
