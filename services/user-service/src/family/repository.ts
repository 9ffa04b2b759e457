import { isoDate, isoTimestamp, updateSet, type Queryable } from '@clinic/service-kit';
import type { FamilyMember, FamilyRelation } from '@clinic/contracts';

export interface FamilyMemberChanges {
  full_name?: string;
  birth_date?: string;
  relation?: FamilyRelation;
}

const changeableColumns = ['full_name', 'birth_date', 'relation'] as const;

const columns = `id, user_id, full_name, ${isoDate('birth_date')} AS birth_date, relation,
  ${isoTimestamp('created_at')} AS created_at, ${isoTimestamp('updated_at')} AS updated_at`;

export const familyRepository = {
  async listOf(db: Queryable, userId: string): Promise<FamilyMember[]> {
    const { rows } = await db.query<FamilyMember>(`SELECT ${columns} FROM family_members WHERE user_id = $1 ORDER BY created_at, id`, [
      userId,
    ]);
    return rows;
  },

  /** The account's member with this id; another account's answers undefined like a missing one. */
  async find(db: Queryable, userId: string, id: string): Promise<FamilyMember | undefined> {
    const { rows } = await db.query<FamilyMember>(`SELECT ${columns} FROM family_members WHERE id = $1 AND user_id = $2`, [id, userId]);
    return rows[0];
  },

  /** Locks the account's row, so two additions at once count one after the other; answers how many it has. */
  async lockAndCount(db: Queryable, userId: string): Promise<number | undefined> {
    const { rowCount } = await db.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
    if (!rowCount) return undefined;
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM family_members WHERE user_id = $1', [userId]);
    return rows[0]!.n;
  },

  async insert(db: Queryable, userId: string, member: Required<FamilyMemberChanges>): Promise<FamilyMember> {
    const { rows } = await db.query<FamilyMember>(
      `INSERT INTO family_members (user_id, full_name, birth_date, relation) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
      [userId, member.full_name, member.birth_date, member.relation],
    );
    return rows[0]!;
  },

  async update(db: Queryable, userId: string, id: string, changes: FamilyMemberChanges): Promise<FamilyMember | undefined> {
    const set = updateSet(changes, changeableColumns, { firstParameter: 3, touch: 'updated_at = now()' });
    const { rows } = await db.query<FamilyMember>(
      `UPDATE family_members SET ${set.assignments} WHERE id = $1 AND user_id = $2 RETURNING ${columns}`,
      [id, userId, ...set.values],
    );
    return rows[0];
  },

  async remove(db: Queryable, userId: string, id: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM family_members WHERE id = $1 AND user_id = $2', [id, userId]);
    return (rowCount ?? 0) > 0;
  },
};
