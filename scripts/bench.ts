// `npm run bench`: starts a stack of its own (profile test-8), then measures booking through the
// gateway and the three appointment-service replicas, and the services' memory. It prints figures
// and whether each target is met; it asserts nothing and is never part of `npm test`.
import { readFileSync } from 'node:fs';

process.env.CLINIC_TEST_PROFILE ??= 'test-8';
const { globalSetup, globalTeardown } = await import('../tests/support/global-setup.ts');
const { testStack } = await import('../tests/support/stack.ts');
const { createPatients } = await import('../tests/support/identity.ts');
const { ALL_WEEK, createDoctor } = await import('../tests/support/clinic.ts');
const { freeSlots, pidOf } = await import('../tests/support/booking.ts');
const { http } = await import('../tests/support/http.ts');

// Targets: a booking answered within 2 s even when 200 patients want the same slot; 50 bookings a
// second through one worker; every service process within the 256 MB a container would be given.
const TARGETS = { contendedP95Ms: 2_000, bookingsPerSecond: 50, distinctP95Ms: 1_500, serviceRssMb: 256 };
const PATIENTS = 200;
const CONCURRENCY = 50;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const verdict = (ok: boolean) => (ok ? 'target met' : 'TARGET MISSED');
const line = (label: string, value: string, target: string, ok: boolean) =>
  console.log(`  ${label.padEnd(44)} ${value.padStart(12)}   target ${target.padEnd(10)} ${verdict(ok)}`);

async function timedBooking(token: string, body: unknown) {
  const started = performance.now();
  const answer = await http(`${testStack().gatewayUrl}/api/appointments`, { method: 'POST', token, body });
  return { status: answer.status, ms: performance.now() - started };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pooled<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

function rssMb(processName: string): number {
  const status = readFileSync(`/proc/${pidOf(processName)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

console.log('Starting a stack of real servers for the benchmark…');
await globalSetup();
try {
  const { doctor } = await createDoctor({ schedule: ALL_WEEK });
  const patients = await createPatients(PATIENTS, 'bench');
  const slots = await freeSlots(doctor.id, PATIENTS + 1);
  const body = (slot: { start: string; end: string }) => ({ doctor_id: doctor.id, start_time: slot.start, end_time: slot.end });

  const replicas = Object.keys(testStack().services).filter((name) => name.startsWith('appointment-service-')).length;
  console.log(`\nBooking through the gateway (${replicas} appointment-service replicas, one booking worker)`);

  // 1. Contention: every patient wants the same slot at the same moment.
  const contended = await Promise.all(patients.map((p) => timedBooking(p.token, body(slots[0]!))));
  const contendedMs = contended.map((r) => r.ms).sort((a, b) => a - b);
  const winners = contended.filter((r) => r.status === 201).length;
  line(`${PATIENTS} patients, one slot: winners`, String(winners), '1', winners === 1);
  line('  latency p50', `${percentile(contendedMs, 50).toFixed(0)} ms`, '', true);
  line(
    '  latency p95',
    `${percentile(contendedMs, 95).toFixed(0)} ms`,
    `< ${TARGETS.contendedP95Ms} ms`,
    percentile(contendedMs, 95) < TARGETS.contendedP95Ms,
  );

  // 2. Throughput: every patient books a slot of their own, CONCURRENCY requests in flight.
  const started = performance.now();
  const distinct = await pooled(
    patients.map((p, i) => () => timedBooking(p.token, body(slots[i + 1]!))),
    CONCURRENCY,
  );
  const seconds = (performance.now() - started) / 1000;
  const distinctMs = distinct.map((r) => r.ms).sort((a, b) => a - b);
  const booked = distinct.filter((r) => r.status === 201).length;
  line(`${PATIENTS} distinct slots, ${CONCURRENCY} in flight: booked`, `${booked}/${PATIENTS}`, `${PATIENTS}`, booked === PATIENTS);
  line(
    '  throughput',
    `${(booked / seconds).toFixed(1)} /s`,
    `≥ ${TARGETS.bookingsPerSecond} /s`,
    booked / seconds >= TARGETS.bookingsPerSecond,
  );
  line('  latency p50', `${percentile(distinctMs, 50).toFixed(0)} ms`, '', true);
  line(
    '  latency p95',
    `${percentile(distinctMs, 95).toFixed(0)} ms`,
    `< ${TARGETS.distinctP95Ms} ms`,
    percentile(distinctMs, 95) < TARGETS.distinctP95Ms,
  );

  console.log('\nMemory (resident set) after the load');
  for (const name of Object.keys(testStack().services)) {
    const mb = rssMb(name);
    line(name, `${mb.toFixed(0)} MB`, `< ${TARGETS.serviceRssMb} MB`, mb < TARGETS.serviceRssMb);
  }
} finally {
  await globalTeardown();
}
