import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsRow } from '../../shared/hall-stats.js';

/** A colour of the design system's tokens, so the chart has the console's palette. */
const token = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/**
 * Issued and served per row of the view shown (queue, window, hour, day or clerk), as bars. SVG, not canvas:
 * the bars' labels stay text a screen reader and a test can find; the table beside it holds every figure.
 */
export function StatsChart({ rows, title }: { rows: StatsRow[]; title: string }) {
  const { t } = useTranslation('manager');
  const host = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let chart: { setOption(option: object): void; dispose(): void } | undefined;
    let gone = false;
    // ECharts loads with the statistics page only, in a chunk of its own.
    void import('./echarts-bar.js').then((echarts) => {
      if (gone || !host.current) return;
      chart = echarts.init(host.current, undefined, { renderer: 'svg' });
      chart.setOption({
        animation: false,
        textStyle: { fontSize: 14 },
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: [t('stats.columns.issued'), t('stats.columns.served')], textStyle: { fontSize: 14 } },
        grid: { left: 48, right: 16, top: 40, bottom: 64 },
        xAxis: {
          type: 'category',
          data: rows.map((row) => row.name),
          axisLabel: { interval: 0, fontSize: 14, rotate: rows.length > 8 ? 30 : 0 },
        },
        yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 14 } },
        series: (
          [
            { key: 'issued', color: '--color-brand' },
            { key: 'served', color: '--color-ok' },
          ] as const
        ).map(({ key, color }) => ({
          name: t(`stats.columns.${key}`),
          type: 'bar',
          barMaxWidth: 48,
          data: rows.map((row) => row[key]),
          itemStyle: { color: token(color) },
        })),
      });
      setLoaded(true);
    });
    return () => {
      gone = true;
      chart?.dispose();
    };
  }, [rows, t]);
  return (
    <figure className="console-chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      {!loaded && <p className="console-aside">{t('stats.chartLoading')}</p>}
      <div ref={host} className="console-chart-canvas" data-testid="stats-chart" />
    </figure>
  );
}
