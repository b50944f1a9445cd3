import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignatureStrokes } from '../../shared/cases.js';
import { Button } from '../design/index.js';

interface SignaturePadProps {
  /** Called with the strokes (x, y in canvas pixels, t in ms from the first point) and the PNG, base64. */
  onSigned(strokes: SignatureStrokes, png: string): void;
  busy?: boolean;
}

const WIDTH = 720;
const HEIGHT = 240;

/**
 * Signing with a finger or a stylus on the applicant's screen. The strokes are kept as drawn (the
 * vector record of the signature) and the picture is made from the same canvas.
 */
export function SignaturePad({ onSigned, busy = false }: SignaturePadProps) {
  const { t } = useTranslation('customer');
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<SignatureStrokes>([]);
  const started = useRef<number | null>(null);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.lineWidth = 3;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#000';
  }, []);

  function point(event: React.PointerEvent<HTMLCanvasElement>): [number, number, number] {
    const box = event.currentTarget.getBoundingClientRect();
    started.current ??= event.timeStamp;
    const x = ((event.clientX - box.left) / box.width) * WIDTH;
    const y = ((event.clientY - box.top) / box.height) * HEIGHT;
    return [
      Math.round(Math.min(Math.max(x, 0), WIDTH) * 10) / 10,
      Math.round(Math.min(Math.max(y, 0), HEIGHT) * 10) / 10,
      Math.round(event.timeStamp - started.current),
    ];
  }

  function draw(from: [number, number, number], to: [number, number, number]) {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.beginPath();
    context.moveTo(from[0], from[1]);
    context.lineTo(to[0], to[1]);
    context.stroke();
  }

  function clear() {
    strokes.current = [];
    started.current = null;
    setEmpty(true);
    canvas.current?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
  }

  return (
    <div className="signature">
      <p className="signature-hint" aria-hidden="true">
        {t('signature.hint')}
      </p>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        className="signature-pad"
        role="img"
        aria-label={t('signature.label')}
        data-testid="signature-pad"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          const first = point(event);
          strokes.current.push([first]);
          draw(first, first);
          setEmpty(false);
        }}
        onPointerMove={(event) => {
          const stroke = strokes.current.at(-1);
          if (!stroke || event.buttons === 0 || stroke.length >= 2000) return;
          const next = point(event);
          draw(stroke.at(-1)!, next);
          stroke.push(next);
        }}
      />
      <div className="signature-actions">
        <Button size="large" onClick={clear} disabled={empty || busy}>
          {t('signature.clear')}
        </Button>
        <Button
          variant="primary"
          size="large"
          disabled={empty || busy}
          onClick={() => onSigned(strokes.current.slice(0, 100), canvas.current!.toDataURL('image/png').split(',')[1]!)}
        >
          {t('signature.confirm')}
        </Button>
      </div>
    </div>
  );
}
