import type { ButtonHTMLAttributes, ReactNode } from 'react';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'quiet';
  size?: 'normal' | 'large';
  /** The function key that does the same, shown on the button so a clerk learns it where they click (e.g. "F2"). */
  shortcut?: string;
  children: ReactNode;
}

export function Button({ variant = 'secondary', size = 'normal', shortcut, className, children, type = 'button', ...rest }: ButtonProps) {
  const classes = ['ds-button', `ds-button-${variant}`, size === 'large' ? 'ds-button-large' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button type={type} className={classes} aria-keyshortcuts={shortcut} {...rest}>
      {children}
      {shortcut && (
        <kbd className="ds-kbd" aria-hidden="true">
          {shortcut}
        </kbd>
      )}
    </button>
  );
}
