// A replica's PDF work in a process of its own, for memory-trim.int.test.ts: renders PDFs, then stays
// quiet, with the memory trim on (argument `trim`) or not, and prints its resident set after the work
// and after the quiet spell, as JSON.
import { createLogger, MEMORY_TRIM_DEFAULTS, startMemoryTrim } from '@clinic/service-kit';
import { renderAppointmentPdf } from './appointment-pdf.ts';
import { appointment } from './fixtures.ts';

const MB = 2 ** 20;
const trim =
  process.argv[2] === 'trim'
    ? startMemoryTrim(createLogger('memory-trim-fixture', 'silent'), { ...MEMORY_TRIM_DEFAULTS, quietMs: 1_000 }, 200)
    : undefined;
for (let i = 0; i < 600; i++) {
  await renderAppointmentPdf(appointment, {
    timeZone: 'Europe/Bucharest',
    language: i % 2 ? 'en' : 'ro',
    clinic: { name: 'Clinica', address: 'Str. Lungă 1' },
  });
}
const afterWork = process.memoryUsage.rss();
await new Promise((resolve) => setTimeout(resolve, 3_000));
const afterQuiet = process.memoryUsage.rss();
trim?.stop();
process.stdout.write(JSON.stringify({ afterWorkMb: afterWork / MB, afterQuietMb: afterQuiet / MB }));
