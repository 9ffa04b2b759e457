import { afterEach, describe, expect, it, vi } from 'vitest';
import { affectedAppointments, allPages, ApiError, isRefusal } from './api.ts';

/** Answers `/api/things?limit=&offset=` from a list, as the services page their lists. */
function serve(list: () => { id: string }[]) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(url);
    const params = new URL(url, 'http://app').searchParams;
    const [limit, offset] = [Number(params.get('limit')), Number(params.get('offset'))];
    const items = list();
    return new Response(JSON.stringify({ items: items.slice(offset, offset + limit), total: items.length, limit, offset }), {
      status: 200,
    });
  });
  return asked;
}

const things = (count: number, prefix = 't') => Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}` }));

afterEach(() => vi.unstubAllGlobals());

describe('allPages', () => {
  it('reads page after page until the total, with the filters on every request', async () => {
    const asked = serve(() => things(205));
    const items = await allPages<{ id: string }>('/things', { status: 'PENDING', empty: undefined });
    expect(items).toHaveLength(205);
    expect(asked).toEqual([0, 100, 200].map((offset) => `/api/things?status=PENDING&limit=100&offset=${offset}`));
  });

  it('keeps an item once when a row added meanwhile pushes it onto the next page', async () => {
    let calls = 0;
    serve(() => (calls++ === 0 ? things(150) : [{ id: 'new' }, ...things(150)]));
    const items = await allPages<{ id: string }>('/things');
    expect(items.map((item) => item.id).filter((id) => id === 't99')).toHaveLength(1);
    // The new row itself sorts before the pages read: the next refetch brings it.
    expect(items).toHaveLength(150);
  });

  it('stops at an empty list', async () => {
    const asked = serve(() => []);
    expect(await allPages('/things')).toEqual([]);
    expect(asked).toHaveLength(1);
  });
});

describe('isRefusal', () => {
  it('holds for answers a retry cannot change, not for outages or a lost connection', () => {
    expect(isRefusal(new ApiError(409, 'CHANGE_CUTOFF_PASSED', 'too close'))).toBe(true);
    expect(isRefusal(new ApiError(404, 'NOT_FOUND', 'gone'))).toBe(true);
    expect(isRefusal(new ApiError(503, 'UNAVAILABLE', 'down'))).toBe(false);
    expect(isRefusal(new ApiError(0, 'NETWORK', 'offline'))).toBe(false);
    expect(isRefusal(new ApiError(429, 'RATE_LIMITED', 'slow down'))).toBe(false);
    expect(isRefusal(undefined)).toBe(false);
    // Answered in the same dialog (a reason, a choice to cancel the appointments listed), then sent again.
    expect(isRefusal(new ApiError(400, 'REASON_REQUIRED', 'say why'))).toBe(false);
    expect(isRefusal(new ApiError(409, 'SCHEDULE_HAS_APPOINTMENTS', 'booked'))).toBe(false);
  });
});

describe('affectedAppointments', () => {
  const listed = [{ id: 'a1', start_time: '2026-04-02T09:00:00.000Z', end_time: '2026-04-02T09:30:00.000Z', patient_name: 'Ana' }];

  it('reads the appointments a calendar change or a doctor’s deletion stands in the way of', () => {
    expect(affectedAppointments(new ApiError(409, 'SCHEDULE_HAS_APPOINTMENTS', 'booked', { appointments: listed }))).toEqual(listed);
    expect(affectedAppointments(new ApiError(409, 'DOCTOR_HAS_APPOINTMENTS', 'booked', { appointments: listed }))).toEqual(listed);
    expect(affectedAppointments(new ApiError(409, 'DOCTOR_HAS_APPOINTMENTS', 'booked'))).toEqual([]);
  });

  it('is undefined for any other answer', () => {
    expect(affectedAppointments(new ApiError(409, 'SLOT_TAKEN', 'taken', { appointments: listed }))).toBeUndefined();
    expect(affectedAppointments(new Error('x'))).toBeUndefined();
  });
});
