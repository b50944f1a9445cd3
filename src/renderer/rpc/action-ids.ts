import { RpcError } from '../../shared/rpc/errors.js';

/**
 * Request ids for the actions of one screen that create something (取号, 签到, a pre-fill code, 受理).
 * An action gets a new id when the person starts it; when no answer came (the connection dropped, the
 * hall did not answer in time) the id is kept, so pressing again for the same thing repeats that request
 * and the host answers it with the first number or case instead of making another. Any answer, or a
 * different choice, ends it.
 */
export function createActionIds() {
  let pending: { action: string; id: string } | null = null;
  return {
    async run<T>(action: unknown, call: (requestId: string) => Promise<T>): Promise<T> {
      const key = JSON.stringify(action);
      const id = pending?.action === key ? pending.id : crypto.randomUUID();
      pending = { action: key, id };
      try {
        const value = await call(id);
        pending = null;
        return value;
      } catch (failure) {
        const unanswered = failure instanceof RpcError && (failure.code === 'UNAVAILABLE' || failure.code === 'TIMEOUT');
        if (!unanswered) pending = null;
        throw failure;
      }
    },
  };
}
