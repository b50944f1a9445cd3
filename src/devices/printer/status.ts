/**
 * Real-time status (DLE EOT n) of ESC/POS printers. Each reply is one byte with bits 1 and 4 set and
 * bit 0 and 7 clear; the other bits say what is wrong.
 */
export const STATUS_REQUESTS = [1, 2, 3, 4] as const;

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperEnd: boolean;
  /** A cutter jam or another error the printer reports. */
  error: boolean;
}

export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** The four reply bytes of DLE EOT 1, 2, 3 and 4, in that order. */
export function parseStatus([printer, offline, error, paper]: readonly number[]): PrinterStatus {
  return {
    online: ((printer ?? 0) & 0x08) === 0,
    coverOpen: ((offline ?? 0) & 0x04) !== 0,
    paperEnd: ((offline ?? 0) & 0x20) !== 0 || ((paper ?? 0) & 0x60) !== 0,
    paperNearEnd: ((paper ?? 0) & 0x0c) !== 0,
    error: ((offline ?? 0) & 0x40) !== 0 || ((error ?? 0) & 0x68) !== 0,
  };
}

/** The reply bytes a printer in the given condition sends; the virtual printer answers with them. */
export function statusBytes(status: PrinterStatus): [number, number, number, number] {
  const base = 0x12;
  return [
    base | (status.online ? 0 : 0x08),
    base | (status.coverOpen ? 0x04 : 0) | (status.paperEnd ? 0x20 : 0) | (status.error ? 0x40 : 0),
    base | (status.error ? 0x40 : 0),
    base | (status.paperNearEnd ? 0x0c : 0) | (status.paperEnd ? 0x60 : 0),
  ];
}

export function canPrint(status: PrinterStatus): boolean {
  return status.online && !status.coverOpen && !status.paperEnd && !status.error;
}

/** The status in words a clerk or citizen can act on, most serious first. */
export function describeStatus(status: PrinterStatus): { zh: string; en: string } {
  if (status.paperEnd) return { zh: '打印机缺纸，请更换纸卷', en: 'the printer is out of paper: load a new roll' };
  if (status.coverOpen) return { zh: '打印机盖未合上', en: 'the printer cover is open: close it' };
  if (status.error)
    return { zh: '打印机故障（切刀或机械错误），请检查打印机', en: 'the printer reports an error (cutter or mechanism): check it' };
  if (!status.online) return { zh: '打印机离线', en: 'the printer is offline' };
  if (status.paperNearEnd) return { zh: '打印机纸将用尽，请准备更换', en: 'paper is running low: have a new roll ready' };
  return { zh: '打印机正常', en: 'ready' };
}

export const READY: PrinterStatus = { online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false };
