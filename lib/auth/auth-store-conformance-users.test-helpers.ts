// Conformance suite, users: createUser and its rules (rules.ts), lookups by id and by email,
// verifyPassword, listUsers order, and a race for one email.
import { describe, expect, it } from 'vitest';
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './rules';
import {
  ID_24_HEX,
  PASSWORD,
  T0,
  expectAuthError,
  newId,
  onlyThese,
  randomHex,
  uniqueEmail,
  type AuthConformanceContext,
} from './auth-store-conformance.test-helpers';

export function describeUserConformance(ctx: AuthConformanceContext): void {
  describe('users', () => {
    it('createUser stores a trimmed, lower-cased email and finds it however it is written', async () => {
      const email = uniqueEmail('ada');
      const user = await ctx.store().createUser(`  ${email.toUpperCase()} `, PASSWORD);
      expect(user).toEqual({ id: expect.stringMatching(ID_24_HEX), email, isAdmin: false, createdAtMs: T0 });
      expect(await ctx.store().getUser(user.id)).toEqual(user);
      for (const spelling of [email, email.toUpperCase(), ` ${email}\t`, `\n${email.toUpperCase()} `]) {
        expect(await ctx.store().findUserByEmail(spelling)).toEqual(user);
      }
    });

    it('createUser makes an admin only when asked', async () => {
      const admin = await ctx.store().createUser(uniqueEmail('admin'), PASSWORD, { isAdmin: true });
      const plain = await ctx.store().createUser(uniqueEmail('plain'), PASSWORD, { isAdmin: false });
      expect(admin.isAdmin).toBe(true);
      expect(plain.isAdmin).toBe(false);
      expect(await ctx.store().getUser(admin.id)).toMatchObject({ isAdmin: true });
      expect(await ctx.store().getUser(plain.id)).toMatchObject({ isAdmin: false });
    });

    it('getUser and findUserByEmail answer null for someone unknown', async () => {
      expect(await ctx.store().getUser(newId())).toBeNull();
      expect(await ctx.store().findUserByEmail(uniqueEmail('nobody'))).toBeNull();
    });

    it('createUser refuses an email taken in any case or spacing with USER_EXISTS, keeping the first user', async () => {
      const email = uniqueEmail('taken');
      const first = await ctx.store().createUser(email, PASSWORD);
      await expectAuthError(() => ctx.store().createUser(email, 'another password'), 'USER_EXISTS');
      await expectAuthError(() => ctx.store().createUser(` ${email.toUpperCase()} `, 'another password'), 'USER_EXISTS');
      expect(await ctx.store().verifyPassword(email, PASSWORD)).toEqual(first);
      expect(await ctx.store().verifyPassword(email, 'another password')).toBeNull();
    });

    it('createUser refuses a malformed email with INVALID_ARGUMENT and creates nothing', async () => {
      const host = `${randomHex(4)}.example.com`;
      const longLocal = 'a'.repeat(MAX_EMAIL_LENGTH - host.length);
      const malformed = ['', '   ', 'not-an-email', '@localhost', `name-${randomHex(4)}@`, `two words@${host}`, `a@b@${host}`, `${longLocal}@${host}`];
      for (const email of malformed) {
        await expectAuthError(() => ctx.store().createUser(email, PASSWORD), 'INVALID_ARGUMENT');
      }
      expect(await ctx.store().findUserByEmail(`${longLocal}@${host}`)).toBeNull();
      // One character shorter is exactly the longest email allowed.
      const longest = `${longLocal.slice(1)}@${host}`;
      expect((await ctx.store().createUser(longest, PASSWORD)).email).toBe(longest);
    });

    it('createUser enforces the password length limits with INVALID_ARGUMENT and creates nothing', async () => {
      const short = uniqueEmail('short');
      await expectAuthError(() => ctx.store().createUser(short, 'p'.repeat(MIN_PASSWORD_LENGTH - 1)), 'INVALID_ARGUMENT');
      await expectAuthError(() => ctx.store().createUser(uniqueEmail('long'), 'p'.repeat(MAX_PASSWORD_LENGTH + 1)), 'INVALID_ARGUMENT');
      expect(await ctx.store().findUserByEmail(short)).toBeNull();

      const shortest = await ctx.store().createUser(uniqueEmail('min'), 'p'.repeat(MIN_PASSWORD_LENGTH));
      const longest = await ctx.store().createUser(uniqueEmail('max'), 'p'.repeat(MAX_PASSWORD_LENGTH));
      expect(await ctx.store().verifyPassword(shortest.email, 'p'.repeat(MIN_PASSWORD_LENGTH))).toEqual(shortest);
      expect(await ctx.store().verifyPassword(longest.email, 'p'.repeat(MAX_PASSWORD_LENGTH))).toEqual(longest);
    });

    it('verifyPassword answers the user for the right password, null for a wrong one or an unknown email', async () => {
      const email = uniqueEmail('ada');
      const user = await ctx.store().createUser(email, PASSWORD);
      expect(await ctx.store().verifyPassword(` ${email.toUpperCase()} `, PASSWORD)).toEqual(user);
      // The email is forgiving; the password is exact: no trimming, no case folding.
      for (const wrong of ['', 'wrong password', PASSWORD.toUpperCase(), ` ${PASSWORD}`, `${PASSWORD} `, PASSWORD.slice(0, -1)]) {
        expect(await ctx.store().verifyPassword(email, wrong)).toBeNull();
      }
      expect(await ctx.store().verifyPassword(uniqueEmail('nobody'), PASSWORD)).toBeNull();
    });

    it('listUsers lists oldest first, in creation order within one instant', async () => {
      const first = await ctx.store().createUser(uniqueEmail('first'), PASSWORD);
      ctx.advance(1_000);
      const second = await ctx.store().createUser(uniqueEmail('second'), PASSWORD, { isAdmin: true });
      const third = await ctx.store().createUser(uniqueEmail('third'), PASSWORD);
      expect([first, second, third].map((user) => user.createdAtMs)).toEqual([T0, T0 + 1_000, T0 + 1_000]);
      expect(onlyThese(await ctx.store().listUsers(), [third, first, second])).toEqual([first, second, third]);
    });

    it('two concurrent createUser calls for one email create one user; the other gets USER_EXISTS', async () => {
      const email = uniqueEmail('race');
      const results = await Promise.allSettled([
        ctx.store().createUser(email, PASSWORD),
        ctx.store().createUser(email.toUpperCase(), 'other password'),
      ]);
      const created = results.filter((result) => result.status === 'fulfilled');
      const refused = results.filter((result) => result.status === 'rejected');
      expect(created).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0].reason).toMatchObject({ name: 'AuthError', code: 'USER_EXISTS' });
      expect(onlyThese(await ctx.store().listUsers(), [created[0].value])).toEqual([created[0].value]);
    });
  });
}
