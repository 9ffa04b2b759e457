// The soak's printed report, from the figures it saves as JSON.
import type { FaultRecord } from './faults.ts';

type Memory = Record<string, { mb: number; source: string }>;

interface Figures {
  settings: { minutes: number; faultEverySeconds: number; patients: number; clients: number };
  trafficSeconds: number;
  faults: FaultRecord[];
  drain: { drained: boolean; seconds: number; left?: Record<string, number> };
  bookingRequests: Record<string, number>;
  bookings: { acknowledged: number; lost: number; missing: number; doubled: number; uncertain: number; cancelledButActive: string[] };
  answers: Record<string, Record<string, number>>;
  fiveXxByFault: Record<string, Record<string, number>>;
  emails: Record<string, unknown> & { missing: number; repeated: number; notSent: number; eventsWithoutNotification: number };
  memoryAtStartMb: Memory;
  memoryAtEndMb: Memory;
}

const isFiveXx = (status: string) => status === 'network error' || Number(status) >= 500;

export function printReport(saved: Record<string, unknown>): void {
  const r = saved as unknown as Figures;
  console.log(
    `\nSoak: ${Math.round(r.trafficSeconds / 60)} min of traffic, ${r.settings.clients} clients over ${r.settings.patients} patients, ` +
      `a fault every ${r.settings.faultEverySeconds} s`,
  );
  console.log('\nFaults');
  for (const f of r.faults) {
    console.log(
      `  at ${String(f.startedAt).padStart(5)} s  ${f.fault.padEnd(42)} back after ${String(f.recoveredAfterSeconds).padStart(6)} s${f.error ? `  (${f.error})` : ''}`,
    );
  }
  console.log(
    `\nBackground work ${r.drain.drained ? `drained ${r.drain.seconds} s after the traffic` : `NOT drained: ${JSON.stringify(r.drain.left)}`}`,
  );

  console.log(`Messages in dead-letter queues at the end: ${r.drain.left?.deadLetters ?? '?'}`);

  console.log('\nBookings');
  console.log(`  requests ${JSON.stringify(r.bookingRequests)}`);
  console.log(`  acknowledged (201)                 ${r.bookings.acknowledged}`);
  console.log(`  lost (acknowledged, then missing or not as acknowledged)   ${r.bookings.lost}`);
  console.log(`  doubled (overlapping active appointments in the database)  ${r.bookings.doubled}`);
  console.log(`  cancellations acknowledged but still active               ${r.bookings.cancelledButActive.length}`);
  console.log(`  changes left unanswered (5xx, network error; not judged)  ${r.bookings.uncertain}`);

  console.log('\nAnswers by request kind (5xx and network errors are retried or left uncertain by the clients)');
  for (const [kind, statuses] of Object.entries(r.answers)) {
    const fiveXx = Object.entries(statuses)
      .filter(([status]) => isFiveXx(status))
      .reduce((sum, [, n]) => sum + n, 0);
    console.log(`  ${kind.padEnd(36)} 5xx ${String(fiveXx).padStart(5)}   ${JSON.stringify(statuses)}`);
  }
  console.log('\n5xx and network errors by the fault going on or last begun');
  for (const [fault, counts] of Object.entries(r.fiveXxByFault)) console.log(`  ${fault.padEnd(42)} ${JSON.stringify(counts)}`);

  console.log('\nEmails (Mailpit against the notifications table)');
  console.log(`  ${JSON.stringify(r.emails)}`);

  console.log('\nMemory of each service process (resident set, MB; where each figure came from)');
  for (const name of Object.keys({ ...r.memoryAtStartMb, ...r.memoryAtEndMb }).sort()) {
    const at = (m: Memory) => (m[name] ? `${String(m[name].mb).padStart(5)} (${m[name].source})` : '    –');
    console.log(`  ${name.padEnd(26)} start ${at(r.memoryAtStartMb)}   end ${at(r.memoryAtEndMb)}`);
  }
}
