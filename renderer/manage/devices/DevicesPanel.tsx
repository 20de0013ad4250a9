import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACE } from '../../i18n/i18n';
import type { Catalog } from '../../../core/catalog/catalog-types';
import type { DeviceInfo, SharingState } from '../../../core/devices/device-types';
import { client } from '../../api/client';
import { backupTime } from '../backup/backup-format';
import { activeOnly } from '../../desk/catalog-labels';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useAction } from '../../ui/use-action';

/** One change the panel makes, then reloads. */
interface Work {
  (): Promise<unknown>;
}

/** How often the open panel asks again: a device paired on the tablet shows up here by itself. */
const POLL_MS = 3_000;

/** "482916" → "482 916": easier to read out across the counter. */
export const spacedCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

/**
 * LAN desk mode in the management area: the sharing switch, the address and the one-time code for
 * the next device, and the paired devices with their desk and last contact, each revocable.
 */
export function DevicesPanel({ catalog }: { catalog: Catalog }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACE);
  const id = useId();
  const desks = activeOnly(catalog.desks);
  const [sharing, setSharing] = useState<SharingState | null>(null);
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [deskId, setDeskId] = useState<number | undefined>(desks[0]?.id);
  const { busy, error, setError, run: runAction } = useAction();
  const [revoking, setRevoking] = useState<DeviceInfo | null>(null);
  const time = (iso: string) => backupTime(Date.parse(iso), i18n.language, catalog.settings.timeZone);
  const deskName = (deskId: number | null) => catalog.desks.find((d) => d.id === deskId)?.name ?? desks[0]?.name ?? '–';

  const load = useCallback(async () => {
    const [s, d] = await Promise.all([client.getSharing({}), client.listDevices({})]);
    setSharing(s);
    setDevices(d.devices);
  }, []);
  useEffect(() => {
    void load().catch(setError);
    const timer = setInterval(() => void load().catch(() => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [load, setError]);

  const run = (work: Work) =>
    runAction(async () => {
      await work();
      await load();
    });

  const code = sharing?.pairingCode ?? null;
  const active = devices?.filter((d) => d.revokedAt === null) ?? [];
  const revoked = devices?.filter((d) => d.revokedAt !== null) ?? [];

  return (
    <section className="panel devices" aria-labelledby={`${id}-heading`} data-testid="devices-panel">
      <h2 id={`${id}-heading`}>{t('devices.heading')}</h2>
      <p className="note">{t('devices.intro')}</p>

      <label className="sharing-switch">
        <input
          type="checkbox"
          role="switch"
          checked={sharing?.enabled ?? false}
          disabled={busy || sharing === null}
          onChange={(e) => void run(() => client.setSharing({ enabled: e.target.checked }))}
          data-testid="sharing-switch"
        />
        <span>{t('devices.switch')}</span>
      </label>
      <p className="sharing-state" role="status" data-testid="sharing-state">
        {sharing === null
          ? '…'
          : !sharing.enabled
            ? t('devices.off')
            : sharing.listening
              ? t('devices.listening', { port: sharing.port })
              : t(`devices.problems.${sharing.problem ?? 'cannotListen'}`, { port: sharing.port ?? '–' })}
      </p>

      {sharing?.enabled && sharing.listening && (
        <div className="pairing-box">
          <h3>{t('devices.pairHeading')}</h3>
          <ol className="pairing-steps">
            <li>
              {t('devices.stepOpen')}{' '}
              {sharing.addresses.length === 0 ? (
                <em>{t('devices.noAddress')}</em>
              ) : (
                sharing.addresses.map((a) => (
                  <code key={a} className="lan-address" data-testid="lan-address">
                    {a}
                  </code>
                ))
              )}
            </li>
            <li>{t('devices.stepCode')}</li>
          </ol>
          <div className="pairing-actions">
            {desks.length > 1 && (
              <label>
                <span>{t('devices.desk')}</span>
                <select value={deskId} onChange={(e) => setDeskId(Number(e.target.value))} data-testid="pairing-desk">
                  {desks.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button
              type="button"
              className="tool-button primary"
              disabled={busy}
              onClick={() => void run(() => client.createPairingCode(deskId === undefined ? {} : { deskId }))}
              data-testid="create-code"
            >
              {code ? t('devices.newCode') : t('devices.createCode')}
            </button>
          </div>
          {code && (
            <p className="pairing-code" data-testid="pairing-code-shown">
              <span className="code" data-code={code.code}>
                {spacedCode(code.code)}
              </span>
              <span className="hint">{t('devices.codeHint', { time: time(code.expiresAt), desk: deskName(code.deskId) })}</span>
            </p>
          )}
        </div>
      )}

      <ErrorText error={error} testId="devices-error" />

      <table className="report-table device-list" data-testid="device-list">
        <caption>{t('devices.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('devices.name')}</th>
            <th scope="col">{t('devices.desk')}</th>
            <th scope="col">{t('devices.pairedAt')}</th>
            <th scope="col">{t('devices.lastSeen')}</th>
            <th scope="col">{t('today.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {devices !== null && active.length === 0 && (
            <tr>
              <td colSpan={5}>{t('devices.none')}</td>
            </tr>
          )}
          {active.map((d) => (
            <tr key={d.id} data-testid="device-row" data-name={d.name}>
              <td>{d.name}</td>
              <td>{deskName(d.deskId)}</td>
              <td>{time(d.pairedAt)}</td>
              <td>{d.lastSeenAt ? time(d.lastSeenAt) : '–'}</td>
              <td>
                <button type="button" className="tool-button" disabled={busy} onClick={() => setRevoking(d)} data-testid="device-revoke">
                  {t('devices.revoke')}
                </button>
              </td>
            </tr>
          ))}
          {revoked.map((d) => (
            <tr key={d.id} className="revoked" data-testid="device-row-revoked" data-name={d.name}>
              <td>{d.name}</td>
              <td>{deskName(d.deskId)}</td>
              <td>{time(d.pairedAt)}</td>
              <td>{d.lastSeenAt ? time(d.lastSeenAt) : '–'}</td>
              <td>{t('devices.revokedAt', { time: time(d.revokedAt!) })}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {revoking && (
        <Dialog
          testId="revoke-confirm"
          title={t('devices.revokeTitle', { name: revoking.name })}
          onClose={() => setRevoking(null)}
          onSubmit={() => {
            const device = revoking;
            setRevoking(null);
            void run(() => client.revokeDevice({ id: device.id }));
          }}
        >
          <p>{t('devices.revokeText')}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setRevoking(null)}>
              {t('edit.cancel')}
            </button>
            <button type="submit" className="primary" data-testid="revoke-confirm-button">
              {t('devices.revoke')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
