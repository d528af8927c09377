import { useEffect, useId, useRef, useState } from 'react';

/**
 * A secret the server shows only once (an invitation link now; API key secrets later):
 * focused when it appears, selectable, copyable, and dismissed explicitly.
 */
export const SecretOncePanel = ({
  title,
  secret,
  explanation,
  onDismiss,
}: {
  title: string;
  secret: string;
  explanation: string;
  onDismiss: () => void;
}) => {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  const id = useId();
  useEffect(() => headingRef.current?.focus(), [secret]);
  return (
    <section className="secret-once" aria-labelledby={id}>
      <h3 id={id} ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      <p>{explanation}</p>
      <label htmlFor={`${id}-value`}>Value (shown once)</label>
      <input id={`${id}-value`} readOnly value={secret} onFocus={(event) => event.currentTarget.select()} />
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          Copy
        </button>
        <button type="button" onClick={onDismiss}>
          Done
        </button>
        <span role="status">{copied ? 'Copied.' : ''}</span>
      </div>
    </section>
  );
};
