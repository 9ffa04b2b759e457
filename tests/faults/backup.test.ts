// Backup and restore of the platform's data (scripts/backup.ts, i.e. npm run backup / npm run restore):
// appointments and their PDFs deleted after a backup are all there again after the restore.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Client as MinioClient } from 'minio';
import { stackProfile, type ProfileName } from '../../devstack/src/index.ts';
import { backup, restore } from '../../scripts/backup.ts';
import { freeSlots, withAppointmentsDb } from '../support/booking.ts';
import { ALL_WEEK, createDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { registerPatient } from '../support/identity.ts';
import { bookThroughGateway, eventually, gateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const BUCKET = 'appointment-pdfs';

describe('backup and restore', () => {
  const folder = mkdtempSync(join(tmpdir(), 'clinic-backup-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('brings back every appointment and PDF deleted after the backup', async (t) => {
    const profile = stackProfile((process.env.CLINIC_TEST_PROFILE ?? 'test') as ProfileName);
    const { minio } = testStack();
    const url = new URL(minio.endpoint);
    const store = new MinioClient({
      endPoint: url.hostname,
      port: Number(url.port),
      useSSL: false,
      accessKey: minio.accessKey,
      secretKey: minio.secretKey,
    });

    const {
      doctor: { id: doctorId },
    } = await createDoctor({ schedule: ALL_WEEK });
    const patients = await Promise.all([1, 2, 3].map((n) => registerPatient(`restored-${n}`)));
    const slots = await freeSlots(doctorId, 3);
    const booked = [];
    for (const [i, patient] of patients.entries())
      booked.push({ patient, appointment: await bookThroughGateway(patient, doctorId, slots[i]!) });
    const ids = booked.map((b) => b.appointment.id as string);
    const keys = await eventually('every PDF is made', async () => {
      const { rows } = await withAppointmentsDb((db) =>
        db.query<{ pdf_object_key: string | null }>('SELECT pdf_object_key FROM appointments WHERE id = ANY($1::uuid[])', [ids]),
      );
      return rows.every((r) => r.pdf_object_key) && rows.map((r) => r.pdf_object_key!);
    });
    const pdfSizes = await Promise.all(keys.map(async (key) => (await store.statObject(BUCKET, key)).size));

    const manifest = await backup(profile, folder);
    t.diagnostic(`backup in ${manifest}`);

    await withAppointmentsDb((db) => db.query('DELETE FROM appointments WHERE id = ANY($1::uuid[])', [ids]));
    await store.removeObjects(BUCKET, keys);
    for (const { patient, appointment } of booked) {
      assert.equal((await http(gateway(`/appointments/${appointment.id}`), { token: patient.token })).status, 404, 'deleted');
    }
    await assert.rejects(store.statObject(BUCKET, keys[0]!), 'the PDF is deleted');

    await restore(profile, folder);

    for (const { patient, appointment } of booked) {
      const answer = await http(gateway(`/appointments/${appointment.id}`), { token: patient.token });
      assert.equal(answer.status, 200, `appointment ${appointment.id} is back`);
      assert.equal(answer.body.start_time, appointment.start_time);
    }
    for (const [i, key] of keys.entries()) assert.equal((await store.statObject(BUCKET, key)).size, pdfSizes[i], `PDF ${key} is back`);
  });
});
