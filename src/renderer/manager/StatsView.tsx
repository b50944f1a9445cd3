import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hallApi } from '../../shared/hall-api.js';
import { STATS_GROUPS, statsRows, type HallStats, type StatsGroup, type StatsRow } from '../../shared/hall-stats.js';
import { Button } from '../design/Button.js';
import { Field } from '../design/Field.js';
import { Notice } from '../design/Notice.js';
import { useLanguage } from '../i18n/index.js';
import { consoleApi, exportUrl } from './console-client.js';
import { StatsChart } from './StatsChart.js';
import { useRefusalText } from './use-console-action.js';

const COLUMNS = [
  'issued',
  'called',
  'served',
  'noShow',
  'transferredOut',
  'transferredIn',
  'avgWaitMinutes',
  'avgServiceMinutes',
] as const satisfies readonly (keyof StatsRow)[];

/**
 * The hall's figures for any days: totals, a chart and a table by queue, window, hour, day or clerk (工作绩效,
 * managers only), and the same as CSV or Excel. It counts the days asked for when asked, not live.
 */
export function StatsView({ today, perClerk }: { today: string; perClerk: boolean }) {
  const { t } = useTranslation('manager');
  const { language } = useLanguage();
  const refusalText = useRefusalText();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [group, setGroup] = useState<StatsGroup>('queue');
  const [stats, setStats] = useState<HallStats>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const count = useCallback(
    async (range: { from: string; to: string }) => {
      setBusy(true);
      setError(undefined);
      try {
        setStats(await consoleApi.stats(range));
      } catch (refusal) {
        setError(refusalText(refusal));
      } finally {
        setBusy(false);
      }
    },
    [refusalText],
  );
  // Today's figures on opening; other days when the manager asks for them.
  useEffect(() => {
    void count({ from: today, to: today });
  }, [count, today]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void count({ from, to });
  };
  const percent = (value: number | null) =>
    value === null ? t('stats.none') : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const minutes = (value: number | null) => (value === null ? t('stats.none') : t('stats.minutesValue', { value }));
  const groups = STATS_GROUPS.filter((each) => each !== 'clerk' || perClerk);
  const rows = stats ? statsRows(stats, group) : [];
  const range = stats ? { from: stats.from, to: stats.to } : { from, to };
  return (
    <div className="console-stats">
      <form className="console-panel console-stats-form" onSubmit={submit} aria-label={t('stats.title')}>
        <Field label={t('stats.from')}>
          {(control) => <input {...control} type="date" value={from} max={today} onChange={(event) => setFrom(event.target.value)} />}
        </Field>
        <Field label={t('stats.to')}>
          {(control) => <input {...control} type="date" value={to} max={today} onChange={(event) => setTo(event.target.value)} />}
        </Field>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? t('stats.busy') : t('stats.show')}
        </Button>
        <div className="console-stats-exports">
          <a className="ds-button ds-button-secondary" href={exportUrl(hallApi.statsXlsx, range)} download>
            {t('stats.exportXlsx')}
          </a>
          <a className="ds-button ds-button-secondary" href={exportUrl(hallApi.statsCsv, { ...range, by: group })} download>
            {t('stats.exportCsv')}
          </a>
        </div>
      </form>
      {error && <Notice tone="bad">{error}</Notice>}
      {stats && (
        <>
          <section className="console-summary" aria-label={t('stats.title')}>
            <dl data-testid="stats-totals">
              <div>
                <dt>{t('stats.totals.issued')}</dt>
                <dd>{stats.totals.issued}</dd>
              </div>
              <div>
                <dt>{t('stats.totals.served')}</dt>
                <dd>{stats.totals.served}</dd>
              </div>
              <div>
                <dt>{t('stats.totals.noShowRate')}</dt>
                <dd>{percent(stats.totals.noShowRate)}</dd>
              </div>
              <div>
                <dt>{t('stats.totals.avgWait')}</dt>
                <dd>{minutes(stats.totals.avgWaitMinutes)}</dd>
              </div>
              <div>
                <dt>{t('stats.totals.avgService')}</dt>
                <dd>{minutes(stats.totals.avgServiceMinutes)}</dd>
              </div>
              <div>
                <dt>{t('stats.totals.goodRate')}</dt>
                <dd>
                  {percent(stats.evaluations.goodRate)}
                  <span className="console-aside console-dd-note">
                    {t('stats.totals.ratings', { count: stats.evaluations.count, followUp: stats.evaluations.followUp })}
                  </span>
                </dd>
              </div>
            </dl>
          </section>
          <section className="console-panel" aria-labelledby="stats-view-title">
            <div className="console-stats-groups" role="radiogroup" aria-labelledby="stats-view-title">
              <h2 id="stats-view-title">{t('stats.by')}</h2>
              {groups.map((each) => (
                <Button
                  key={each}
                  role="radio"
                  aria-checked={group === each}
                  variant={group === each ? 'primary' : 'secondary'}
                  onClick={() => setGroup(each)}
                >
                  {t(`stats.groups.${each}`)}
                </Button>
              ))}
              {!perClerk && <span className="console-aside">{t('stats.clerksForManagers')}</span>}
            </div>
            {rows.length === 0 ? (
              <p className="console-aside">{t('stats.noData')}</p>
            ) : (
              <>
                <StatsChart rows={rows} title={t('stats.chartTitle', { group: t(`stats.groups.${group}`) })} />
                <table className="console-table" data-testid="stats-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('stats.columns.name')}</th>
                      {COLUMNS.map((column) => (
                        <th key={column} scope="col">
                          {t(`stats.columns.${column}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {[...rows, stats.totals].map((row) => (
                      <tr key={row.key} data-row={row.key}>
                        <th scope="row">{row.name}</th>
                        {COLUMNS.map((column) => (
                          <td key={column} className="console-number">
                            {row[column] ?? t('stats.none')}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
