import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagerSession } from '../../shared/manager-console.js';
import { Button } from '../design/Button.js';
import { Field } from '../design/Field.js';
import { Notice } from '../design/Notice.js';
import { consoleApi } from './console-client.js';
import { useRefusalText } from './use-console-action.js';

/** The console's door: account and password, the hall's refusal in its own words (tries left, the lock). */
export function LoginView({ notice, onLoggedIn }: { notice: string | undefined; onLoggedIn(session: ManagerSession): void }) {
  const { t } = useTranslation('manager');
  const refusalText = useRefusalText();
  const [account, setAccount] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!account.trim() || !password) {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onLoggedIn(await consoleApi.login({ managerId: account.trim(), password }));
    } catch (refusal) {
      setPassword('');
      setError(refusalText(refusal));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="console-login">
      <form className="console-login-card" onSubmit={(event) => void submit(event)} aria-labelledby="console-login-title">
        <h1 id="console-login-title">{t('login.title')}</h1>
        {notice && <Notice tone="info">{notice}</Notice>}
        <Field label={t('login.account')} required>
          {(control) => (
            <input
              {...control}
              name="account"
              autoComplete="username"
              value={account}
              onChange={(event) => setAccount(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('login.password')} required hint={t('login.hint')}>
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        {error && <Notice tone="bad">{error}</Notice>}
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </Button>
      </form>
    </main>
  );
}
