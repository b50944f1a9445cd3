/**
 * A document scanner as the counter uses it, whatever drives it: SANE's scanimage on Linux and the
 * domestic systems here; a WIA/TWAIN adapter on Windows will implement the same interface.
 */
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

export interface DocumentScanner {
  list(): Promise<ScannerDevice[]>;
  /** The scanned pages' files, in order. */
  scan(request: ScanRequest): Promise<string[]>;
}
