import { useState } from 'react';
import type { CatalogHit } from '../../shared/contract-catalog.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useQuery } from '../rpc/hooks.js';
import { KeyboardField } from './KeyboardField.js';

type Way = 'search' | 'department' | 'lifeEvent' | 'bundle';
const WAYS: { id: Way; label: string }[] = [
  { id: 'search', label: '搜索 Search' },
  { id: 'department', label: '按部门 By department' },
  { id: 'lifeEvent', label: '按人生事件 By life event' },
  { id: 'bundle', label: '一件事 Bundles' },
];

/** Finding an item or a 一件事: typed (pinyin, initials, everyday words) or browsed. */
export function CatalogPicker({ onPick }: { onPick(hit: CatalogHit): void }) {
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
  const hits: CatalogHit[] =
    way === 'bundle'
      ? (info.data?.bundles ?? []).map((bundle) => ({
          kind: 'bundle',
          code: bundle.id,
          name: bundle.name,
          department: bundle.description,
          zone: '综合一窗',
          score: 0,
        }))
      : (asked.data?.hits ?? []);

  const groups = way === 'department' ? info.data?.departments : way === 'lifeEvent' ? info.data?.lifeEvents : undefined;
  return (
    <div className="catalog-picker">
      <div className="tabs" role="tablist" aria-label="查找方式 How to find">
        {WAYS.map((option) => (
          <button
            key={option.id}
            type="button"
            role="tab"
            aria-selected={way === option.id}
            className={way === option.id ? 'primary' : undefined}
            onClick={() => {
              setWay(option.id);
              setGroup(undefined);
            }}
          >
            {option.label}
          </button>
        ))}
      </div>
      <ErrorBanner message={error ?? info.error} />
      <div className="kiosk-columns">
        <div>
          {way === 'search' && (
            <KeyboardField
              label="事项名称、拼音或首字母 Name, pinyin or initials"
              value={query}
              onChange={setQuery}
              layout="pinyin"
              maxLength={30}
              onComposing={setComposing}
            />
          )}
          {groups && (
            <div className="group-list" role="group" aria-label={way === 'department' ? '部门 Departments' : '人生事件 Life events'}>
              {groups.map((entry) => (
                <button
                  key={entry.name}
                  type="button"
                  aria-pressed={group === entry.name}
                  className={group === entry.name ? 'primary' : undefined}
                  onClick={() => setGroup(entry.name)}
                >
                  {entry.name}（{entry.count}）
                </button>
              ))}
            </div>
          )}
        </div>
        <ul className="hit-list" aria-label="事项 Items" data-testid="catalog-hits">
          {hits.map((hit) => (
            <li key={`${hit.kind}:${hit.code}`}>
              <button type="button" className="hit" data-code={hit.code} onClick={() => onPick(hit)}>
                <span className="hit-name">
                  {hit.kind === 'bundle' && <span className="badge">一件事</span>}
                  {hit.name}
                </span>
                <span className="hit-where">
                  {hit.department} · {hit.zone}
                </span>
              </button>
            </li>
          ))}
          {way === 'search' && searched !== '' && hits.length === 0 && !error && (
            <li className="muted">没有找到，请换个说法或到服务咨询台 / Nothing found</li>
          )}
        </ul>
      </div>
    </div>
  );
}
