import { spec } from 'node:test/reporters';
import type { TestEvent } from 'node:test/reporters';

/**
 * Node's spec output, closed by the line CI reads: `N passed, N failed` (and skipped, when any).
 * Only tests count, not the suites that group them.
 */
export default async function* summaryReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const pretty = new spec();
  const output: string[] = [];
  pretty.on('data', (chunk: Buffer | string) => output.push(chunk.toString()));
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.details.type !== 'suite') {
      if (event.data.skip || event.data.todo) counts.skipped++;
      else if (event.type === 'test:pass') counts.passed++;
      else counts.failed++;
    }
    pretty.write(event);
    yield* output.splice(0);
  }
  pretty.end();
  await new Promise((resolve) => pretty.once('end', resolve).resume());
  yield* output.splice(0);
  yield `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}\n`;
}
