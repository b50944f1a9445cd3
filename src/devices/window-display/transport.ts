import { openSerialChannel, type ByteChannel } from '../serial/channel.js';

/** How the strip is reached: its serial line (RS-232, or RS-485 through a USB adapter); the simulator brings its own channel. */
export function serialDisplayChannel(port: string, baud: number): () => Promise<ByteChannel> {
  return () => openSerialChannel(port, baud);
}
