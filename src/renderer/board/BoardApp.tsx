import { useCallback, useState, type CSSProperties } from 'react';
import type { Methods } from '../../shared/contract.js';
import type { HallEvent } from '../../shared/hall-events.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import { PanelBoundary } from '../components/PanelBoundary.js';
import { Shell } from '../components/Shell.js';
import { useEvent, useQuery } from '../rpc/hooks.js';
import { useAnnounce } from '../speech/announce.js';

const CALL_TYPES = new Set(['ticket.called', 'ticket.recalled', 'ticket.resumed']);
/** The latest calls the board lists; older ones are on nobody's mind any more. */
const RECENT_CALLS = 8;
/** Queues per row at most: beyond it a name no longer fits its cell at a distance. */
const MAX_COLUMNS = 7;

/** As many columns as the queues need to fill their rows evenly, so every queue is on the screen. */
export function boardColumns(queues: number): number {
  if (queues <= 0) return 1;
  const rows = Math.ceil(queues / MAX_COLUMNS);
  return Math.ceil(queues / rows);
}

type Snapshot = OutputOf<Methods, 'hall.snapshot'>;

/** The call being made: big, for the whole hall. */
function CurrentCall({ call }: { call: HallEvent | undefined }) {
  return (
    <section className="board-call" aria-live="assertive" data-testid="board-call">
      {call?.ticket ? (
        <>
          <p className="board-call-number">{call.ticket.ticketNumber}</p>
          <p className="board-call-text">{call.ticket.announcement}</p>
        </>
      ) : (
        <p className="board-call-text">等待叫号 Waiting for the next call</p>
      )}
    </section>
  );
}

function CallsAndWindows({ data }: { data: Snapshot | undefined }) {
  const windows = data?.windows ?? [];
  return (
    <section className="board-columns">
      <div>
        <h2>最近叫号 Recent calls</h2>
        <ol className="board-recent" data-testid="board-recent">
          {data?.recentCalls.slice(0, RECENT_CALLS).map((call) => (
            <li key={call.seq}>
              <strong>{call.ticket?.ticketNumber}</strong> → {call.ticket?.windowNumber}号窗口
            </li>
          ))}
        </ol>
      </div>
      <div>
        <h2>窗口 Windows</h2>
        <ul className="board-windows" style={{ '--board-window-columns': windows.length > 12 ? 3 : 2 } as CSSProperties}>
          {windows.map((window) => (
            <li key={window.number} data-window={window.number}>
              <span className="board-prefix">{window.number}号</span>
              <span>{window.name}</span>
              <strong>{window.paused ? '暂停' : (window.current?.ticketNumber ?? '—')}</strong>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

function WaitingCounts({ queues }: { queues: Snapshot['queues'] | undefined }) {
  const total = queues?.reduce((sum, queue) => sum + queue.waiting, 0);
  return (
    <section className="board-queues" aria-label="等候人数 Waiting">
      <p className="board-total">
        当前等候 <strong>{total ?? '–'}</strong> 人 · waiting
      </p>
      <div className="board-grid" style={{ '--board-columns': boardColumns(queues?.length ?? 0) } as CSSProperties}>
        {queues?.map((queue) => (
          <div key={queue.id} className="board-cell" data-queue={queue.id}>
            <span className="board-prefix">{queue.prefix}</span>
            <span className="board-name">{queue.name}</span>
            <span className="board-waiting">{queue.waiting}</span>
          </div>
        ))}
      </div>
    </section>
  );
}

/** The hall's TV: the call being made, the latest calls, each window's number, and who waits where. */
export default function BoardApp() {
  const announce = useAnnounce();
  const snapshot = useQuery('hall.snapshot', {}, { refreshOn: ['hall.event', 'hall.resync'] });
  const [latest, setLatest] = useState<HallEvent>();
  useEvent(
    'hall.event',
    useCallback(
      (event: HallEvent & { live: boolean }) => {
        if (!CALL_TYPES.has(event.type) || !event.ticket?.announcement) return;
        setLatest(event);
        // A call the board missed while cut off is shown, not called out: that citizen was called long ago.
        if (event.live) announce(event.ticket.announcement);
      },
      [announce],
    ),
  );
  const data = snapshot.data;

  return (
    <Shell title="叫号信息 Now serving">
      <div className="board">
        <PanelBoundary part="当前叫号">
          <CurrentCall call={latest ?? data?.recentCalls[0]} />
        </PanelBoundary>
        <PanelBoundary part="最近叫号和窗口">
          <CallsAndWindows data={data} />
        </PanelBoundary>
        <PanelBoundary part="等候人数">
          <WaitingCounts queues={data?.queues} />
        </PanelBoundary>
      </div>
    </Shell>
  );
}
