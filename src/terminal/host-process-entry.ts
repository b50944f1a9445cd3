import type { HostMessage } from '../shared/host-messages.js';
import type { MessagePortMainLike } from '../shared/rpc/transport.js';
import { runHostProcess, type ShellLink } from './host-process.js';

/** What Electron gives a utility process in place of Node's IPC channel. */
interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown; ports: MessagePortMainLike[] }) => void): void;
}

/**
 * The host process's entry: forked by Electron's main process (utilityProcess: `process.parentPort`) or by
 * the browser-mode shell (child_process.fork: Node's IPC channel). A Node child whose shell is gone stops.
 */
const parentPort = Reflect.get(process, 'parentPort') as ParentPortLike | undefined;
const exit = (code: number) => {
  process.exitCode = code;
  setImmediate(() => process.exit(code));
};

const link: ShellLink = parentPort
  ? {
      send: (message: HostMessage) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data, event.ports[0])),
      exit,
    }
  : {
      send: (message: HostMessage) => {
        if (process.connected) process.send!(message);
      },
      onMessage: (listener) => process.on('message', (message) => listener(message, undefined)),
      exit,
    };

if (!parentPort && !process.send) {
  console.error(
    '终端主机进程须由外壳启动 / The terminal host process is started by its shell (npm start, src/terminal/cli.ts or Electron), not by hand',
  );
  process.exit(2);
}
const hostProcess = runHostProcess(link);
// The shell died without a `stop`: stop the devices and databases cleanly anyway.
process.on('disconnect', () => void hostProcess.stop().finally(() => exit(0)));
// Ctrl-C reaches the whole process group: the shell stops the host itself (`stop`), after its pages.
if (!parentPort) process.on('SIGINT', () => {});
