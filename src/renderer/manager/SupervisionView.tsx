import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hallApi } from '../../shared/hall-api.js';
import { HALL_EVENT_TYPES, type HallEventType } from '../../shared/hall-events.js';
import { localDateTimeText } from '../../shared/local-date.js';
import type { AuditQuery, AuditRow, AuditVerification } from '../../shared/supervision.js';
import { Button } from '../design/Button.js';
import { Field } from '../design/Field.js';
import { Notice } from '../design/Notice.js';
import { consoleApi, exportUrl } from './console-client.js';
import { DeadlineCardsPanel } from './DeadlineCardsPanel.js';
import { useConsoleAction } from './use-console-action.js';
import { ConsoleTable } from './ConsoleTable.js';

type Filter = { from: string; to: string; actor: string; type: HallEventType | '' };

/** The filter as the hall's query takes it: what is empty is left out. */
const queryOf = (filter: Filter): Record<string, string> =>
  Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== '')) as Record<string, string>;

/**
 * 电子监察: the hall's chained log, who did what when, filtered and paged; checked whole and against the
 * platform's anchors at a press; exported as CSV to read and as the chain itself for a third party.
 */
export function SupervisionView({ today, timeZone }: { today: string; timeZone: string }) {
  const { t } = useTranslation('manager');
  const load = useConsoleAction();
  const check = useConsoleAction();
  const [filter, setFilter] = useState<Filter>({ from: today, to: today, actor: '', type: '' });
  const [shown, setShown] = useState<Filter>(filter);
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [verification, setVerification] = useState<AuditVerification>();

  const read = (wanted: Filter, before?: number) =>
    load.run(async () => {
      const page = await consoleApi.auditLog({ ...(queryOf(wanted) as AuditQuery), ...(before ? { before } : {}) });
      setRows((current) => (before ? [...current, ...page.rows] : page.rows));
      setNextBefore(page.nextBefore);
      setShown(wanted);
    });
  // Today's log when the page opens; later pages on 查询 and 更早的记录.
  useEffect(() => {
    void read(filter);
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void read(filter);
  };
  const set = (patch: Partial<Filter>) => setFilter((current) => ({ ...current, ...patch }));
  const actorText = (row: AuditRow) => {
    if (row.actorName) return t('audit.manager', { name: row.actorName });
    if (row.actor === 'hall') return t('audit.actors.hall');
    if (row.actor === 'hall-admin') return t('audit.actors.admin');
    if (row.actor === 'unenrolled') return t('audit.actors.unenrolled');
    return row.actor;
  };

  return (
    <div className="console-supervision">
      <section className="console-panel" aria-labelledby="audit-verify-title">
        <div className="console-panel-head">
          <h2 id="audit-verify-title">{t('audit.verifyTitle')}</h2>
          <Button
            variant="primary"
            disabled={check.busy}
            onClick={() => void check.run(async () => setVerification(await consoleApi.auditVerify()))}
          >
            {check.busy ? t('audit.verifying') : t('audit.verify')}
          </Button>
        </div>
        <p className="console-aside">{t('audit.verifyHint')}</p>
        {check.error && <Notice tone="bad">{check.error}</Notice>}
        {verification && (
          <div data-testid="audit-verdict">
            <Notice tone={verification.intact ? 'ok' : 'bad'}>
              <strong>{verification.verdict}</strong>
              <div>
                {t('audit.checked', {
                  at: localDateTimeText(verification.checkedAt, timeZone),
                  entries: verification.entries,
                  seq: verification.lastSeq,
                })}
              </div>
              <div>
                {verification.platform.state === 'checked'
                  ? t('audit.platformChecked', {
                      anchors: verification.platform.anchors,
                      matched: verification.platform.matched,
                      seq: verification.platform.newestSeq ?? '—',
                      at: verification.platform.newestAt ? localDateTimeText(verification.platform.newestAt, timeZone) : '—',
                    })
                  : verification.platform.state === 'unconfigured'
                    ? t('audit.platformUnconfigured')
                    : t('audit.platformUnreachable', { message: verification.platform.message })}
              </div>
            </Notice>
            {verification.problems.length > 0 && (
              <ul className="console-problems">
                {verification.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
      <DeadlineCardsPanel timeZone={timeZone} />
      <section className="console-panel" aria-labelledby="audit-log-title">
        <h2 id="audit-log-title">{t('audit.title')}</h2>
        <form className="console-rule-form" onSubmit={submit} aria-label={t('audit.filter')}>
          <Field label={t('stats.from')}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={filter.from}
                max={filter.to || undefined}
                onChange={(event) => set({ from: event.target.value })}
              />
            )}
          </Field>
          <Field label={t('stats.to')}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={filter.to}
                min={filter.from || undefined}
                onChange={(event) => set({ to: event.target.value })}
              />
            )}
          </Field>
          <Field label={t('audit.actor')} hint={t('audit.actorHint')}>
            {(control) => (
              <input {...control} value={filter.actor} maxLength={60} onChange={(event) => set({ actor: event.target.value })} />
            )}
          </Field>
          <Field label={t('audit.type')}>
            {(control) => (
              <select {...control} value={filter.type} onChange={(event) => set({ type: event.target.value as HallEventType | '' })}>
                <option value="">{t('audit.allTypes')}</option>
                {HALL_EVENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`events.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Button type="submit" variant="primary" disabled={load.busy}>
            {t('audit.search')}
          </Button>
          <a className="ds-button ds-button-secondary" href={exportUrl(hallApi.auditCsv, queryOf(shown))} download>
            {t('audit.exportCsv')}
          </a>
          <a className="ds-button ds-button-secondary" href={exportUrl(hallApi.auditChain, {})} download>
            {t('audit.exportChain')}
          </a>
        </form>
        {load.error && <Notice tone="bad">{load.error}</Notice>}
        {rows.length === 0 && !load.busy && <p className="console-aside">{t('audit.none')}</p>}
        {rows.length > 0 && (
          <ConsoleTable
            testId="audit-rows"
            columns={[
              t('audit.seq'),
              t('audit.at'),
              t('audit.who'),
              t('audit.what'),
              t('audit.window'),
              t('audit.ticket'),
              t('audit.subject'),
            ]}
          >
            {rows.map((row) => (
              <tr key={row.seq} data-type={row.type}>
                <td className="console-number-small">{row.seq}</td>
                <td>{localDateTimeText(row.at, timeZone)}</td>
                <td>{actorText(row)}</td>
                <td>{t(`events.${row.type}`)}</td>
                <td>{row.windowNumber ?? ''}</td>
                <td>{row.ticketNumber ?? ''}</td>
                <td>{row.subject ?? ''}</td>
              </tr>
            ))}
          </ConsoleTable>
        )}
        {nextBefore !== null && (
          <Button disabled={load.busy} onClick={() => void read(shown, nextBefore)}>
            {t('audit.older')}
          </Button>
        )}
      </section>
    </div>
  );
}
