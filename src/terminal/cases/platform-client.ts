import { createPlatformRoutes } from '../../http-client/platform-routes.js';
import {
  IDEMPOTENCY_HEADER,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_MEDIA_TYPE_HEADER,
  UPLOAD_OFFSET_HEADER,
  type AuditAnchorRequest,
  type CaseOperation,
  type HandOverRequest,
} from '../../shared/platform-api.js';
import type { MaterialFile } from '../../shared/cases.js';

export type { Outcome } from '../../http-client/route-client.js';

export interface PlatformClientOptions {
  baseUrl: string;
  terminalId: string;
  /** The terminal's enrolment secret, traded for short-lived tokens. */
  secret: string;
  timeoutMs?: number;
}

/**
 * The sync engine's view of the platform: the routes derived from platform-api.ts, with the headers
 * each operation needs. It never throws for a network or HTTP failure: it returns the Outcome, because
 * the engine's next move depends on it.
 */
export function createPlatformClient(options: PlatformClientOptions) {
  const routes = createPlatformRoutes({ ...options, timeoutMs: options.timeoutMs ?? 15_000, who: { zh: '本终端', en: 'this terminal' } });
  return {
    /** Who the platform knows this client as: the owner of the audit chain it anchors. */
    terminalId: options.terminalId,
    operation: (op: CaseOperation) => routes.operation({ body: op, headers: { [IDEMPOTENCY_HEADER]: op.opId } }),
    createUpload: (file: MaterialFile) => routes.createUpload({ body: file }),
    /** With `creating`, a first piece at offset 0 also creates the upload when the platform has none. */
    appendUpload: (sha256: string, offset: number, bytes: Buffer, creating?: MaterialFile) =>
      routes.appendUpload({
        params: { sha256 },
        raw: bytes,
        headers: {
          [UPLOAD_OFFSET_HEADER]: String(offset),
          'tus-resumable': '1.0.0',
          ...(creating ? { [UPLOAD_LENGTH_HEADER]: String(creating.size), [UPLOAD_MEDIA_TYPE_HEADER]: creating.mediaType } : {}),
        },
      }),
    changes: (after: number, limit: number) => routes.changes({ query: { after, limit } }),
    anchor: (request: AuditAnchorRequest) => routes.anchorAudit({ body: request }),
    newestAnchor: () => routes.newestAnchor(),
    progress: (query: { reference: string; checkCode?: string } | { idNumber: string }) => routes.progress({ body: query }),
    /** `key`: one per hand-over the clerk starts. */
    handOver: (request: HandOverRequest, key: string) => routes.handOver({ body: request, headers: { [IDEMPOTENCY_HEADER]: key } }),
  };
}
export type PlatformClient = ReturnType<typeof createPlatformClient>;
