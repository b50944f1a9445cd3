import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../design/Button.js';
import { ConsoleTable } from './ConsoleTable.js';

/** A number field's value: what was typed, or NaN for nothing, which the hall refuses in words. */
export const numberOf = (text: string) => (text === '' ? Number.NaN : Number(text));

interface CellInputProps {
  label: string;
  value: string | number;
  readOnly: boolean;
  onChange(value: string): void;
  type?: 'text' | 'number' | 'time' | 'password';
  size?: 'tiny' | 'short';
  min?: number;
  max?: number;
  maxLength?: number;
  placeholder?: string;
}

/** An input of an editing table, named for the screen reader by what it is of ("税务 的号码前缀"). */
export function CellInput({ label, value, readOnly, onChange, type = 'text', size, ...rest }: CellInputProps) {
  return (
    <input
      className={size ? `ds-input console-input-${size}` : 'ds-input'}
      type={type}
      aria-label={label}
      value={typeof value === 'number' && Number.isNaN(value) ? '' : value}
      readOnly={readOnly}
      {...(type === 'password' ? { inputMode: 'numeric' as const, autoComplete: 'new-password' } : {})}
      onChange={(event) => onChange(event.target.value)}
      {...rest}
    />
  );
}

/** A table of entries to edit: its column heads, a last column for the remove buttons. */
export function EditTable({ testId, columns, children }: { testId: string; columns: string[]; children: ReactNode }) {
  const { t } = useTranslation('manager');
  return (
    <ConsoleTable
      testId={testId}
      className="console-edit-table"
      columns={[...columns, <span className="visually-hidden">{t('settings.remove')}</span>]}
    >
      {children}
    </ConsoleTable>
  );
}

export function RemoveButton({ name, onRemove }: { name: string; onRemove(): void }) {
  const { t } = useTranslation('manager');
  return (
    <Button variant="quiet" aria-label={t('settings.removeNamed', { name })} onClick={onRemove}>
      {t('settings.remove')}
    </Button>
  );
}
