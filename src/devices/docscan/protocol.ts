/** What a scan asks for and how it fails, and scanimage's words for both: the language the driver speaks to SANE. */
export interface ScannerDevice {
  name: string;
  description: string;
}

export interface ScanRequest {
  device: string;
  outDir: string;
  resolution: number;
  mode: 'color' | 'gray';
  format: 'png' | 'jpeg';
  /** flatbed: one page; feeder: every page in the automatic document feeder. */
  source: 'flatbed' | 'feeder';
  pageSize?: 'A4' | 'A5' | 'B5' | 'letter';
  /** Options of this device's own driver, passed as they are (e.g. a vendor's deskew switch). */
  deviceOptions?: string[];
  timeoutMs: number;
  onProgress?: (percent: number, page: number) => void;
  signal?: AbortSignal;
}

export type DocScanErrorCode = 'NO_DEVICE' | 'JAMMED' | 'COVER_OPEN' | 'NO_DOCUMENTS' | 'BUSY' | 'TIMEOUT' | 'CANCELLED' | 'FAILED';

export class DocScanError extends Error {
  constructor(
    readonly code: DocScanErrorCode,
    message: string,
    /** Pages already scanned before the failure, kept: a jam on page 7 does not lose pages 1–6. */
    readonly pages: string[] = [],
  ) {
    super(message);
    this.name = 'DocScanError';
  }
}

export const PAGE_MM: Record<NonNullable<ScanRequest['pageSize']>, [number, number]> = {
  A4: [210, 297],
  A5: [148, 210],
  B5: [176, 250],
  letter: [216, 279],
};

/** What scanimage says on stderr, in words a clerk can act on. */
export const PROBLEMS: [RegExp, DocScanErrorCode, string][] = [
  [
    /open of device .* failed|no SANE devices found|Invalid argument/i,
    'NO_DEVICE',
    '找不到扫描仪，请检查电源和连接线，或在设置中重新选择 / the scanner was not found: check its power and cable, or choose it again',
  ],
  [
    /jammed/i,
    'JAMMED',
    '扫描仪卡纸，请打开进纸器取出纸张后重试；已扫描的页已保留 / the scanner jammed: open the feeder, remove the paper and try again; pages already scanned are kept',
  ],
  [/cover (is )?open/i, 'COVER_OPEN', '扫描仪盖板未合上，请合上后重试 / the scanner cover is open: close it and try again'],
  [
    /out of documents|no documents/i,
    'NO_DOCUMENTS',
    '进纸器中没有纸，请放入材料后重试 / the feeder is empty: put the pages in and try again',
  ],
  [/busy/i, 'BUSY', '扫描仪正被其他程序使用，请稍后重试 / the scanner is busy with another program: try again shortly'],
];

/** `device \`test:0' is a Noname frontend-tester virtual device` lines, as `scanimage -L` prints them. */
export function parseDeviceList(output: string): ScannerDevice[] {
  return [...output.matchAll(/^device `([^']+)' is an? (.+)$/gm)].map((match) => ({ name: match[1]!, description: match[2]!.trim() }));
}
