/** Rotation grace periods offered (the API takes 0 to 24 h); the API's default is 1 h. */
export const gracePeriods = [
  { value: '0', label: 'None: the old secret stops now' },
  { value: '300', label: '5 minutes' },
  { value: '3600', label: '1 hour' },
  { value: '21600', label: '6 hours' },
  { value: '86400', label: '24 hours (the longest)' },
] as const;

export const defaultGracePeriod = '3600';
