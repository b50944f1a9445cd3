import { useCallback, useState } from 'react';
import type { HallEvent } from '../../shared/hall-events.js';
import { Shell } from '../components/Shell.js';
import { useEvent, useQuery, useRpc } from '../rpc/hooks.js';
import { announce } from '../speech/announce.js';

const CALL_TYPES = new Set(['ticket.called', 'ticket.recalled', 'ticket.resumed']);

/** The hall's TV: the call being made, the latest calls, each window's number, and who waits where. */
export default function BoardApp() {
  const rpc = useRpc();
  const snapshot = useQuery('hall.snapshot', {}, { refreshOn: ['hall.event', 'hall.resync'] });
  const [latest, setLatest] = useState<HallEvent>();
  useEvent(
    'hall.event',
    useCallback((event: HallEvent) => {
      if (!CALL_TYPES.has(event.type) || !event.ticket?.announcement) return;
      setLatest(event);
      void announce(rpc, event.ticket.announcement).catch(() => undefined);
    }, [rpc]),
  );
  const data = snapshot.data;
  const current = latest ?? data?.recentCalls[0];
  const total = data?.queues.reduce((sum, queue) => sum + queue.waiting, 0);

  return (
    <Shell title="叫号信息 Now serving">
      <div className="board">
        <section className="board-call" aria-live="assertive" data-testid="board-call">
          {current?.ticket ? (
            <>
              <p className="board-call-number">{current.ticket.ticketNumber}</p>
              <p className="board-call-text">{current.ticket.announcement}</p>
            </>
          ) : (
            <p className="board-call-text">等待叫号 Waiting for the next call</p>
          )}
        </section>
        <section className="board-columns">
          <div>
            <h2>最近叫号 Recent calls</h2>
            <ol className="board-recent" data-testid="board-recent">
              {data?.recentCalls.map((call) => (
                <li key={call.seq}>
                  <strong>{call.ticket?.ticketNumber}</strong> → {call.ticket?.windowNumber}号窗口
                </li>
              ))}
            </ol>
          </div>
          <div>
            <h2>窗口 Windows</h2>
            <ul className="board-windows">
              {data?.windows.map((window) => (
                <li key={window.number} data-window={window.number}>
                  <span className="board-prefix">{window.number}号</span>
                  <span>{window.name}</span>
                  <strong>{window.paused ? '暂停' : (window.current?.ticketNumber ?? '—')}</strong>
                </li>
              ))}
            </ul>
          </div>
        </section>
        <p className="board-total">
          当前等候 <strong>{total ?? '–'}</strong> 人 · waiting
        </p>
        <div className="board-grid">
          {data?.queues.map((queue) => (
            <div key={queue.id} className="board-cell">
              <span className="board-prefix">{queue.prefix}</span>
              <span className="board-name">{queue.name}</span>
              <span className="board-waiting">{queue.waiting}</span>
            </div>
          ))}
        </div>
      </div>
    </Shell>
  );
}
