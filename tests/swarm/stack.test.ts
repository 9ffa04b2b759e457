// The deployed stack, through its published gateway only (run by tests/swarm/run.ts, which deploys it).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import { clinicDate } from '../support/clinic.ts';
import { http, type HttpAnswer, type RequestOptions, type Json } from '../support/http.ts';
import { followKeycloakLink } from '../support/mail.ts';
import { pdfText } from '../support/pdf.ts';
import { STACK, containersOf, docker, dockerAsync, dockerOk, nodeIn, stackServices } from './swarm.ts';

const PUBLIC_URL = process.env.CLINIC_PUBLIC_URL!;
const ADMIN = { email: 'admin@clinic.local', password: process.env.CLINIC_ADMIN_PASSWORD! };
const PASSWORD = 'Sup3r-secret-pass';
const api = (path: string, options: RequestOptions = {}) => http(`${PUBLIC_URL}/api${path}`, options);

async function logIn(username: string, password: string): Promise<string> {
  const answer = await http(`${PUBLIC_URL}/auth/realms/clinic/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: new URLSearchParams({ grant_type: 'password', client_id: 'clinic-cli', username, password }).toString(),
  });
  assert.equal(answer.status, 200, `log-in of ${username}: ${JSON.stringify(answer.body)}`);
  return answer.body.access_token as string;
}

interface Patient {
  id: string;
  email: string;
  token: string;
}

async function registerPatient(label: string): Promise<Patient> {
  const email = `${label}-${randomUUID().slice(0, 8)}@swarm.clinic.local`;
  const answer = await api('/users/register', { method: 'POST', body: { full_name: `Swarm ${label}`, email, password: PASSWORD } });
  assert.equal(answer.status, 201, `registration: ${JSON.stringify(answer.body)}`);
  await verifyEmail(email);
  return { id: answer.body.id, email, token: await logIn(email, PASSWORD) };
}

/** Follows the verification link Keycloak emailed the address (read in Mailpit): a patient books only once verified. */
async function verifyEmail(email: string): Promise<void> {
  let link: string | undefined;
  await waitFor(`the verification email to ${email}`, () => {
    const found = mailpit(`/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}`);
    for (const message of (found?.messages ?? []) as Array<{ ID: string }>) {
      link ??= /https?:\/\/\S+\/login-actions\/action-token\?\S+/.exec(mailpit(`/api/v1/message/${message.ID}`)?.Text ?? '')?.[0];
    }
    return link !== undefined;
  });
  await followKeycloakLink(link!);
}

async function expectStatus(status: number, path: string, options: RequestOptions): Promise<Json> {
  const answer = await api(path, options);
  assert.equal(answer.status, status, `${options.method ?? 'GET'} ${path}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

interface Slot {
  start: string;
  end: string;
}

/** `count` free slots from `fromDay` days ahead on, and the first day none of them is on. */
async function freeSlots(doctorId: string, count: number, fromDay: number): Promise<{ slots: Slot[]; nextDay: number }> {
  const slots: Slot[] = [];
  let day = fromDay;
  for (; slots.length < count && day < fromDay + 60; day++) {
    const date = clinicDate(day);
    slots.push(...(await expectStatus(200, `/doctors/${doctorId}/available-slots?date=${date}`, {})).slots);
  }
  assert.ok(slots.length >= count, `only ${slots.length} free slots`);
  return { slots: slots.slice(0, count), nextDay: day };
}

/**
 * Books as a careful client does: the same Idempotency-Key on every attempt, again after a 503 or a
 * cut connection (a replica went away), until the answer is final.
 */
async function bookUntilFinal(patient: Patient, doctorId: string, slot: Slot): Promise<HttpAnswer> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    const answer = await api('/appointments', {
      method: 'POST',
      token: patient.token,
      headers: { 'idempotency-key': key },
      body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
    }).catch(() => undefined);
    if (answer && answer.status !== 503 && answer.status !== 502) return answer;
    if (attempt === 60) return answer ?? { status: 0, body: 'no answer', headers: new Headers() };
    await sleep(500);
  }
}

/** The doctor's active appointments, as an admin lists them. */
async function activeAppointments(admin: string, doctorId: string): Promise<Array<{ id: string; start_time: string; status: string }>> {
  const all = [];
  for (let offset = 0; ; offset += 100) {
    const page = await expectStatus(200, `/appointments?doctor_id=${doctorId}&limit=100&offset=${offset}`, { token: admin });
    all.push(...page.items);
    if (all.length >= page.total || page.items.length === 0) break;
  }
  return all.filter((a) => a.status === 'PENDING' || a.status === 'CONFIRMED');
}

function assertNoDoubleBooking(appointments: Array<{ start_time: string }>) {
  const starts = appointments.map((a) => new Date(a.start_time).toISOString());
  assert.equal(new Set(starts).size, starts.length, 'no slot is held twice');
}

const countBy = (answers: HttpAnswer[]) =>
  answers.reduce<Record<number, number>>((c, a) => ({ ...c, [a.status]: (c[a.status] ?? 0) + 1 }), {});

async function waitFor(what: string, check: () => boolean | Promise<boolean>, attempts = 180, intervalMs = 1_000): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await sleep(intervalMs);
  }
  assert.fail(`gave up waiting: ${what}`);
}

/** A GET of Mailpit's API from inside the gateway's container (on internal-net, as Mailpit is). */
function mailpit(path: string): Json {
  const script = `fetch('http://mailpit:8025${path}').then((r) => r.text()).then((t) => console.log(t), () => process.exit(1))`;
  const answer = nodeIn('gateway', script);
  if (!answer.ok) return undefined;
  try {
    return JSON.parse(answer.output);
  } catch {
    return undefined;
  }
}

/**
 * A steady stream of bookings, `workers` at a time, each for a slot of its own, until `stop()` says so
 * (or the slots run out); every answer lands in `answers` as it comes.
 */
async function bookContinuously(
  doctorId: string,
  patients: Patient[],
  slots: Slot[],
  answers: HttpAnswer[],
  stop: () => boolean,
  { workers = 4, pauseMs = 0 } = {},
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!stop() && next < slots.length) {
        const i = next++;
        answers.push(await bookUntilFinal(patients[i % patients.length]!, doctorId, slots[i]!));
        if (pauseMs) await sleep(pauseMs);
      }
    }),
  );
}

const appointmentService = () => stackServices().find((s) => s.name === `${STACK}_appointment-service`)!;
const converged = (replicas: number) => () => {
  const s = appointmentService();
  return s.desired === replicas && s.running === replicas;
};

describe('the clinic on a single-node Docker Swarm, through the published gateway', () => {
  let admin: string;
  let doctorId: string;
  let patients: Patient[];
  let nextDay = 1;
  // Each test books on days of its own.
  const slotsAhead = async (count: number) => {
    const found = await freeSlots(doctorId, count, nextDay);
    nextDay = found.nextDay;
    return found.slots;
  };

  before(async () => {
    admin = await logIn(ADMIN.email, ADMIN.password);
    const specialization = await expectStatus(201, '/specializations', {
      method: 'POST',
      token: admin,
      body: { name: `Cardiology ${randomUUID().slice(0, 6)}`, description: 'Swarm test' },
    });
    const cabinet = await expectStatus(201, '/cabinets', {
      method: 'POST',
      token: admin,
      body: { name: `Cabinet ${randomUUID().slice(0, 6)}`, location: 'Ground floor', floor: 0 },
    });
    const doctorUser = await registerPatient('doctor');
    const doctor = await expectStatus(201, '/doctors', {
      method: 'POST',
      token: admin,
      body: {
        user_id: doctorUser.id,
        specialization_id: specialization.id,
        cabinet_id: cabinet.id,
        bio: 'Swarm test',
        years_experience: 7,
      },
    });
    doctorId = doctor.id;
    for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
      await expectStatus(201, `/doctors/${doctorId}/schedule`, {
        method: 'POST',
        token: admin,
        body: { weekday, start_time: '08:00', end_time: '20:00', slot_minutes: 30 },
      });
    }
    patients = [];
    for (let i = 0; i < 20; i++) patients.push(await registerPatient(`patient${i}`));
  });

  it('registers, logs in, books, emails the confirmation and serves the PDF through the emailed link', async () => {
    const patient = patients[0]!;
    const me = await expectStatus(200, '/users/me', { token: patient.token });
    assert.equal(me.email, patient.email);
    const [slot] = await slotsAhead(1);
    const booked = await bookUntilFinal(patient, doctorId, slot!);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    // The email leaves asynchronously; Mailpit's API is reachable inside the swarm only. The booking's
    // email carries the PDF's signed link (a PDF of its own is not emailed).
    const pdfLink = /https?:\/\/\S+\/appointments\/links\/[\w-]+~[\w-]+\/pdf/;
    let text = '';
    await waitFor('the confirmation email in Mailpit', () => {
      const found = mailpit(`/api/v1/search?query=${encodeURIComponent(`to:"${patient.email}"`)}`);
      // The patient may get more than one email (the booking, maybe the reminder) in no fixed order: any with the link.
      for (const message of (found?.messages ?? []) as Array<{ ID: string }>) {
        text = mailpit(`/api/v1/message/${message.ID}`)?.Text ?? '';
        if (pdfLink.test(text)) return true;
      }
      return false;
    });
    const link = pdfLink.exec(text)?.[0];
    assert.ok(link, `a PDF link in the email:\n${text}`);
    assert.equal(new URL(link).origin, new URL(PUBLIC_URL).origin, 'the emailed link goes through the gateway');
    // The link answers 404 PDF_NOT_READY for the moment the PDF is being made.
    let pdf: Response | undefined;
    await waitFor('the PDF behind the emailed link', async () => (pdf = await fetch(link)).status === 200);
    assert.match(pdfText(Buffer.from(await pdf!.arrayBuffer())), /Swarm patient0/);
  });

  it('hands out a PDF link that goes through the gateway, never to MinIO', async () => {
    const patient = patients[1]!;
    const [slot] = await slotsAhead(1);
    const booked = await bookUntilFinal(patient, doctorId, slot!);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    let link: HttpAnswer | undefined;
    await waitFor(
      'the PDF link',
      async () => (link = await api(`/appointments/${booked.body.id}/pdf`, { token: patient.token })).status === 200,
    );
    const url = new URL(link!.body.url ?? `${PUBLIC_URL}${link!.body.path}`);
    assert.equal(url.origin, new URL(PUBLIC_URL).origin, `the link points at ${url.origin}`);
    const pdf = await fetch(url);
    assert.equal(pdf.status, 200);
  });

  it('serves the built web app from the gateway', async () => {
    const page = await fetch(`${PUBLIC_URL}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    assert.ok(script, 'the page loads the built bundle');
    assert.equal((await fetch(`${PUBLIC_URL}${script}`)).status, 200);
  });

  it('shows Keycloak’s login page in the clinic’s theme and language (the image carries the theme)', async () => {
    const query = new URLSearchParams({
      client_id: 'clinic-web',
      redirect_uri: `${PUBLIC_URL}/`,
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      ui_locales: 'ro',
    });
    const page = await fetch(`${PUBLIC_URL}/auth/realms/clinic/protocol/openid-connect/auth?${query.toString()}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<html[^>]* lang="ro"/);
    assert.match(html, /Programări Clinică/);
    const stylesheet = /href="([^"]*\/login\/clinic\/css\/clinic\.css)"/.exec(html)?.[1];
    assert.ok(stylesheet, 'the clinic theme’s stylesheet');
    assert.equal((await fetch(new URL(stylesheet, PUBLIC_URL))).status, 200);
  });

  it('books one slot exactly once when 200 requests race for it', async () => {
    const [slot] = await slotsAhead(1);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => bookUntilFinal(patients[i % patients.length]!, doctorId, slot!)),
    );
    assert.deepEqual(countBy(answers), { 201: 1, 409: 199 });
    const holders = (await activeAppointments(admin, doctorId)).filter(
      (a) => new Date(a.start_time).toISOString() === new Date(slot!.start).toISOString(),
    );
    assert.equal(holders.length, 1);
  });

  it('answers every booking of a burst finally, without a double booking, when an appointment-service container is killed', async () => {
    const slots = await slotsAhead(400);
    const [victim, ...others] = containersOf('appointment-service');
    assert.equal(others.length, 2);
    const answers: HttpAnswer[] = [];
    const kill: { answeredBefore?: number } = {};
    // Bookings go on until 30 more have been answered after the kill.
    const burst = bookContinuously(
      doctorId,
      patients,
      slots,
      answers,
      () => kill.answeredBefore !== undefined && answers.length >= kill.answeredBefore + 30,
    );
    await waitFor('the first answers of the burst', () => answers.length >= 6, 600, 20);
    await dockerAsync(['kill', victim!]);
    kill.answeredBefore = answers.length;
    await burst;
    assert.ok(
      answers.length >= kill.answeredBefore + 30,
      `bookings went on after the kill (${kill.answeredBefore} before, ${answers.length} in all)`,
    );
    assert.deepEqual(countBy(answers), { 201: answers.length }, 'every booking of a free slot succeeds');
    assertNoDoubleBooking(await activeAppointments(admin, doctorId));
    await waitFor('the swarm to replace the killed task', () => converged(3)() && !containersOf('appointment-service').includes(victim!));
  });

  it('scales appointment-service to 5 replicas and back to 3, booking all the while', async () => {
    docker(['service', 'scale', '--detach=false', `${STACK}_appointment-service=5`]);
    await waitFor('5 healthy replicas', converged(5));
    const slots = await slotsAhead(20);
    const answers = await Promise.all(slots.map((slot, i) => bookUntilFinal(patients[i % patients.length]!, doctorId, slot)));
    assert.deepEqual(countBy(answers), { 201: slots.length });
    docker(['service', 'scale', '--detach=false', `${STACK}_appointment-service=3`]);
    await waitFor('3 replicas again', converged(3));
    assertNoDoubleBooking(await activeAppointments(admin, doctorId));
  });

  it('rolls appointment-service to a new task spec during a burst without losing or failing a booking', async () => {
    const slots = await slotsAhead(400);
    const old = new Set(containersOf('appointment-service'));
    let updated = false;
    const update = dockerAsync([
      'service',
      'update',
      '--detach=false',
      '--env-add',
      `ROLLED_AT=${Date.now()}`,
      `${STACK}_appointment-service`,
    ]);
    void update.then(
      () => (updated = true),
      () => (updated = true),
    );
    // Bookings keep coming while the update replaces the three tasks one by one.
    const answers: HttpAnswer[] = [];
    await bookContinuously(doctorId, patients, slots, answers, () => updated, { workers: 2, pauseMs: 250 });
    await update;
    assert.ok(answers.length >= 20, `bookings ran during the update (${answers.length})`);
    assert.deepEqual(countBy(answers), { 201: answers.length }, 'every booking succeeds');
    const active = await activeAppointments(admin, doctorId);
    for (const answer of answers)
      assert.ok(
        active.some((a) => a.id === answer.body.id),
        `appointment ${answer.body.id} is kept`,
      );
    assertNoDoubleBooking(active);
    await waitFor('3 replicas of the new spec', converged(3));
    assert.ok(
      containersOf('appointment-service').every((c) => !old.has(c)),
      'every task was replaced',
    );
  });

  it('passes on to Keycloak only realm clinic’s login: no admin console, no master realm, however asked', async () => {
    for (const path of [
      '/auth/admin/master/console/',
      '/auth/admin;x/master/console/',
      '/auth/%61dmin/master/console/',
      '/auth/admin/realms/clinic/users',
      '/auth/realms/master/.well-known/openid-configuration',
      '/auth/realms/master;x/.well-known/openid-configuration',
    ]) {
      const answer = await http(`${PUBLIC_URL}${path}`);
      assert.equal(answer.status, 404, `${path}: ${answer.status}`);
      assert.equal(answer.body.error.code, 'ROUTE_NOT_FOUND', path);
    }
    const masterLogin = await http(`${PUBLIC_URL}/auth/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'guess' }).toString(),
    });
    assert.equal(masterLogin.status, 404);
    // Realm clinic's discovery still works, and a client's forwarding headers do not bend it.
    const discovery = await http(`${PUBLIC_URL}/auth/realms/clinic/.well-known/openid-configuration`, {
      headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', forwarded: 'host=evil.example' },
    });
    assert.equal(discovery.status, 200);
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'jwks_uri']) {
      assert.ok(discovery.body[endpoint].startsWith(`${PUBLIC_URL}/auth/realms/clinic/`), `${endpoint}: ${discovery.body[endpoint]}`);
    }
  });

  it('hardens the master realm, and serves its admin console on admin-net only, as the README reaches it', async () => {
    const [keycloak] = containersOf('keycloak');
    const read = () =>
      docker([
        'exec',
        keycloak!,
        'bash',
        '-c',
        'KC_CLI_PASSWORD="$(cat /run/secrets/keycloak_admin_password)" /opt/keycloak/bin/kcadm.sh get realms/master --no-config ' +
          '--server http://127.0.0.1:8080/auth --realm master --user admin --fields bruteForceProtected,failureFactor,passwordPolicy 2>/dev/null',
      ]);
    let master: Json;
    // master-realm.sh applies the settings a few seconds after Keycloak is ready.
    await waitFor('the master realm hardened', () => (master = JSON.parse(read())).bruteForceProtected === true, 60, 2_000);
    assert.ok(master.failureFactor <= 10);
    assert.match(master.passwordPolicy, /length\(14\)/);

    // The README's forwarder: a container on admin-net, published on the node's loopback only.
    const image = process.env.CLINIC_IMAGE_GATEWAY ?? 'clinic/gateway:latest';
    const forwarder =
      "const net = require('node:net'); net.createServer((c) => c.pipe(net.connect(8080, 'keycloak')).pipe(c)).listen(8081)";
    const name = `${STACK}-keycloak-admin-test`;
    docker([
      'run',
      '-d',
      '--rm',
      '--name',
      name,
      '--network',
      `${STACK}_admin-net`,
      '-p',
      '127.0.0.1:8081:8081',
      '--entrypoint',
      'node',
      image,
      '-e',
      forwarder,
    ]);
    try {
      const admin = 'http://127.0.0.1:8081/auth';
      let page: Response | undefined;
      await waitFor(
        'the admin console through the forwarder',
        async () => (page = await fetch(`${admin}/admin/master/console/`).catch(() => undefined))?.status === 200,
        30,
        1_000,
      );
      const environment = JSON.parse(/<script id="environment" type="application\/json">([^<]+)<\/script>/.exec(await page!.text())![1]!);
      assert.equal(environment.authUrl, admin);
      const query = new URLSearchParams({
        client_id: 'security-admin-console',
        redirect_uri: `${admin}/admin/master/console/`,
        response_type: 'code',
        scope: 'openid',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      });
      const login = await fetch(`${admin}/realms/master/protocol/openid-connect/auth?${query.toString()}`);
      assert.equal(login.status, 200);
      const action = /<form[^>]+action="([^"]+)"/.exec(await login.text())?.[1];
      assert.ok(action?.startsWith(`${admin}/realms/master/login-actions/authenticate`), `the login form posts to ${action}`);
    } finally {
      dockerOk(['stop', name]);
    }
  });

  it('keeps PostgreSQL out of reach of services outside db-net', () => {
    const lookup = (host: string) =>
      `require('node:dns').lookup('${host}', (error, address) => { console.log(error ? error.code : address); process.exit(error ? 1 : 0); })`;
    const fromGateway = nodeIn('gateway', lookup('postgres'));
    assert.equal(fromGateway.ok, false, `the gateway resolved postgres: ${fromGateway.output}`);
    assert.match(fromGateway.output, /ENOTFOUND|EAI_AGAIN/);
    // The same look-up from a service on db-net finds it: the check above is not vacuous.
    assert.equal(nodeIn('appointment-service', lookup('postgres')).ok, true);
    assert.equal(nodeIn('gateway', lookup('keycloak')).ok, true);
  });
});
