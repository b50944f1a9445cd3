import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogHit } from '../../shared/contract-catalog.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useQuery } from '../rpc/hooks.js';
import { Busy } from './Busy.js';
import { KeyboardField } from './KeyboardField.js';

type Way = 'search' | 'department' | 'lifeEvent' | 'bundle';
const WAYS: readonly Way[] = ['search', 'department', 'lifeEvent', 'bundle'];

/** Finding an item or a 一件事: typed (pinyin, initials, everyday words) or browsed. */
export function CatalogPicker({ onPick }: { onPick(hit: CatalogHit): void }) {
  const { t } = useTranslation('kiosk');
  const info = useQuery('catalog.info', {}, { refreshOn: ['catalog.updated'] });
  const [way, setWay] = useState<Way>('search');
  const [query, setQuery] = useState('');
  /** Pinyin still being typed searches too: the catalog knows its items by pinyin and initials. */
  const [composing, setComposing] = useState('');
  const searched = `${query}${composing}`.trim();
  const [group, setGroup] = useState<string>();
  const search = useQuery('catalog.search', way === 'search' && searched ? { query: searched, limit: 12 } : null);
  const browse = useQuery('catalog.browse', (way === 'department' || way === 'lifeEvent') && group ? { by: way, value: group } : null);
  const asked = way === 'search' ? search : browse;
  const error = asked.error;
  const waiting =
    way === 'bundle' ? !info.data && !info.error : (way === 'search' ? searched !== '' : group !== undefined) && !asked.data && !error;
  const hits: CatalogHit[] =
    way === 'bundle'
      ? (info.data?.bundles ?? []).map((bundle) => ({
          kind: 'bundle',
          code: bundle.id,
          name: bundle.name,
          department: bundle.description,
          zone: t('picker.bundleZone'),
          score: 0,
        }))
      : (asked.data?.hits ?? []);

  const groups = way === 'department' ? info.data?.departments : way === 'lifeEvent' ? info.data?.lifeEvents : undefined;
  return (
    <div className={`catalog-picker catalog-picker-${way}`}>
      <div className="tabs" role="tablist" aria-label={t('picker.ways')}>
        {WAYS.map((option) => (
          <button
            key={option}
            type="button"
            role="tab"
            aria-selected={way === option}
            className={way === option ? 'primary' : undefined}
            onClick={() => {
              setWay(option);
              setGroup(undefined);
            }}
          >
            {t(`picker.${option}`)}
          </button>
        ))}
      </div>
      <ErrorBanner message={error ?? info.error} />
      {groups && (
        <div className="group-list" role="group" aria-label={way === 'department' ? t('picker.departments') : t('picker.lifeEvents')}>
          {groups.map((entry) => (
            <button
              key={entry.name}
              type="button"
              aria-pressed={group === entry.name}
              className={group === entry.name ? 'primary' : undefined}
              onClick={() => setGroup(entry.name)}
            >
              {t('picker.count', { name: entry.name, count: entry.count })}
            </button>
          ))}
        </div>
      )}
      <ul className="hit-list" aria-label={t('picker.hits')} data-testid="catalog-hits">
        {hits.map((hit) => (
          <li key={`${hit.kind}:${hit.code}`}>
            <button type="button" className="hit" data-code={hit.code} onClick={() => onPick(hit)}>
              <span className="hit-name">
                {hit.kind === 'bundle' && <span className="badge">{t('picker.bundleBadge')}</span>}
                {hit.name}
              </span>
              <span className="hit-where">
                {hit.department} · {hit.zone}
              </span>
            </button>
          </li>
        ))}
        {waiting && hits.length === 0 && (
          <li>
            <Busy text={t('picker.searching')} />
          </li>
        )}
        {way === 'search' && searched !== '' && hits.length === 0 && !waiting && !error && <li className="muted">{t('picker.nothing')}</li>}
        {way === 'search' && searched === '' && <li className="picker-hint">{t('picker.typeHint')}</li>}
      </ul>
      {way === 'search' && (
        <KeyboardField
          label={t('picker.field')}
          value={query}
          onChange={setQuery}
          layout="pinyin"
          maxLength={30}
          onComposing={setComposing}
        />
      )}
    </div>
  );
}
