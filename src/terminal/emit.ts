import type { EventName, Events } from '../shared/contract.js';
import type { PayloadOf } from '../shared/rpc/define.js';

/** Raises an event to the pages allowed to see it; each service is given one narrowed to the events it may raise. */
export type Emit<K extends EventName = EventName> = <N extends K>(event: N, payload: PayloadOf<Events, N>) => void;
