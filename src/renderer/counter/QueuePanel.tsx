import { useState } from 'react';
import type { MethodName } from '../../shared/contract.js';
import { useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { shortcut } from './shortcuts.js';

/** The clerk's calling controls for this counter's window, with the window's state as the hall sees it. */
export function QueuePanel({ windowNumber }: { windowNumber: number }) {
  const snapshot = useQuery('hall.snapshot', {}, { refreshOn: ['hall.event', 'hall.resync'] });
  const [done, setDone] = useState<string>();
  /** `queue:<id>` or `window:<number>`: a ticket goes to another business, or to a named window. */
  const [transferTo, setTransferTo] = useState('');
  const [transferNote, setTransferNote] = useState('');
  /** A number typed off the slip of a citizen back after 过号. */
  const [returning, setReturning] = useState('');
  const [clerkId, setClerkId] = useState('');
  const [pin, setPin] = useState('');
  const window = snapshot.data?.windows.find((candidate) => candidate.number === windowNumber);
  const current = window?.current;

  const action = useCall(
    async (host, method: MethodName, input: object, said: (value: { ticketNumber?: string }) => string) =>
      said((await host.invoke(method, input as never)) as { ticketNumber?: string }),
    {
      onAnswer: setDone,
    },
  );
  const message = action.error ? { tone: 'bad', text: action.error } : done && { tone: 'ok', text: done };
  /** Whether it was done: the page keeps what was typed when it was not. */
  async function act(method: MethodName, input: object, said: (value: { ticketNumber?: string }) => string): Promise<boolean> {
    setDone(undefined);
    return (await action.run(method, input, said)) !== undefined;
  }

  if (!snapshot.data) return null;
  if (!window)
    return (
      <p className="idcard-error">
        大厅未配置 {windowNumber} 号窗口 / the hall has no window {windowNumber}
      </p>
    );
  return (
    <section className="panel queue-panel" aria-label="叫号 Calling">
      <h2>叫号 Calling</h2>
      {window.clerk ? (
        <p className="clerk-line">
          工作人员 {window.clerk.name}（{window.clerk.id}）
          <button type="button" className="small" onClick={() => void act('counter.logout', {}, () => '已退出登录')}>
            退出 Log out
          </button>
        </p>
      ) : (
        <form
          className="button-row clerk-login"
          aria-label="工作人员登录 Clerk login"
          onSubmit={(event) => {
            event.preventDefault();
            void act('counter.login', { clerkId, pin }, () => '登录成功').then(() => setPin(''));
          }}
        >
          <input
            value={clerkId}
            onChange={(event) => setClerkId(event.target.value)}
            placeholder="工号 Clerk id"
            aria-label="工号 Clerk id"
            autoComplete="username"
          />
          <input
            value={pin}
            onChange={(event) => setPin(event.target.value)}
            placeholder="密码 PIN"
            aria-label="密码 PIN"
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
          />
          <button type="submit" className="primary">
            登录 Log in
          </button>
          <button type="button" onClick={() => void act('counter.loginWithCard', { pin }, () => '登录成功').then(() => setPin(''))}>
            刷本人身份证登录 Log in with my ID card
          </button>
        </form>
      )}
      <p className="queue-current" data-testid="current-ticket">
        {window.paused
          ? '窗口已暂停 Paused'
          : current
            ? `当前 ${current.ticketNumber}（${current.queueName}）`
            : '当前无办理号码 No ticket'}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          {...shortcut('F1')}
          onClick={() => void act('counter.callNext', {}, (t) => `已呼叫 ${t.ticketNumber}`)}
        >
          叫号 Call next
        </button>
        <button
          type="button"
          disabled={!current}
          {...shortcut('F2')}
          onClick={() => void act('counter.recall', {}, (t) => `已重呼 ${t.ticketNumber}`)}
        >
          重呼 Recall
        </button>
        <button
          type="button"
          disabled={!current}
          {...shortcut('F3')}
          onClick={() => void act('counter.finish', {}, (t) => `${t.ticketNumber} 已办结`)}
        >
          办结 Finish
        </button>
        <button
          type="button"
          disabled={!current}
          {...shortcut('F4')}
          onClick={() => void act('counter.noShow', {}, (t) => `${t.ticketNumber} 已过号`)}
        >
          过号 No-show
        </button>
        <button
          type="button"
          disabled={!current}
          {...shortcut('F5')}
          onClick={() => void act('counter.park', {}, (t) => `${t.ticketNumber} 已挂起`)}
        >
          挂起 Park
        </button>
        <button
          type="button"
          onClick={() => void act('counter.pause', { paused: !window.paused }, () => (window.paused ? '窗口已恢复服务' : '窗口已暂停'))}
        >
          {window.paused ? '恢复服务 Resume' : '暂停 Pause'}
        </button>
      </div>
      {current && (
        <div className="button-row transfer">
          <label>
            转移到 Transfer to{' '}
            <select value={transferTo} onChange={(event) => setTransferTo(event.target.value)} aria-label="转移到 Transfer to">
              <option value="">—</option>
              <optgroup label="业务 Queues">
                {snapshot.data.queues.map((queue) => (
                  <option key={queue.id} value={`queue:${queue.id}`}>
                    {queue.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="窗口 Windows">
                {snapshot.data.windows
                  .filter((other) => other.number !== windowNumber)
                  .map((other) => (
                    <option key={other.number} value={`window:${other.number}`}>
                      {other.number}号窗口 {other.name}
                    </option>
                  ))}
              </optgroup>
            </select>
          </label>
          <label>
            备注 Note{' '}
            <input value={transferNote} onChange={(event) => setTransferNote(event.target.value)} maxLength={100} autoComplete="off" />
          </label>
          <button
            type="button"
            disabled={!transferTo}
            onClick={() => {
              const [kind, target] = transferTo.split(':') as ['queue' | 'window', string];
              const destination = kind === 'queue' ? { toQueueId: target } : { toWindowNumber: Number(target) };
              void act(
                'counter.transfer',
                { ...destination, ...(transferNote ? { note: transferNote } : {}) },
                (t) => `${t.ticketNumber} 已转移，号码不变`,
              );
              setTransferNote('');
            }}
          >
            转移 Transfer
          </button>
        </div>
      )}
      <form
        className="button-row reinstate"
        aria-label="过号恢复排队 Back after a no-show"
        onSubmit={(event) => {
          event.preventDefault();
          void act('counter.reinstate', { ticketNumber: returning }, (t) => `${t.ticketNumber} 已恢复排队，请留意叫号`).then(
            (ok) => ok && setReturning(''),
          );
        }}
      >
        <label>
          过号恢复 Back after no-show{' '}
          <input
            value={returning}
            onChange={(event) => setReturning(event.target.value)}
            placeholder="如 A007"
            maxLength={8}
            autoComplete="off"
          />
        </label>
        <button type="submit" disabled={!returning.trim()}>
          恢复排队 Reinstate
        </button>
      </form>
      {window.parked.length > 0 && (
        <ul className="job-list">
          {window.parked.map((parked) => (
            <li key={parked.ticketId}>
              <span>挂起 {parked.ticketNumber}</span>
              <span>{parked.queueName}</span>
              <button
                type="button"
                onClick={() => void act('counter.resume', { ticketId: parked.ticketId }, (t) => `已恢复 ${t.ticketNumber}`)}
              >
                恢复 Resume
              </button>
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p className={`print-status print-status-${message.tone}`} role={message.tone === 'bad' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
