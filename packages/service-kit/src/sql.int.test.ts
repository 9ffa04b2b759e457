import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { testStack } from '../../../tests/support/stack.ts';
import { constraintViolation, isoTimestamp, selectPage, updateSet } from './sql.ts';

// Temporary tables live on one connection: every test uses this client, and they vanish with it.
describe('service-kit SQL helpers against PostgreSQL', () => {
  let pool: pg.Pool;
  let db: pg.PoolClient;

  before(async () => {
    pool = new pg.Pool({ connectionString: testStack().postgres.adminUrl, max: 1 });
    db = await pool.connect();
    // A session in another zone than UTC: the text of an instant must not depend on it.
    await db.query(`SET TIME ZONE 'Europe/Bucharest'`);
    await db.query(`CREATE TEMP TABLE kit_items (
      id integer PRIMARY KEY,
      name text NOT NULL,
      colour text,
      at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT '2000-01-01T00:00:00Z')`);
    await db.query(
      `INSERT INTO kit_items (id, name, colour, at)
       SELECT n, 'item ' || lpad(n::text, 2, '0'), CASE WHEN n % 2 = 0 THEN 'red' ELSE 'blue' END,
              timestamptz '2026-03-29T00:30:00.123456Z' + n * interval '1 hour'
       FROM generate_series(1, 25) n`,
    );
  });

  after(async () => {
    db.release();
    await pool.end();
  });

  const items = `SELECT id, name, colour, ${isoTimestamp('at')} AS at FROM kit_items WHERE ($1::text IS NULL OR colour = $1)`;

  describe('isoTimestamp', () => {
    it('shows an instant as UTC with milliseconds, whatever the session’s zone, across a DST change', async () => {
      const { rows } = await db.query(`SELECT ${isoTimestamp('at')} AS at FROM kit_items WHERE id IN (1, 2) ORDER BY id`);
      // 2026-03-29 is the night Bucharest moves from +02:00 to +03:00.
      assert.deepEqual(
        rows.map((r) => r.at),
        ['2026-03-29T01:30:00.123Z', '2026-03-29T02:30:00.123Z'],
      );
      assert.equal(rows[0].at, new Date(rows[0].at).toISOString(), 'the same text as JavaScript’s toISOString');
    });
  });

  describe('selectPage', () => {
    it('answers a page of the rows in order with the total and the page asked for', async () => {
      const page = await selectPage<{ id: number; name: string; at: string }>(db, items, [null], 'name, id', { limit: 10, offset: 10 });
      assert.equal(page.total, 25);
      assert.equal(page.limit, 10);
      assert.equal(page.offset, 10);
      assert.deepEqual(
        page.items.map((item) => item.id),
        [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
      );
      assert.deepEqual(page.items[0], { id: 11, name: 'item 11', colour: 'blue', at: '2026-03-29T11:30:00.123Z' });
    });

    it('numbers its own parameters after the query’s, so filters apply to the items and the total', async () => {
      const page = await selectPage<{ id: number }>(db, items, ['red'], 'id DESC', { limit: 3, offset: 0 });
      assert.equal(page.total, 12);
      assert.deepEqual(
        page.items.map((item) => item.id),
        [24, 22, 20],
      );
    });

    it('keeps the total right on the last, partial page and on a page past the end', async () => {
      const last = await selectPage(db, items, [null], 'id', { limit: 10, offset: 20 });
      assert.equal(last.items.length, 5);
      assert.equal(last.total, 25);
      const beyond = await selectPage(db, items, [null], 'id', { limit: 10, offset: 100 });
      assert.deepEqual(beyond, { items: [], total: 25, limit: 10, offset: 100 });
    });

    it('answers an empty page with total 0 when nothing matches', async () => {
      assert.deepEqual(await selectPage(db, items, ['green'], 'id', { limit: 5, offset: 0 }), { items: [], total: 0, limit: 5, offset: 0 });
    });
  });

  describe('updateSet', () => {
    it('changes only the given columns and touches updated_at', async () => {
      const set = updateSet({ colour: null, name: 'renamed' }, ['name', 'colour'], { firstParameter: 2, touch: 'updated_at = now()' });
      const { rows } = await db.query(
        `UPDATE kit_items SET ${set.assignments} WHERE id = $1 RETURNING name, colour, updated_at > '2001-01-01' AS touched, ${isoTimestamp('at')} AS at`,
        [3, ...set.values],
      );
      assert.deepEqual(rows[0], { name: 'renamed', colour: null, touched: true, at: '2026-03-29T03:30:00.123Z' });
    });
  });

  describe('constraintViolation', () => {
    before(async () => {
      await db.query(`CREATE TEMP TABLE kit_parents (id integer PRIMARY KEY, name text NOT NULL,
        CONSTRAINT kit_parents_name_unique UNIQUE (name))`);
      await db.query(`CREATE TEMP TABLE kit_children (
        id integer PRIMARY KEY,
        parent_id integer NOT NULL CONSTRAINT kit_children_parent_fk REFERENCES kit_parents (id),
        during tstzrange NOT NULL,
        CONSTRAINT kit_children_no_overlap EXCLUDE USING gist (during WITH &&),
        CONSTRAINT kit_children_not_empty CHECK (NOT isempty(during)))`);
      await db.query(`INSERT INTO kit_parents VALUES (1, 'first')`);
      await db.query(`INSERT INTO kit_children VALUES (1, 1, tstzrange('2026-01-01 10:00Z', '2026-01-01 11:00Z'))`);
    });

    /** The violation PostgreSQL's refusal of `sql` is, as constraintViolation reads it. */
    async function violationOf(sql: string) {
      await db.query('SAVEPOINT refused');
      try {
        await db.query(sql);
      } catch (error) {
        return constraintViolation(error);
      } finally {
        await db.query('ROLLBACK TO SAVEPOINT refused').catch(() => {});
      }
      assert.fail(`PostgreSQL accepted ${sql}`);
    }

    before(() => db.query('BEGIN'));
    after(() => db.query('ROLLBACK'));

    it('reads a unique violation with the constraint’s name', async () => {
      assert.deepEqual(await violationOf(`INSERT INTO kit_parents VALUES (2, 'first')`), {
        kind: 'unique',
        constraint: 'kit_parents_name_unique',
      });
    });

    it('reads an exclusion violation (an overlapping range)', async () => {
      assert.deepEqual(await violationOf(`INSERT INTO kit_children VALUES (2, 1, tstzrange('2026-01-01 10:30Z', '2026-01-01 11:30Z'))`), {
        kind: 'exclusion',
        constraint: 'kit_children_no_overlap',
      });
    });

    it('reads a foreign key violation, whether by a write or by a delete', async () => {
      const expected = { kind: 'foreign_key', constraint: 'kit_children_parent_fk' };
      assert.deepEqual(
        await violationOf(`INSERT INTO kit_children VALUES (3, 99, tstzrange('2026-02-01 10:00Z', '2026-02-01 11:00Z'))`),
        expected,
      );
      assert.deepEqual(await violationOf(`DELETE FROM kit_parents WHERE id = 1`), expected);
    });

    it('reads a check violation', async () => {
      assert.deepEqual(await violationOf(`INSERT INTO kit_children VALUES (4, 1, 'empty')`), {
        kind: 'check',
        constraint: 'kit_children_not_empty',
      });
    });

    it('is undefined for an error that is no constraint violation', async () => {
      assert.equal(await violationOf(`INSERT INTO kit_parents VALUES (5, NULL)`), undefined);
      assert.equal(await violationOf(`SELECT * FROM kit_nowhere`), undefined);
    });
  });
});
