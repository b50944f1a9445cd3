/** Strings every screen shares. zh-CN is the source: a key is added here first, then to ../en/common.ts. */
export const common = {
  hallNameFallback: '一窗通政务服务大厅',
  loading: '加载中…',
  thisPage: '本页面',
  noSuchPage: '没有这个页面：{{path}}',
  wrongAddress: '此地址不属于本页面，请使用终端启动时打印的地址打开。',
  dismiss: '知道了',
  productVersion: '一窗通 v{{version}} · {{terminal}}',
  connectionLost: '与本机终端服务的连接已断开，正在重连，请稍候再试',
  language: {
    switchLabel: '切换语言',
  },
  elderly: {
    on: '长辈模式',
    off: '标准模式',
  },
  connection: {
    connecting: '正在连接本机服务…',
    reconnecting: '本机服务已断开，正在重连',
    hallOffline: '大厅服务器未连接',
    platformOffline: '在线（平台离线）',
    online: '在线',
    checking: '正在检查网络…',
  },
  panelFailed: {
    message: '“{{part}}”部分出错，暂时无法显示；页面其他部分可以照常使用。',
    reload: '重新加载“{{part}}”',
  },
  citizenErrors: {
    unavailable: '暂时连接不上服务，正在自动重试，请稍候再试；如需帮助请到服务咨询台',
    timeout: '服务响应较慢，请稍候再试；如需帮助请到服务咨询台',
  },
};
