import { useId, type InputHTMLAttributes } from 'react';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string;
  /** The wire name; the server's `data.field` is matched against it. */
  name: string;
  error?: string | undefined;
  hint?: string | undefined;
};

/** A labelled input whose server-side error sits right below it and is announced with it. */
export const TextField = ({ label, name, error, hint, ...input }: TextFieldProps) => {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error && (
        <p id={errorId} className="field-error" data-field-error={name}>
          {error}
        </p>
      )}
    </div>
  );
};
