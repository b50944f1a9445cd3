import { describe, expect, it } from 'vitest';
import { demoPorts } from '../../scripts/demo-ports.js';

describe('the demo’s ports', () => {
  it('are 7300, 7400, 9101 and 9102 unless their variables move them, 0 picking a free one', () => {
    expect(demoPorts({})).toEqual({ ports: { hall: 7300, platform: 7400, kioskPrinter: 9101, counterPrinter: 9102, pickupPrinter: 9103 } });
    expect(
      demoPorts({ ONEWINDOW_KIOSK_PRINTER_PORT: '0', ONEWINDOW_COUNTER_PRINTER_PORT: '19102', ONEWINDOW_HALL_PORT: ' 17300 ' }),
    ).toEqual({
      ports: { hall: 17300, platform: 7400, kioskPrinter: 0, counterPrinter: 19102, pickupPrinter: 9103 },
    });
  });

  it('name every variable that is not a port', () => {
    const result = demoPorts({ ONEWINDOW_KIOSK_PRINTER_PORT: 'abc', ONEWINDOW_PLATFORM_PORT: '70000' });
    expect(result).toEqual({
      problems: [expect.stringContaining('ONEWINDOW_PLATFORM_PORT=70000'), expect.stringContaining('ONEWINDOW_KIOSK_PRINTER_PORT=abc')],
    });
  });
});
