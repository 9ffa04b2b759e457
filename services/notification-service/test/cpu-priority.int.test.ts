// notification-service's work follows bookings without anyone waiting on it: it runs at a lower CPU
// priority (nice 10 by default, CPU_NICENESS) than the services a booking waits for.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { pidOf } from '../../../tests/support/booking.ts';
import { serviceProcesses } from '../../../tests/support/metrics.ts';

/** A process's nice value: the 19th field of /proc/<pid>/stat, counted after the command's closing parenthesis. */
const niceOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);

describe('CPU priority', () => {
  it('runs notification-service below the booking path’s services on a busy machine', () => {
    const processes = serviceProcesses();
    const notifications = processes.filter((name) => name.startsWith('notification-service'));
    assert.ok(notifications.length > 0);
    for (const name of notifications) assert.equal(niceOf(pidOf(name)), 10, name);
    for (const name of processes.filter((n) => /^(gateway|appointment-service)/.test(n))) assert.equal(niceOf(pidOf(name)), 0, name);
  });
});
