import ExcelJS from 'exceljs';
import type { HallStats, StatsRow } from '../shared/hall-stats.js';
import { STATS_COLUMNS } from './stats.js';

/** The workbook's sheets, each a view of the statistics; 按工作人员 only when the reader may see per-clerk figures. */
const SHEETS: [name: string, rows: (stats: HallStats) => StatsRow[]][] = [
  ['按队列 by queue', (stats) => stats.byQueue],
  ['按窗口 by window', (stats) => stats.byWindow],
  ['按时段 by hour', (stats) => stats.byHour],
  ['按日期 by day', (stats) => stats.byDay],
  ['按工作人员 by clerk', (stats) => stats.byClerk],
];
export const SUMMARY_SHEET = '汇总 summary';

/**
 * The statistics of a date range as an .xlsx workbook for the hall's own reports (and the 第三方 assessor's):
 * a summary sheet, then one sheet per view with the totals as its last row, headed in Chinese and English.
 */
export async function statsWorkbook(stats: HallStats, hallName: string, withClerks: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OneWindow 一窗通';
  workbook.created = new Date(`${stats.to}T00:00:00Z`);
  const summary = workbook.addWorksheet(SUMMARY_SHEET);
  summary.columns = [
    { header: '项目 item', width: 28 },
    { header: '数值 value', width: 18 },
  ];
  const rate = (value: number | null) => (value === null ? '' : value);
  summary.addRows([
    ['大厅 hall', hallName],
    ['开始日期 from', stats.from],
    ['结束日期 to', stats.to],
    ['取号 issued', stats.totals.issued],
    ['叫号 called', stats.totals.called],
    ['办结 served', stats.totals.served],
    ['过号 no-show', stats.totals.noShow],
    ['过号率 no-show rate', rate(stats.totals.noShowRate)],
    ['转出 transferred', stats.totals.transferredOut],
    ['平均等候(分) avg wait (min)', rate(stats.totals.avgWaitMinutes)],
    ['平均办理(分) avg service (min)', rate(stats.totals.avgServiceMinutes)],
    ['评价数 ratings', stats.evaluations.count],
    ['好评率 good-rating rate', rate(stats.evaluations.goodRate)],
    ['差评待处理 poor ratings to follow up', stats.evaluations.followUp],
  ]);
  for (const [name, rows] of SHEETS) {
    if (name.startsWith('按工作人员') && !withClerks) continue;
    const sheet = workbook.addWorksheet(name);
    sheet.columns = STATS_COLUMNS.map(([key, header]) => ({ key, header, width: key === 'name' ? 24 : 14 }));
    sheet.addRows([...rows(stats), stats.totals].map((row) => Object.fromEntries(STATS_COLUMNS.map(([key]) => [key, row[key] ?? '']))));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(sheet.rowCount).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
