import type { ReactNode } from 'react';

interface NoticeProps {
  tone?: 'info' | 'ok' | 'warn' | 'bad';
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}

/** A line that tells a person something about where they are: a result, a warning, what to do next. */
export function Notice({ tone = 'info', children, actions, testId }: NoticeProps) {
  return (
    <div className={`ds-notice ds-notice-${tone}`} role={tone === 'bad' ? 'alert' : 'status'} data-testid={testId}>
      <div style={{ flex: 1 }}>{children}</div>
      {actions}
    </div>
  );
}
