import { useCallback, useEffect, useRef } from 'react';
import type { Scan } from '../../shared/scanner.js';
import type { Methods } from '../../shared/contract.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import { useEvent, useQuery, type Query } from '../rpc/hooks.js';
import { createWedgeDetector, DEFAULT_WEDGE } from './wedge-detector.js';

/**
 * Every scan on this terminal, whichever way the scanner is connected: the host's event for serial
 * and HID POS scanners, the page's own keystrokes for a keyboard-wedge one. Typing that is not a scan
 * goes on to the focused field; keys an IME is composing are never touched. Returns the scanner's
 * status as first read, which decided the mode.
 */
export function useScans(onScan: (scan: Scan) => void): Query<OutputOf<Methods, 'scanner.status'>> {
  const status = useQuery('scanner.status', {});
  const latest = useRef(onScan);
  latest.current = onScan;
  useEvent(
    'scanner.scan',
    useCallback((scan: Scan) => latest.current(scan), []),
  );
  const wedge = status.data?.mode === 'wedge';

  useEffect(() => {
    if (!wedge) return;
    const detector = createWedgeDetector(DEFAULT_WEDGE, (output) => {
      if (output.kind === 'scan')
        latest.current({ symbology: 'unknown', text: output.text, source: 'wedge', at: new Date().toISOString() });
      else document.execCommand('insertText', false, output.text);
    });
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing || event.key === 'Process' || event.ctrlKey || event.altKey || event.metaKey) return;
      if (detector.key(event.key, event.timeStamp)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    const timer = window.setInterval(() => detector.tick(performance.now()), 10);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [wedge]);
  return status;
}
