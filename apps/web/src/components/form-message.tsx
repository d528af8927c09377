import { useEffect, useState } from 'react';

import type { FormErrors } from '../api/form-errors';

/** Counts down to zero, one second at a time. */
const useCountdown = (seconds: number | null) => {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    setLeft(seconds);
    if (seconds === null || seconds <= 0) return;
    const timer = setInterval(() => setLeft((value) => (value === null || value <= 1 ? 0 : value - 1)), 1_000);
    return () => clearInterval(timer);
  }, [seconds]);
  return left;
};

/**
 * The form-level part of a failed call (announced to screen readers), and for a 429 when
 * a retry may succeed.
 */
export const FormMessage = ({ errors }: { errors: FormErrors }) => {
  const left = useCountdown(errors.retryAfter);
  if (!errors.message && errors.retryAfter === null) return null;
  return (
    <div className="form-message" role="alert">
      {errors.message && <p>{errors.message}</p>}
      {errors.retryAfter !== null && (
        <p className="retry-after" data-retry-after={errors.retryAfter}>
          {left ? `You can try again in ${left} s.` : 'You can try again now.'}
        </p>
      )}
    </div>
  );
};
