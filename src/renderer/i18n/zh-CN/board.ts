/** The board screen's strings. zh-CN is the source: a key is added here first, then to ../en/board.ts. */
export const board = {
  title: '叫号信息',
  parts: {
    call: '当前叫号',
    windows: '窗口',
    queues: '等候人数',
  },
  call: {
    now: '正在叫号',
    goTo: '请到',
    window: '{{number}}号窗口',
    idle: '等待叫号',
    idleHint: '请留意叫号，听到您的号码后到对应窗口办理',
    previous: '刚才叫过',
  },
  windows: {
    title: '窗口',
    number: '{{number}}号',
    paused: '暂停服务',
    idle: '空闲',
  },
  queues: {
    title: '等候人数',
    total: '共 {{count}} 人等候',
    unit: '人',
  },
  outage: {
    since: '正在重新连接大厅…… 以下是 {{time}} 的叫号信息，请以窗口工作人员的呼叫为准',
    nothing: '正在连接大厅…… 请留意窗口工作人员的呼叫',
  },
  page: '第 {{page}}/{{pages}} 页',
};
