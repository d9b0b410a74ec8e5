/**
 * withoutTokenTraces: while stateline builds and synthesizes its CDKTF app, stack traces captured
 * into plain objects (cdktf's token creation traces) are skipped; errors keep their stacks; the
 * original capture is restored afterwards, also when `fn` throws.
 */
import { withoutTokenTraces } from '../../stacks/azure-app';

function captured(): { plain: string; error: string } {
  const plain = { stack: '' };
  Error.captureStackTrace(plain);
  return { plain: plain.stack, error: new Error('boom').stack ?? '' };
}

test('plain-object traces are skipped inside, errors keep theirs, and the capture is restored', () => {
  const capture = Error.captureStackTrace;
  const inside = withoutTokenTraces(captured);
  expect(inside.plain).toBe('');
  expect(inside.error).toMatch(/^Error: boom\n\s+at /);
  expect(Error.captureStackTrace).toBe(capture);
  expect(captured().plain).toMatch(/\n\s+at /);
  expect(() => withoutTokenTraces(() => { throw new Error('inner'); })).toThrow('inner');
  expect(Error.captureStackTrace).toBe(capture);
});
