import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

import type { FormErrors } from '../api/form-errors';
import { FormMessage } from './form-message';
import { SubmitButton } from './submit-button';

export type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  errors?: FormErrors | undefined;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

/**
 * A modal confirmation on the native <dialog>: focus moves into it (to Cancel, the safe
 * choice), Tab stays inside, Escape cancels, and focus returns to what opened it.
 */
export const ConfirmDialog = ({
  open,
  title,
  children,
  confirmLabel,
  pending,
  errors,
  danger,
  onConfirm,
  onClose,
}: ConfirmDialogProps) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement;
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  const restoreFocus = () => {
    if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={() => {
        restoreFocus();
        onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <div id={bodyId}>{children}</div>
        {errors && <FormMessage errors={errors} />}
        <div className="actions">
          <button type="button" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <SubmitButton pending={pending} className={danger ? 'danger' : 'primary'}>
            {confirmLabel}
          </SubmitButton>
        </div>
      </form>
    </dialog>
  );
};

/**
 * A button that asks for confirmation in a dialog before it acts. The dialog closes when the
 * action succeeds and stays open, showing the error, when it fails.
 */
export const ConfirmButton = ({
  label,
  onConfirm,
  ...dialog
}: Omit<ConfirmDialogProps, 'open' | 'onClose' | 'onConfirm'> & {
  label: string;
  onConfirm: () => Promise<unknown>;
}) => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={dialog.danger ? 'danger' : undefined} onClick={() => setOpen(true)}>
        {label}
      </button>
      <ConfirmDialog
        {...dialog}
        open={open}
        onConfirm={() =>
          void onConfirm().then(
            () => setOpen(false),
            () => undefined,
          )
        }
        onClose={() => setOpen(false)}
      />
    </>
  );
};
