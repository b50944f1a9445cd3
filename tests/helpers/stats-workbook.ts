/** The sheets of the statistics workbook a manager exports, in order (a supervisor's has no 按工作人员). */
export const MANAGERS_WORKBOOK = [
  '汇总 summary',
  '按队列 by queue',
  '按窗口 by window',
  '按时段 by hour',
  '按日期 by day',
  '按工作人员 by clerk',
];
