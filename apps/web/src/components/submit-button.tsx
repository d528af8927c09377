import type { ButtonHTMLAttributes } from 'react';

type SubmitButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  pending: boolean;
  /** What the button says while the call runs, e.g. "Saving…". */
  pendingLabel?: string;
};

/** A button that shows and announces progress while its call runs, and cannot be pressed twice. */
export const SubmitButton = ({ pending, pendingLabel = 'Working…', children, ...button }: SubmitButtonProps) => (
  <button type="submit" {...button} disabled={pending || button.disabled} aria-busy={pending || undefined}>
    {pending ? pendingLabel : children}
  </button>
);
