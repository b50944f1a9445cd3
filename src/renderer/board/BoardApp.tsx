import { Shell } from '../components/Shell.js';
import { useQuery } from '../rpc/hooks.js';

/**
 * The hall's TV. Called numbers join it with the calling engine and the hall's event stream; until then
 * it shows who is waiting where, polled from the hall server.
 */
export default function BoardApp() {
  const queues = useQuery('queue.list', {}, { refreshOn: ['queue.ticketIssued'], pollMs: 3000 });
  const total = queues.data?.queues.reduce((sum, queue) => sum + queue.waiting, 0);
  return (
    <Shell title="叫号信息 Now serving">
      <section className="board" aria-label="等候人数 Waiting">
        <p className="board-total">
          当前等候 <strong>{total ?? '–'}</strong> 人 · waiting
        </p>
        <div className="board-grid">
          {queues.data?.queues.map((queue) => (
            <div key={queue.id} className="board-cell">
              <span className="board-prefix">{queue.prefix}</span>
              <span className="board-name">{queue.name}</span>
              <span className="board-waiting">{queue.waiting}</span>
            </div>
          ))}
        </div>
      </section>
    </Shell>
  );
}
