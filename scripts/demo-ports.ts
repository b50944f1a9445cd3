/**
 * The ports `npm start` uses, each movable by its environment variable (0 picks a free one): the hall
 * server, the platform, and the virtual printers of the kiosk, the intake counter and the 综合出件 counter.
 */
export const DEMO_PORTS = {
  hall: { variable: 'ONEWINDOW_HALL_PORT', port: 7300 },
  platform: { variable: 'ONEWINDOW_PLATFORM_PORT', port: 7400 },
  kioskPrinter: { variable: 'ONEWINDOW_KIOSK_PRINTER_PORT', port: 9101 },
  counterPrinter: { variable: 'ONEWINDOW_COUNTER_PRINTER_PORT', port: 9102 },
  pickupPrinter: { variable: 'ONEWINDOW_PICKUP_PRINTER_PORT', port: 9103 },
} as const;

/** Whose virtual printer each printer port is: the demo's terminals of resources/terminals. */
export const DEMO_PRINTERS = {
  'kiosk-01': 'kioskPrinter',
  'counter-03': 'counterPrinter',
  'counter-02': 'pickupPrinter',
} as const satisfies Record<string, keyof typeof DEMO_PORTS>;

export type DemoPorts = Record<keyof typeof DEMO_PORTS, number>;

export const DEMO_PORT_HINT = `端口可用环境变量 ${Object.values(DEMO_PORTS)
  .map((entry) => entry.variable)
  .join('、')} 修改（0 表示任选空闲端口）/ set them to move the ports (0 picks a free one)`;

/** The ports from the environment, or every variable that is not a port, with what it should be. */
export function demoPorts(env: NodeJS.ProcessEnv): { ports: DemoPorts } | { problems: string[] } {
  const ports = {} as DemoPorts;
  const problems: string[] = [];
  for (const [name, { variable, port }] of Object.entries(DEMO_PORTS) as [
    keyof typeof DEMO_PORTS,
    (typeof DEMO_PORTS)[keyof typeof DEMO_PORTS],
  ][]) {
    const text = env[variable]?.trim();
    const value = text ? Number(text) : port;
    if (Number.isInteger(value) && value >= 0 && value <= 65535) ports[name] = value;
    else
      problems.push(
        `${variable}=${text} 不是端口号，应为 0–65535 的整数（0 表示任选空闲端口）/ ${variable} must be a whole number from 0 to 65535 (0 picks a free port)`,
      );
  }
  return problems.length ? { problems } : { ports };
}
