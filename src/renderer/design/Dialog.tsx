import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  actions: ReactNode;
  onClose(): void;
}

/**
 * A modal question. The browser's own <dialog> traps focus, closes on Esc and hides the page behind it
 * from screen readers, which is what an accessible-primitives library would otherwise add.
 */
export function Dialog({ open, title, children, actions, onClose }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="ds-dialog" aria-label={title} onClose={onClose}>
      <h2>{title}</h2>
      {children}
      <div className="ds-dialog-actions">{actions}</div>
    </dialog>
  );
}
