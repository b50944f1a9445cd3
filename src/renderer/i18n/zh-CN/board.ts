/** The board screen's strings. zh-CN is the source: a key is added here first, then to ../en/board.ts. */
export const board = {
  title: '叫号信息',
};
