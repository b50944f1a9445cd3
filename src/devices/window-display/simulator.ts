import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivateDir } from '../../storage/private-files.js';
import { createChannelPair, type ByteChannel } from '../serial/channel.js';
import { createFrameDecoder, decodeText, MAX_BRIGHTNESS, type DisplayEncoding } from './protocol.js';

export interface SimulatedWindowDisplayOptions {
  address: number;
  encoding: DisplayEncoding;
  /** Where what the strip shows is written, so a person can look at it; none keeps it in memory only. */
  file: string | null;
}

/**
 * A window's strip in the same process, for the demo and tests: it reads the frames the driver sends over
 * an in-process pair, as a controller would, and writes what it shows to a file (one line per line of
 * the strip; empty when cleared).
 */
export function createSimulatedWindowDisplay(options: SimulatedWindowDisplayOptions) {
  let shown = '';
  let brightness = MAX_BRIGHTNESS;
  let frames = 0;
  if (options.file) makePrivateDir(dirname(options.file));
  const write = () => {
    if (options.file) writeFileSync(options.file, shown === '' ? '' : `${shown}\n`, { mode: 0o600 });
  };
  write();

  const decoder = createFrameDecoder((frame) => {
    if (frame.address !== options.address && frame.address !== 0xff) return;
    frames += 1;
    if (frame.command === 'showText') shown = decodeText(frame.data, options.encoding);
    else if (frame.command === 'clear') shown = '';
    else brightness = frame.data[0] ?? brightness;
    write();
  });

  return {
    async open(): Promise<ByteChannel> {
      const [driverEnd, stripEnd] = createChannelPair();
      stripEnd.onData((chunk) => decoder.push(chunk));
      return driverEnd;
    },
    /** What the strip shows now ('' when blank), its brightness, and how many frames it took. */
    state: () => ({ text: shown, brightness, frames }),
  };
}
