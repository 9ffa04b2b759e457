// The statements the stack ran per booking, from PostgreSQL's pg_stat_statements (loaded in the
// bench's stack only: CLINIC_POSTGRES_STATEMENTS=on): reset before a level, read after its drain.
import pg from 'pg';

export interface StatementFigures {
  bookings: number;
  /** Statements and rows per booking by database role (one role per service; keycloak's own). */
  byRole: Record<string, { statementsPerBooking: number; rowsPerBooking: number; msPerBooking: number }>;
  statementsPerBooking: number;
  rowsPerBooking: number;
  /** The most expensive statements by execution time, normalised ($1, $2 for constants). */
  mostExpensive: Array<{ role: string; query: string; callsPerBooking: number; msPerBooking: number; rowsPerCall: number }>;
}

/** The bench's own connection is the superuser's, and so are its readings: left out. */
const BENCH_ROLE = 'postgres';
const TOP = 5;

export function statementCounter(adminUrl: string) {
  const pool = new pg.Pool({ connectionString: adminUrl, max: 1 });

  return {
    async reset(): Promise<void> {
      await pool.query('SELECT public.pg_stat_statements_reset()');
    },

    /** What the stack ran since the last reset, per one of `bookings` bookings. */
    async read(bookings: number): Promise<StatementFigures> {
      const { rows } = await pool.query<{ role: string; query: string; calls: string; rows: string; ms: number }>(
        `SELECT r.rolname AS role, s.query, s.calls, s.rows, s.total_exec_time AS ms
           FROM public.pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
          WHERE r.rolname <> $1`,
        [BENCH_ROLE],
      );
      const per = (n: number) => (bookings === 0 ? NaN : n / bookings);
      const byRole: StatementFigures['byRole'] = {};
      for (const row of rows) {
        const role = (byRole[row.role] ??= { statementsPerBooking: 0, rowsPerBooking: 0, msPerBooking: 0 });
        role.statementsPerBooking += per(Number(row.calls));
        role.rowsPerBooking += per(Number(row.rows));
        role.msPerBooking += per(row.ms);
      }
      const mostExpensive = [...rows]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, TOP)
        .map((row) => ({
          role: row.role,
          query: row.query.replace(/\s+/g, ' ').trim(),
          callsPerBooking: per(Number(row.calls)),
          msPerBooking: per(row.ms),
          rowsPerCall: Number(row.calls) === 0 ? 0 : Number(row.rows) / Number(row.calls),
        }));
      const total = (key: 'statementsPerBooking' | 'rowsPerBooking') => Object.values(byRole).reduce((n, role) => n + role[key], 0);
      return {
        bookings,
        byRole,
        statementsPerBooking: total('statementsPerBooking'),
        rowsPerBooking: total('rowsPerBooking'),
        mostExpensive,
      };
    },

    close: () => pool.end(),
  };
}

export type StatementCounter = ReturnType<typeof statementCounter>;
