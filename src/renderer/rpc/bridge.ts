import type { Events, Methods } from '../../shared/contract.js';
import type { InputOf, OutputOf, PayloadOf } from '../../shared/rpc/define.js';

/** What an Electron preload puts on `window.onewindow`: only calls, no Node, no ipcRenderer. */
export interface OneWindowBridge {
  invoke<K extends keyof Methods & string>(method: K, input: InputOf<Methods, K>): Promise<OutputOf<Methods, K>>;
  on<K extends keyof Events & string>(event: K, listener: (payload: PayloadOf<Events, K>) => void): () => void;
}

declare global {
  interface Window {
    onewindow?: OneWindowBridge;
  }
}
