import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export const SIDE_TABS = ['cases', 'pickup', 'prefill'] as const;
export type SideTab = (typeof SIDE_TABS)[number];

/**
 * Cases, 出件 and pre-filled applications share the side column as tabs (arrow keys move between them).
 * Every panel stays mounted, so a scan or a sync reaches it while another tab is shown.
 */
export function SideTabs({
  current,
  onSelect,
  children,
}: {
  current: SideTab;
  onSelect(tab: SideTab): void;
  children: Record<SideTab, ReactNode>;
}) {
  const { t } = useTranslation('counter');
  const list = useRef<HTMLDivElement>(null);
  return (
    <div className="side-tabs">
      <div
        role="tablist"
        aria-label={t('tabs.label')}
        className="side-tablist"
        ref={list}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
          const next =
            SIDE_TABS[(SIDE_TABS.indexOf(current) + (event.key === 'ArrowRight' ? 1 : SIDE_TABS.length - 1)) % SIDE_TABS.length]!;
          onSelect(next);
          list.current?.querySelector<HTMLElement>(`#side-tab-${next}`)?.focus();
        }}
      >
        {SIDE_TABS.map((tab) => (
          <button
            key={tab}
            id={`side-tab-${tab}`}
            type="button"
            role="tab"
            aria-selected={tab === current}
            aria-controls={`side-panel-${tab}`}
            tabIndex={tab === current ? 0 : -1}
            className="side-tab"
            onClick={() => onSelect(tab)}
          >
            {t(`tabs.${tab}`)}
          </button>
        ))}
      </div>
      {SIDE_TABS.map((tab) => (
        <div
          key={tab}
          id={`side-panel-${tab}`}
          role="tabpanel"
          aria-labelledby={`side-tab-${tab}`}
          hidden={tab !== current}
          className="side-panel"
        >
          {children[tab]}
        </div>
      ))}
    </div>
  );
}
