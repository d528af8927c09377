const maxRemembered = 4096;
const texts = new Map<number, string>();

/**
 * A date as the wire writes it (ISO 8601, UTC, milliseconds). `Date#toISOString` costs about
 * a microsecond each time, and a cached read answers the same few timestamps over and over,
 * so the texts of recent instants are kept (a bounded set, emptied when full).
 */
export const isoTime = (date: Date): string => {
  const instant = date.getTime();
  const known = texts.get(instant);
  if (known !== undefined) return known;
  const text = date.toISOString();
  if (texts.size >= maxRemembered) texts.clear();
  texts.set(instant, text);
  return text;
};

/** The same for an optional instant: null when there is none. */
export const isoTimeOrNull = (date: Date | null | undefined): string | null =>
  date === null || date === undefined ? null : isoTime(date);
