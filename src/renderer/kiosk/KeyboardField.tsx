import { useId } from 'react';
import { useLocalise } from '../i18n/index.js';
import { OnScreenKeyboard, type KeyboardLayout } from '../keyboard/OnScreenKeyboard.js';

interface KeyboardFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  layout: KeyboardLayout;
  onDone?(): void;
  doneLabel?: string;
  /** The value cannot be used yet: the keyboard's 完成 shows but cannot be pressed. */
  doneDisabled?: boolean;
  maxLength?: number;
  placeholder?: string;
  problem?: string | null;
  onComposing?(pinyin: string): void;
}

/**
 * A field with the touch keyboard under it. The input is real (a scanner in keyboard mode and a
 * physical keyboard both work) but asks the system for no keyboard of its own.
 */
export function KeyboardField({
  label,
  value,
  onChange,
  layout,
  onDone,
  doneLabel,
  doneDisabled,
  maxLength,
  placeholder,
  problem,
  onComposing,
}: KeyboardFieldProps) {
  const id = useId();
  const localise = useLocalise();
  return (
    <div className="keyboard-field">
      <label htmlFor={id} className="keyboard-field-label">
        {label}
      </label>
      <input
        id={id}
        className="keyboard-field-input"
        value={value}
        inputMode="none"
        autoComplete="off"
        maxLength={maxLength}
        placeholder={placeholder}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && onDone && !doneDisabled) onDone();
        }}
      />
      {problem && (
        <p id={`${id}-problem`} className="field-problem" role="alert">
          {localise(problem)}
        </p>
      )}
      <OnScreenKeyboard
        layout={layout}
        value={value}
        onChange={onChange}
        onDone={onDone}
        doneLabel={doneLabel}
        doneDisabled={doneDisabled}
        maxLength={maxLength}
        onComposing={onComposing}
      />
    </div>
  );
}
