/** The kiosk screen's strings. zh-CN is the source: a key is added here first, then to ../en/kiosk.ts. */
export const kiosk = {
  title: '自助服务',
};
