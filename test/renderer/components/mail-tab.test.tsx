// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MailOutcome, MailSchedule, MailServer } from '../../../core/mail/mail-types';
import { MailServerForm } from '../../../renderer/manage/mail/MailServerForm';
import { ScheduleEditor } from '../../../renderer/manage/mail/ScheduleEditor';
import { setUpTexts } from './ui-texts';

const api = vi.hoisted(() => ({ saveMailServer: vi.fn(), sendTestMail: vi.fn() }));
vi.mock('../../../renderer/api/client', () => ({ client: api }));

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':');

const stored: MailServer = {
  host: 'mail.leibnitz.at',
  port: 587,
  security: 'starttls',
  user: 'kontaktdesk',
  passwordSet: true,
  from: 'berichte@leibnitz.at',
  plainConfirmed: false,
  trustedCertificate: null,
  passwordStore: 'file',
};

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const click = (testId: string) => act(async () => void fireEvent.click(screen.getByTestId(testId)));
const hint = (testId: string) => screen.getByTestId(`${testId}-hint`).textContent;

beforeAll(setUpTexts);
beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.saveMailServer.mockImplementation(async (input: object) => ({ ...stored, ...input }));
});
afterEach(cleanup);

describe('the mail server form', () => {
  it('names each wrong field in words and sends nothing until the form is right', async () => {
    render(<MailServerForm timeZone="Europe/Vienna" server={null} onSaved={() => Promise.resolve()} />);
    type('mail-host', 'https://mail.leibnitz.at:587');
    type('mail-port', '70000');
    type('mail-from', 'berichte at leibnitz');
    await click('mail-server-save');
    expect(api.saveMailServer).not.toHaveBeenCalled();
    expect(hint('mail-host')).toBe('Bitte den Server ohne https:// und ohne Port angeben, z. B. mail.leibnitz.at.');
    expect(hint('mail-port')).toBe('Der Port ist eine Zahl von 1 bis 65535.');
    expect(hint('mail-from')).toBe('Bitte eine E-Mail-Adresse wie berichte@leibnitz.at angeben.');
    expect(screen.getByTestId('mail-host').getAttribute('aria-invalid')).toBe('true');

    type('mail-host', 'mail.leibnitz.at');
    type('mail-port', '587');
    type('mail-from', 'berichte@leibnitz.at');
    await click('mail-server-save');
    expect(api.saveMailServer).toHaveBeenCalledTimes(1);
    // No password typed: the key stays out, so a stored one would stay.
    expect(api.saveMailServer.mock.calls[0]![0]).toEqual({
      host: 'mail.leibnitz.at',
      port: 587,
      security: 'starttls',
      user: '',
      from: 'berichte@leibnitz.at',
      plainConfirmed: false,
      trustedCertificate: null,
    });
  });

  it('fills in the usual port for the encryption and takes "ohne" only with the local-network confirmation', async () => {
    render(<MailServerForm timeZone="Europe/Vienna" server={stored} onSaved={() => Promise.resolve()} />);
    fireEvent.change(screen.getByTestId('mail-security'), { target: { value: 'tls' } });
    expect((screen.getByTestId('mail-port') as HTMLInputElement).value).toBe('465');
    fireEvent.change(screen.getByTestId('mail-security'), { target: { value: 'none' } });
    expect((screen.getByTestId('mail-port') as HTMLInputElement).value).toBe('25');
    expect(screen.getByTestId('mail-plain').textContent).toContain('Passwort und Berichte lesbar');
    await click('mail-server-save');
    expect(api.saveMailServer).not.toHaveBeenCalled();
    expect(screen.getByTestId('mail-plain-missing').textContent).toBe('Ohne Verschlüsselung nur mit der Bestätigung, dass der Server im lokalen Netz steht.');

    fireEvent.click(screen.getByTestId('mail-plain-confirm'));
    await click('mail-server-save');
    expect(api.saveMailServer).toHaveBeenCalledTimes(1);
    expect(api.saveMailServer.mock.calls[0]![0]).toMatchObject({ security: 'none', port: 25, plainConfirmed: true });

    // A port typed by hand stays when the encryption changes.
    type('mail-port', '2525');
    fireEvent.change(screen.getByTestId('mail-security'), { target: { value: 'starttls' } });
    expect((screen.getByTestId('mail-port') as HTMLInputElement).value).toBe('2525');
  });

  it('never shows the stored password: "gespeichert", a field to replace it and a button to remove it', async () => {
    render(<MailServerForm timeZone="Europe/Vienna" server={stored} onSaved={() => Promise.resolve()} />);
    expect(screen.getByText('Passwort (gespeichert)')).toBeTruthy();
    expect((screen.getByTestId('mail-password') as HTMLInputElement).value).toBe('');
    type('mail-password', 'neu-geheim');
    await click('mail-server-save');
    expect(api.saveMailServer.mock.calls[0]![0]).toMatchObject({ password: 'neu-geheim' });
    expect((screen.getByTestId('mail-password') as HTMLInputElement).value).toBe('');

    await click('mail-password-remove');
    expect(hint('mail-password')).toBe('Das Passwort wird beim Speichern entfernt.');
    await click('mail-server-save');
    expect(api.saveMailServer.mock.calls[1]![0]).toMatchObject({ password: null });
  });

  it('a saved login without a password on this PC says that this PC sends no reports; without a login, just "keines gespeichert"', () => {
    render(<MailServerForm timeZone="Europe/Vienna" server={{ ...stored, passwordSet: false }} onSaved={() => Promise.resolve()} />);
    expect(hint('mail-password')).toBe('auf diesem PC keines gespeichert: dieser PC versendet keine Berichte, bis es hier eingegeben ist');
    cleanup();
    render(<MailServerForm timeZone="Europe/Vienna" server={{ ...stored, user: '', passwordSet: false }} onSaved={() => Promise.resolve()} />);
    expect(hint('mail-password')).toBe('keines gespeichert');
  });

  it('shows an untrusted certificate with its fingerprint; trusting it saves the fingerprint and sends again', async () => {
    const untrusted: MailOutcome = {
      ok: false,
      kind: 'certificateUntrusted',
      message: { de: 'Der Server zeigt ein Zertifikat, dem die App nicht vertraut.', en: 'The server shows a certificate the app does not trust.' },
      certificate: { fingerprint: FINGERPRINT, subject: 'CN=mail.leibnitz.local', validTo: '2027-12-31T10:00:00.000Z' },
    };
    const sent: MailOutcome = { ok: true, kind: 'sent', message: { de: 'Die Testnachricht wurde angenommen.', en: 'Accepted.' }, server: '250 OK queued' };
    api.sendTestMail.mockResolvedValueOnce(untrusted).mockResolvedValueOnce(sent);
    render(<MailServerForm timeZone="Europe/Vienna" server={stored} onSaved={() => Promise.resolve()} />);

    type('mail-test-to', 'nicht-eine-adresse');
    await click('mail-test-send');
    expect(api.sendTestMail).not.toHaveBeenCalled();
    expect(hint('mail-test-to')).toBe('Bitte eine E-Mail-Adresse angeben.');

    type('mail-test-to', 'it@leibnitz.at');
    await click('mail-test-send');
    expect(api.sendTestMail).toHaveBeenLastCalledWith({ to: 'it@leibnitz.at' });
    expect(screen.getByTestId('mail-test-message').textContent).toBe('Der Server zeigt ein Zertifikat, dem die App nicht vertraut.');
    const certificate = screen.getByTestId('mail-certificate');
    expect(within(certificate).getByTestId('mail-certificate-fingerprint').textContent).toBe(FINGERPRINT);
    expect(within(certificate).getByTestId('mail-certificate-subject').textContent).toBe('CN=mail.leibnitz.local');
    expect(within(certificate).getByTestId('mail-certificate-valid').textContent).toBe('31.12.2027, 11:00');

    await click('mail-certificate-trust');
    expect(api.saveMailServer).toHaveBeenCalledTimes(1);
    expect(api.saveMailServer.mock.calls[0]![0]).toMatchObject({ host: 'mail.leibnitz.at', trustedCertificate: FINGERPRINT });
    expect(api.saveMailServer.mock.calls[0]![0]).not.toHaveProperty('password');
    expect(api.sendTestMail).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('mail-test-message').textContent).toBe('Die Testnachricht wurde angenommen.');
    expect(screen.getByTestId('mail-test-server').textContent).toBe('Antwort des Servers: 250 OK queued');
    expect(screen.queryByTestId('mail-certificate')).toBeNull();
  });
});

describe('the schedule editor', () => {
  const onSave = vi.fn();
  const renderEditor = (schedule: MailSchedule | null = null, pdfAvailable = false) =>
    render(<ScheduleEditor schedule={schedule} views={[]} pdfAvailable={pdfAvailable} busy={false} error={null} onSave={onSave} onClose={() => undefined} />);
  const addRecipient = (address: string) => {
    type('schedule-recipient-new', address);
    fireEvent.click(screen.getByTestId('schedule-recipient-add'));
  };
  beforeEach(() => onSave.mockReset());

  it('takes recipients one by one and says why an address is refused', () => {
    renderEditor();
    addRecipient('gemeinderat@leibnitz');
    expect(screen.getByTestId('schedule-recipient-problem').textContent).toBe('„gemeinderat@leibnitz“ ist keine E-Mail-Adresse wie berichte@leibnitz.at.');
    addRecipient('gemeinderat@leibnitz.at');
    addRecipient('Gemeinderat@leibnitz.at');
    expect(screen.getByTestId('schedule-recipient-problem').textContent).toBe('„Gemeinderat@leibnitz.at“ steht schon in der Liste.');
    expect(screen.getAllByTestId('schedule-recipient').map((r) => r.textContent)).toEqual(['gemeinderat@leibnitz.at×']);
    fireEvent.click(screen.getByTestId('schedule-recipient-remove'));
    expect(screen.queryAllByTestId('schedule-recipient')).toHaveLength(0);
    type('schedule-recipient-new', '');
    type('schedule-name', 'Monatsbericht');
    fireEvent.submit(screen.getByTestId('schedule-save').closest('form')!);
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByTestId('schedule-recipients-missing').textContent).toBe('Mindestens ein Empfänger.');
  });

  it('sends the publication version by default; turning it off needs the confirmation that the recipients may see unpublished figures', () => {
    renderEditor();
    type('schedule-name', 'Monatsbericht Gemeinderat');
    addRecipient('gemeinderat@leibnitz.at');
    expect((screen.getByTestId('schedule-publication') as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByTestId('schedule-unpublished')).toBeNull();
    fireEvent.click(screen.getByTestId('schedule-publication'));
    expect(screen.getByTestId('schedule-unpublished').textContent).toContain('die ungeschützten Zahlen');
    fireEvent.submit(screen.getByTestId('schedule-save').closest('form')!);
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByTestId('schedule-unpublished-missing').textContent).toBe(
      'Bitte bestätigen, dass die Empfänger die unveröffentlichten Zahlen sehen dürfen.',
    );

    fireEvent.click(screen.getByTestId('schedule-unpublished-confirm'));
    fireEvent.click(screen.getByTestId('schedule-rule-lastQuarter'));
    fireEvent.click(screen.getByTestId('schedule-format-csv'));
    fireEvent.submit(screen.getByTestId('schedule-save').closest('form')!);
    expect(onSave).toHaveBeenCalledWith({
      name: 'Monatsbericht Gemeinderat',
      recipients: ['gemeinderat@leibnitz.at'],
      rule: 'lastQuarter',
      viewId: null,
      publication: false,
      publicationMethod: 'cellKey',
      unpublishedConfirmed: true,
      formats: ['csv'],
      language: 'de',
      enabled: true,
    });
  });

  it('offers PDF only where the desktop app prints one', () => {
    renderEditor(null, false);
    const pdf = screen.getByTestId('schedule-format-pdf') as HTMLInputElement;
    expect(pdf.disabled).toBe(true);
    expect(pdf.closest('label')!.textContent).toContain('nur in der Desktop-App');
    cleanup();
    renderEditor(null, true);
    expect((screen.getByTestId('schedule-format-pdf') as HTMLInputElement).disabled).toBe(false);
  });
});
