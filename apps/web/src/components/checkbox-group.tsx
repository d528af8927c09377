import { useId } from 'react';

export type CheckboxOption = { value: string; label: string; hint?: string | undefined };

/**
 * A fieldset of checkboxes under one wire name (e.g. `scopes`): its legend labels the group,
 * and the server's error for that name sits below it, announced with the group.
 */
export const CheckboxGroup = ({
  legend,
  name,
  options,
  defaultChecked = [],
  error,
}: {
  legend: string;
  name: string;
  options: readonly CheckboxOption[];
  defaultChecked?: readonly string[];
  error?: string | undefined;
}) => {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset className="checkbox-group" aria-describedby={errorId} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <ul>
        {options.map((option) => (
          <li key={option.value}>
            <label>
              <input
                type="checkbox"
                name={name}
                value={option.value}
                defaultChecked={defaultChecked.includes(option.value)}
              />{' '}
              <code>{option.value}</code>
              {option.hint && <span className="hint"> — {option.hint}</span>}
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p id={errorId} className="field-error" data-field-error={name}>
          {error}
        </p>
      )}
    </fieldset>
  );
};

/** Every checked value of a checkbox group in a submitted form. */
export const formValues = (form: HTMLFormElement, name: string): string[] =>
  new FormData(form).getAll(name).filter((value): value is string => typeof value === 'string');
