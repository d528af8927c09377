import type { Counter, Histogram } from 'prom-client';

/** The prom-client version whose internals this module reads; test/observability/metric-series.test.ts checks it. */
export const verifiedPromClientVersion = '15.1.3';

type CounterEntry = { value: number };
type HistogramEntry = { sum: number; count: number; bucketValues: Record<number, number> };
type Internals<Entry> = { hashMap: Record<string, Entry>; enableExemplars?: boolean };
type Series<Entry> = { hashMap: Record<string, Entry>; hash: string; entry: Entry };

/**
 * A counter and a histogram with the same labels, recorded together once per labelled event.
 * prom-client 15 validates and hashes the labels on every `inc`/`observe`, labelled children
 * (`.labels(...)`) included, which cost about 2 µs per request here. The first event of a label
 * set goes through the public API, which creates its series; later ones add to that series
 * directly, as long as it is still the one in the metric's map (reset() replaces the map).
 * The /metrics text is the same either way (the test compares both paths).
 */
export const createSeriesRecorder = <Label extends string>(counter: Counter<Label>, histogram: Histogram<Label>) => {
  const counts = counter as unknown as Internals<CounterEntry>;
  const timings = histogram as unknown as Internals<HistogramEntry> & { upperBounds: readonly number[] };
  const direct = counts.enableExemplars !== true && timings.enableExemplars !== true;
  // prom-client keys bucketValues by the bound; as a property key a number is its string, and
  // converting a fractional bound on every event cost more than the rest of the event.
  const bounds = timings.upperBounds.map((bound) => ({ bound, key: String(bound) }));
  const known = new Map<string, [Series<CounterEntry>, Series<HistogramEntry>]>();

  const seriesOf = <Entry>(metric: Internals<Entry>, labels: Record<Label, string>): Series<Entry> | undefined => {
    for (const [hash, entry] of Object.entries(metric.hashMap)) {
      const entryLabels = (entry as { labels: Record<string, unknown> }).labels;
      if (Object.keys(labels).every((name) => entryLabels[name] === labels[name as Label]))
        return { hashMap: metric.hashMap, hash, entry };
    }
    return undefined;
  };
  const isCurrent = <Entry>(metric: Internals<Entry>, series: Series<Entry>) =>
    metric.hashMap === series.hashMap && metric.hashMap[series.hash] === series.entry;

  /** `key` identifies the label set (e.g. the values joined); `labels` is called only for a new one. */
  return (key: string, labels: () => Record<Label, string>, seconds: number) => {
    const cached = direct && Number.isFinite(seconds) ? known.get(key) : undefined;
    if (cached && isCurrent(counts, cached[0]) && isCurrent(timings, cached[1])) {
      cached[0].entry.value += 1;
      const timing = cached[1].entry;
      timing.sum += seconds;
      timing.count += 1;
      const bucketValues = timing.bucketValues as Record<string, number>;
      for (const { bound, key } of bounds) {
        if (seconds <= bound) {
          bucketValues[key] = (bucketValues[key] ?? 0) + 1;
          break;
        }
      }
      return;
    }
    const labelSet = labels();
    counter.inc(labelSet);
    histogram.observe(labelSet, seconds);
    if (!direct) return;
    const countSeries = seriesOf(counts, labelSet);
    const timingSeries = seriesOf(timings, labelSet);
    if (countSeries && timingSeries) known.set(key, [countSeries, timingSeries]);
  };
};
