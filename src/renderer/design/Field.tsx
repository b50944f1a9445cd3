import { useId, type ReactNode } from 'react';

interface FieldProps {
  label: ReactNode;
  required?: boolean;
  hint?: ReactNode;
  /** What is wrong with the value, next to the field, in words that say what to do. */
  error?: string | undefined;
  /** The control, given the ids that tie it to its label, hint and error. */
  children(control: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': boolean; className: string }): ReactNode;
}

/** A labelled control with its hint and its error; every form on every screen is built from these. */
export function Field({ label, required = false, hint, error, children }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="ds-field" data-invalid={error ? 'true' : undefined}>
      <label className="ds-field-label" htmlFor={id}>
        {label}
        {required && (
          <span className="ds-field-required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children({ id, 'aria-describedby': described, 'aria-invalid': Boolean(error), className: 'ds-input' })}
      {hint && (
        <span className="ds-field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="ds-field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
