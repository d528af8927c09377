import { describe, expect, it } from 'vitest';

import { routerBasename } from './config';
import { safeNext } from './pages/sign-in';

describe('where the console lives', () => {
  it('takes the router basename from the <base href> path', () => {
    expect(routerBasename('http://127.0.0.1:5173/')).toBe('');
    expect(routerBasename('https://api.example.com/console/')).toBe('/console');
    expect(routerBasename('https://static.example.com/tools/orgsphere/')).toBe('/tools/orgsphere');
  });

  it('returns after sign-in only to a path of the console, never to another site', () => {
    expect(safeNext('/invitations/accept?token=abc')).toBe('/invitations/accept?token=abc');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
