/** The counter screen's strings. zh-CN is the source: a key is added here first, then to ../en/counter.ts. */
export const counter = {
  title: '综合窗口',
};
