import QRCode from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleTerminal } from '../../shared/console-terminals.js';
import type { ConsoleSettings } from '../../shared/hall-settings.js';
import { localDateTimeText } from '../../shared/local-date.js';
import { TERMINAL_ROLES, type TerminalRole } from '../../shared/roles.js';
import { Button } from '../design/Button.js';
import { Dialog } from '../design/Dialog.js';
import { Field } from '../design/Field.js';
import { Notice } from '../design/Notice.js';
import { consoleApi } from './console-client.js';
import { useConsoleAction } from './use-console-action.js';
import { ConsoleTable } from './ConsoleTable.js';

interface IssuedCode {
  terminalId: string;
  code: string;
  expiresAt: string;
  qr: string;
}

/**
 * The hall's terminals and their enrolment: a one-time code for a new terminal (or one whose token is to be
 * replaced), shown as text to read out and as a QR for the installer's scanner; a terminal revoked at once.
 */
export function TerminalsPanel({
  seq,
  timeZone,
  windows,
  canChange,
}: {
  seq: number;
  timeZone: string;
  windows: ConsoleSettings['windows'];
  canChange: boolean;
}) {
  const { t } = useTranslation('manager');
  const action = useConsoleAction();
  const [terminals, setTerminals] = useState<ConsoleTerminal[]>();
  const [issued, setIssued] = useState<IssuedCode>();
  const [terminalId, setTerminalId] = useState('');
  const [role, setRole] = useState<TerminalRole>('kiosk');
  const [window, setWindow] = useState<number | null>(null);
  const [hours, setHours] = useState(24);
  useEffect(() => {
    consoleApi.terminals().then(
      (list) => setTerminals(list.terminals),
      () => undefined,
    );
  }, [seq, issued]);

  const issue = (terminal: { terminalId: string; role: TerminalRole; window: number | null }) =>
    action.run(async () => {
      const code = await consoleApi.enrol({ ...terminal, validHours: hours });
      setDone(undefined);
      setIssued({ ...code, qr: await QRCode.toDataURL(code.code, { margin: 1, width: 200 }) });
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await issue({ terminalId: terminalId.trim(), role, window: role === 'counter' ? window : null })) setTerminalId('');
  };
  const [revoking, setRevoking] = useState<string>();
  const [done, setDone] = useState<string>();
  const revoke = (id: string) =>
    action.run(async () => {
      setTerminals((await consoleApi.revoke(id)).terminals);
      setRevoking(undefined);
      setIssued(undefined);
      setDone(t('enrolment.revokedDone', { id }));
    });
  const state = (terminal: ConsoleTerminal) => {
    if (terminal.revokedAt) return t('enrolment.revoked', { at: localDateTimeText(terminal.revokedAt, timeZone) });
    if (terminal.codePendingUntil && terminal.source === 'code')
      return t('enrolment.pending', { until: localDateTimeText(terminal.codePendingUntil, timeZone) });
    if (terminal.source === 'config') return t('enrolment.listed');
    return t('enrolment.enrolled', { at: localDateTimeText(terminal.enrolledAt!, timeZone) });
  };

  return (
    <section className="console-panel" aria-labelledby="settings-terminals">
      <h2 id="settings-terminals">{t('enrolment.title')}</h2>
      {action.error && <Notice tone="bad">{action.error}</Notice>}
      {done && <Notice tone="ok">{done}</Notice>}
      <Dialog
        open={revoking !== undefined}
        title={t('enrolment.revokeTitle', { id: revoking ?? '' })}
        onClose={() => setRevoking(undefined)}
        actions={
          <>
            <Button variant="quiet" onClick={() => setRevoking(undefined)}>
              {t('enrolment.keep')}
            </Button>
            <Button variant="danger" disabled={action.busy} onClick={() => void revoke(revoking!)}>
              {t('enrolment.revokeConfirm')}
            </Button>
          </>
        }
      >
        <p>{t('enrolment.revokeHint')}</p>
      </Dialog>
      {issued && (
        <div className="console-enrolment" data-testid="enrolment-code">
          <img src={issued.qr} alt={t('enrolment.qr', { id: issued.terminalId })} width={200} height={200} />
          <div>
            <h3>{t('enrolment.codeTitle', { id: issued.terminalId })}</h3>
            <p className="console-code">{issued.code}</p>
            <p className="console-aside">
              {t('enrolment.codeHint', { code: issued.code, until: localDateTimeText(issued.expiresAt, timeZone) })}
            </p>
          </div>
        </div>
      )}
      {terminals && terminals.length === 0 && <p className="console-aside">{t('enrolment.none')}</p>}
      {terminals && terminals.length > 0 && (
        <ConsoleTable
          testId="terminals"
          columns={[
            t('enrolment.id'),
            t('enrolment.role'),
            t('enrolment.window'),
            t('enrolment.state'),
            <span className="visually-hidden">{t('enrolment.actions')}</span>,
          ]}
        >
          {terminals.map((terminal) => (
            <tr key={terminal.id}>
              <th scope="row">{terminal.id}</th>
              <td>{t(`enrolment.roles.${terminal.role}`)}</td>
              <td>{terminal.window ?? ''}</td>
              <td>{state(terminal)}</td>
              <td className="console-actions">
                {canChange && (
                  <Button
                    variant="quiet"
                    disabled={action.busy}
                    aria-label={t('enrolment.reissueNamed', { id: terminal.id })}
                    onClick={() => void issue({ terminalId: terminal.id, role: terminal.role, window: terminal.window })}
                  >
                    {t('enrolment.reissue')}
                  </Button>
                )}
                {canChange && !terminal.revokedAt && terminal.source !== 'code' && (
                  <Button
                    variant="quiet"
                    disabled={action.busy}
                    aria-label={t('enrolment.revokeNamed', { id: terminal.id })}
                    onClick={() => setRevoking(terminal.id)}
                  >
                    {t('enrolment.revoke')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </ConsoleTable>
      )}
      {canChange && (
        <form className="console-rule-form" onSubmit={(event) => void submit(event)} aria-label={t('enrolment.enrol')}>
          <Field label={t('enrolment.id')} hint={t('enrolment.idHint')}>
            {(control) => <input {...control} value={terminalId} maxLength={40} onChange={(event) => setTerminalId(event.target.value)} />}
          </Field>
          <Field label={t('enrolment.role')}>
            {(control) => (
              <select {...control} value={role} onChange={(event) => setRole(event.target.value as TerminalRole)}>
                {TERMINAL_ROLES.map((each) => (
                  <option key={each} value={each}>
                    {t(`enrolment.roles.${each}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {role === 'counter' && (
            <Field label={t('enrolment.window')}>
              {(control) => (
                <select
                  {...control}
                  value={window ?? ''}
                  onChange={(event) => setWindow(event.target.value === '' ? null : Number(event.target.value))}
                >
                  <option value="">{t('enrolment.chooseWindow')}</option>
                  {windows.map((each) => (
                    <option key={each.number} value={each.number}>
                      {t('windowName', { number: each.number, name: each.name })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label={t('enrolment.hours')}>
            {(control) => (
              <input
                {...control}
                className="ds-input console-input-short"
                type="number"
                min={1}
                max={168}
                value={hours}
                onChange={(event) => setHours(Number(event.target.value))}
              />
            )}
          </Field>
          <Button type="submit" variant="primary" disabled={action.busy}>
            {t('enrolment.issue')}
          </Button>
        </form>
      )}
    </section>
  );
}
