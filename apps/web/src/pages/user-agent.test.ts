import { describe, expect, it } from 'vitest';

import { describeUserAgent } from './user-agent';

describe('a session’s user agent, shortly', () => {
  it('names the browser and the system', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome on Linux');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      ),
    ).toBe('Safari on macOS');
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      'Firefox on Windows',
    );
  });

  it('says what it can of anything else', () => {
    expect(describeUserAgent(null)).toBe('Unknown');
    expect(describeUserAgent('node')).toBe('A program');
    expect(describeUserAgent('x'.repeat(100))).toHaveLength(40);
  });
});
