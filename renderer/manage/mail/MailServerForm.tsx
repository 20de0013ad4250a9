import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailOutcome, MailServer } from '../../../core/mail/mail-types';
import { MAIL_SECURITY, type MailSecurity } from '../../../core/mail/mail-inputs';
import { client } from '../../api/client';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import { ErrorText } from '../../ui/ErrorText';
import { reportLanguage } from '../../ui/format';
import { useAction } from '../../ui/use-action';
import { DEFAULT_PORTS, isMailAddress, mailTime, outcomeWords, serverDraft, serverInput, serverProblems, type ServerDraft } from './mail-words';

/**
 * The mail server: host, port (filled in from the encryption), encryption, user, a write-only password
 * ("gespeichert" when one is stored; a field to replace it, a button to remove it), sender. Below, a
 * test message and its outcome in plain words; a certificate the app does not trust can be trusted here.
 */
export function MailServerForm({ server, timeZone, onSaved }: { server: MailServer | null; timeZone: string; onSaved(): Promise<void> }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const lang = reportLanguage(i18n.language);
  const [draft, setDraft] = useState<ServerDraft>(() => serverDraft(server));
  const [shown, setShown] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [to, setTo] = useState('');
  const [outcome, setOutcome] = useState<MailOutcome | null>(null);
  const action = useAction();
  const problems = serverProblems(draft);
  const problem = (key: (typeof problems)[number]) => (shown && problems.includes(key) ? t(`mail.server.invalid.${key}`) : null);
  const dirty = JSON.stringify(serverInput(draft)) !== JSON.stringify(server && serverInput(serverDraft(server)));
  const set = (patch: Partial<ServerDraft>) => {
    setNotice(null);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const chooseSecurity = (security: MailSecurity) =>
    // A port still at the old encryption's usual one follows the new encryption; a port typed by hand stays.
    set({ security, ...(draft.port === String(DEFAULT_PORTS[draft.security]) && { port: String(DEFAULT_PORTS[security]) }) });

  const save = (extra: Partial<ServerDraft> = {}) => {
    setShown(true);
    if (problems.length > 0) return Promise.resolve(false);
    const next = { ...draft, ...extra };
    return action.run(async () => {
      await client.saveMailServer(serverInput(next));
      setDraft({ ...next, password: '', removePassword: false });
      setNotice(t('mail.server.saved'));
      await onSaved();
    });
  };

  const sendTest = () => {
    setShown(true);
    if (!isMailAddress(to) || (dirty && problems.length > 0)) return Promise.resolve(false);
    setOutcome(null);
    // Settings typed but not saved are tried as they stand; the stored password is used when none was typed.
    return action.run(async () => setOutcome(await client.sendTestMail({ to: to.trim(), ...(dirty && { server: serverInput(draft) }) })));
  };

  const trust = async (fingerprint: string) => {
    if (await save({ trustedCertificate: fingerprint })) {
      setNotice(t('mail.test.certificate.trusted'));
      setOutcome(null);
      await action.run(async () => setOutcome(await client.sendTestMail({ to: to.trim() })));
    }
  };

  return (
    <section className="panel mail-server" aria-labelledby={`${id}-heading`} data-testid="mail-server">
      <h3 id={`${id}-heading`}>{t('mail.server.heading')}</h3>
      <p className="note">{server ? t(`mail.server.passwordStore.${server.passwordStore}`) : t('mail.server.notSet')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="form-grid">
          <TextRow label={t('mail.server.host')} hint={problem('host') ?? t('mail.server.hostHint')} invalid={!!problem('host')} testId="mail-host">
            {(props) => <input {...props} type="text" autoComplete="off" value={draft.host} onChange={(e) => set({ host: e.target.value })} />}
          </TextRow>
          <label>
            <span>{t('mail.server.security')}</span>
            <select value={draft.security} onChange={(e) => chooseSecurity(e.target.value as MailSecurity)} data-testid="mail-security">
              {MAIL_SECURITY.map((s) => (
                <option key={s} value={s}>
                  {t(`mail.server.securities.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <TextRow label={t('mail.server.port')} hint={problem('port') ?? t('mail.server.portHint')} invalid={!!problem('port')} testId="mail-port">
            {(props) => <input {...props} type="text" inputMode="numeric" value={draft.port} onChange={(e) => set({ port: e.target.value })} />}
          </TextRow>
          <TextRow label={t('mail.server.user')} hint={t('mail.server.userHint')} invalid={false} testId="mail-user">
            {(props) => <input {...props} type="text" autoComplete="off" value={draft.user} onChange={(e) => set({ user: e.target.value })} />}
          </TextRow>
          <PasswordRow server={server} draft={draft} set={set} />
          <TextRow label={t('mail.server.from')} hint={problem('from') ?? t('mail.server.fromHint')} invalid={!!problem('from')} testId="mail-from">
            {(props) => <input {...props} type="email" autoComplete="off" value={draft.from} onChange={(e) => set({ from: e.target.value })} />}
          </TextRow>
        </div>
        {draft.security === 'none' && (
          <div className="mail-plain" data-testid="mail-plain">
            <p className="mail-warning">{t('mail.server.plainWarning')}</p>
            <label className="radio">
              <input
                type="checkbox"
                checked={draft.plainConfirmed}
                onChange={(e) => set({ plainConfirmed: e.target.checked })}
                data-testid="mail-plain-confirm"
              />
              {t('mail.server.plainConfirm')}
            </label>
            {problem('plain') && (
              <p className="form-error" role="alert" data-testid="mail-plain-missing">
                {problem('plain')}
              </p>
            )}
          </div>
        )}
        <div className="form-actions">
          <span className="saved-notice" role="status" data-testid="mail-server-notice">
            {notice}
          </span>
          <button type="submit" className="tool-button primary" disabled={action.busy} data-testid="mail-server-save">
            {t('mail.server.save')}
          </button>
        </div>
      </form>
      <form
        className="mail-test"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void sendTest();
        }}
      >
        <TextRow
          label={t('mail.test.to')}
          hint={shown && !isMailAddress(to) ? t('mail.server.invalid.to') : ''}
          invalid={shown && !isMailAddress(to)}
          testId="mail-test-to"
        >
          {(props) => <input {...props} type="email" value={to} onChange={(e) => setTo(e.target.value)} />}
        </TextRow>
        <button type="submit" className="tool-button" disabled={action.busy} data-testid="mail-test-send">
          {action.busy ? t('mail.test.sending') : t('mail.test.send')}
        </button>
      </form>
      <ErrorText error={action.error} testId="mail-server-error" />
      {outcome && (
        <div className={`mail-outcome ${outcome.ok ? 'ok' : 'failed'}`} role="status" data-testid="mail-test-outcome" data-kind={outcome.kind}>
          <p data-testid="mail-test-message">{outcomeWords(outcome, lang)}</p>
          {outcome.server && (
            <p className="sub" data-testid="mail-test-server">
              {t('mail.test.serverSaid', { line: outcome.server })}
            </p>
          )}
          {outcome.kind === 'certificateUntrusted' && outcome.certificate && (
            <CertificateTrust
              certificate={outcome.certificate}
              validTo={validDay(outcome.certificate.validTo, lang, timeZone)}
              busy={action.busy}
              onTrust={(f) => void trust(f)}
            />
          )}
        </div>
      )}
    </section>
  );
}

type InputProps = { id: string; 'aria-describedby': string; 'aria-invalid': boolean; 'data-testid': string };

/** A labelled text input with its hint, which turns into the problem when there is one. */
function TextRow({
  label,
  hint,
  invalid,
  testId,
  children,
}: {
  label: string;
  hint: string;
  invalid: boolean;
  testId: string;
  children(props: InputProps): React.ReactNode;
}) {
  const id = useId();
  return (
    <label htmlFor={id}>
      <span>{label}</span>
      {children({ id, 'aria-describedby': `${id}-hint`, 'aria-invalid': invalid, 'data-testid': testId })}
      <span id={`${id}-hint`} className={invalid ? 'hint invalid' : 'hint'} data-testid={`${testId}-hint`}>
        {hint}
      </span>
    </label>
  );
}

/** Write-only: the stored password is never shown, only whether there is one. */
function PasswordRow({ server, draft, set }: { server: MailServer | null; draft: ServerDraft; set(patch: Partial<ServerDraft>): void }) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  const stored = server?.passwordSet === true;
  return (
    <div className="mail-password">
      <TextRow
        label={stored ? `${t('mail.server.password')} (${t('mail.server.passwordSaved')})` : t('mail.server.password')}
        hint={
          draft.removePassword
            ? t('mail.server.passwordWillRemove')
            : stored
              ? t('mail.server.passwordReplaceHint')
              : // A saved login without a password here: this PC leaves the sending to one that keeps it (each PC keeps its own).
                t(server?.user ? 'mail.server.passwordMissingHere' : 'mail.server.passwordNone')
        }
        invalid={false}
        testId="mail-password"
      >
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            placeholder={stored ? t('mail.server.passwordReplace') : ''}
            disabled={draft.removePassword}
            value={draft.password}
            onChange={(e) => set({ password: e.target.value })}
          />
        )}
      </TextRow>
      {stored && (
        <button
          type="button"
          className="link-button"
          onClick={() => set({ removePassword: !draft.removePassword, password: '' })}
          data-testid="mail-password-remove"
        >
          {draft.removePassword ? t('mail.server.passwordKeep') : t('mail.server.passwordRemove')}
        </button>
      )}
    </div>
  );
}

function CertificateTrust({
  certificate,
  validTo,
  busy,
  onTrust,
}: {
  certificate: NonNullable<MailOutcome['certificate']>;
  validTo: string;
  busy: boolean;
  onTrust(fingerprint: string): void;
}) {
  const { t } = useTranslation(MANAGE_NAMESPACE);
  return (
    <div className="mail-certificate" data-testid="mail-certificate">
      <h4>{t('mail.test.certificate.heading')}</h4>
      <p className="note">{t('mail.test.certificate.intro')}</p>
      <dl>
        <dt>{t('mail.test.certificate.fingerprint')}</dt>
        <dd>
          <code data-testid="mail-certificate-fingerprint">{certificate.fingerprint}</code>
        </dd>
        <dt>{t('mail.test.certificate.subject')}</dt>
        <dd data-testid="mail-certificate-subject">{certificate.subject}</dd>
        <dt>{t('mail.test.certificate.validTo')}</dt>
        <dd data-testid="mail-certificate-valid">{validTo}</dd>
      </dl>
      <button type="button" className="tool-button" disabled={busy} onClick={() => onTrust(certificate.fingerprint)} data-testid="mail-certificate-trust">
        {t('mail.test.certificate.trust')}
      </button>
    </div>
  );
}

/** The certificate's end of validity as a local time; as the server gave it when it is no date. */
const validDay = (validTo: string, lang: 'de' | 'en', timeZone: string) => (Number.isNaN(Date.parse(validTo)) ? validTo : mailTime(validTo, lang, timeZone));
