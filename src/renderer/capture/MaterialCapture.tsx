import { useTranslation } from 'react-i18next';
import { useCallback, useEffect, useState } from 'react';
import type { MaterialFile } from '../../shared/cases.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import type { Host } from '../rpc/call.js';
import { useEvent } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { createCaptureClient, type CaptureClient } from './capture-client.js';
import { DocumentCamera, type CapturedPage } from './DocumentCamera.js';
import { pagesToPdf } from './pages-to-pdf.js';

const toBase64 = (bytes: Uint8Array) => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function imageFileToPage(file: Blob): Promise<CapturedPage> {
  const bitmap = await createImageBitmap(file);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  const jpeg = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })).arrayBuffer());
  return { jpeg, width: bitmap.width, height: bitmap.height, url: URL.createObjectURL(new Blob([jpeg], { type: 'image/jpeg' })) };
}

/**
 * One material, captured page by page from the document camera, the scanner or a file; the clerk sees
 * the pages, puts them in order, deletes or retakes any; saving makes one PDF of them, kept with the case.
 */
export function MaterialCapture({ materialName, onSaved }: { materialName: string; onSaved?(file: MaterialFile): void }) {
  const { t } = useTranslation('counter');
  const [capture, setCapture] = useState<CaptureClient>();
  const [source, setSource] = useState<'camera' | 'scanner' | 'file'>('camera');
  const [pages, setPages] = useState<CapturedPage[]>([]);
  const [retake, setRetake] = useState<number | null>(null);
  const [saved, setSaved] = useState<MaterialFile>();
  /** One action at a time, even for two taps within one frame, before `busy` has disabled anything. */
  const action = useCall((host, work: (host: Host) => Promise<void>) => work(host), { exclusive: true });
  const { run, busy, error } = action;
  const cancel = useCall((host) => host.invoke('docscan.cancel', {}), { onFailure: action.fail });
  /** How far the feeder is: the page being scanned and its percent, while a scan runs. */
  const [progress, setProgress] = useState<{ page: number; percent: number } | null>(null);
  const [scanning, setScanning] = useState(false);
  useEvent(
    'docscan.progress',
    useCallback(({ page, percent }: { page: number; percent: number }) => setProgress({ page, percent }), []),
  );

  useEffect(() => {
    const client = createCaptureClient();
    setCapture(client);
    return () => client.close();
  }, []);

  function add(page: CapturedPage) {
    setSaved(undefined);
    setPages((current) => {
      if (retake === null) return [...current, page];
      const next = [...current];
      URL.revokeObjectURL(next[retake]!.url);
      next[retake] = page;
      return next;
    });
    setRetake(null);
  }

  function move(index: number, by: -1 | 1) {
    setSaved(undefined);
    setPages((current) => {
      const next = [...current];
      [next[index], next[index + by]] = [next[index + by]!, next[index]!];
      return next;
    });
  }

  const scan = () =>
    run(async (host) => {
      setProgress(null);
      setScanning(true);
      try {
        const result = await host.invoke('docscan.scan', { source: 'feeder' });
        for (const page of result.pages) add(await imageFileToPage(new Blob([fromBase64(page.data)], { type: page.mediaType })));
      } finally {
        setScanning(false);
        setProgress(null);
      }
    });

  const save = () =>
    run(async (host) => {
      const pdf = await pagesToPdf(
        pages.map((page) => page.jpeg),
        materialName,
      );
      const file = await host.invoke('cases.putMaterial', { data: toBase64(pdf), mediaType: 'application/pdf' });
      setSaved(file);
      onSaved?.(file);
    });

  return (
    <section className="panel material-capture" aria-label={t('capture.region', { name: materialName })}>
      <h2>{t('capture.title', { name: materialName })}</h2>
      <div className="choice-row" role="tablist" aria-label={t('capture.sources')}>
        {(
          [
            ['camera', t('capture.camera')],
            ['scanner', t('capture.scanner')],
            ['file', t('capture.file')],
          ] as const
        ).map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={source === value}
            className={source === value ? 'ds-button ds-button-primary' : 'ds-button ds-button-secondary'}
            onClick={() => setSource(value)}
          >
            {label}
          </button>
        ))}
      </div>
      {retake !== null && <p role="status">{t('capture.retaking', { page: retake + 1 })}</p>}
      <ErrorBanner inline message={error} />
      {source === 'camera' && capture && <DocumentCamera capture={capture} onPage={add} />}
      {source === 'scanner' && (
        <div className="button-row">
          <button type="button" className="ds-button ds-button-primary" disabled={busy} onClick={() => void scan()}>
            {t('capture.scan')}
          </button>
          {scanning && (
            <button type="button" className="ds-button ds-button-secondary" onClick={() => void cancel.run()}>
              {t('capture.stop')}
            </button>
          )}
        </div>
      )}
      {scanning && (
        <p role="status" data-testid="scan-progress" className="scan-progress">
          {progress ? t('capture.scanning', { page: progress.page, percent: Math.round(progress.percent) }) : t('capture.starting')}
          <progress max={100} value={progress?.percent ?? 0} aria-label={t('capture.pageProgress')} />
        </p>
      )}
      {source === 'file' && (
        <input
          type="file"
          accept="image/jpeg,image/png"
          multiple
          aria-label={t('capture.chooseFiles')}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            void run(async () => {
              for (const file of files) add(await imageFileToPage(file));
            });
          }}
        />
      )}
      <ol className="capture-pages" aria-label={t('capture.pages')}>
        {pages.map((page, index) => (
          <li
            key={page.url}
            data-testid="captured-page"
            data-width={page.width}
            data-height={page.height}
            data-bytes={page.jpeg.length}
            data-worker-ms={page.workerMs}
          >
            <img src={page.url} alt={t('capture.page', { page: index + 1 })} style={{ height: 120 }} />
            <button
              type="button"
              className="small"
              disabled={index === 0}
              onClick={() => move(index, -1)}
              aria-label={t('capture.up', { page: index + 1 })}
            >
              ↑
            </button>
            <button
              type="button"
              className="small"
              disabled={index === pages.length - 1}
              onClick={() => move(index, 1)}
              aria-label={t('capture.down', { page: index + 1 })}
            >
              ↓
            </button>
            <button type="button" className="small" onClick={() => setRetake(index)}>
              {t('capture.retake')}
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                setSaved(undefined);
                setPages((current) => current.filter((_, i) => i !== index));
              }}
            >
              {t('capture.delete')}
            </button>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button
          type="button"
          className="ds-button ds-button-primary"
          disabled={busy || pages.length === 0 || saved !== undefined}
          onClick={() => void save()}
        >
          {saved ? t('capture.saved', { count: pages.length }) : t('capture.save', { count: pages.length })}
        </button>
      </div>
      {saved && (
        <p role="status" data-testid="material-saved">
          {t('capture.savedLine', { size: (saved.size / 1024).toFixed(0), hash: saved.sha256.slice(0, 12) })}
        </p>
      )}
    </section>
  );
}
