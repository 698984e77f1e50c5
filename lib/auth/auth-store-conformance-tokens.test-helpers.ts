// Conformance suite, API tokens: createToken with a random or chosen secret (FERRO_TOKEN rules in
// tokens.ts), listTokens without secrets, revokeToken, authenticate and its last-use record.
import { describe, expect, it } from 'vitest';
import type { AuthStore } from './auth-store';
import { MAX_NAME_LENGTH } from './rules';
import {
  GENERATED_SECRET,
  ID_24_HEX,
  MINUTE_MS,
  T0,
  expectAuthError,
  newId,
  projectWithToken,
  uniqueSecret,
  type AuthConformanceContext,
} from './auth-store-conformance.test-helpers';

/** Everything the store can say about a project, to check that no answer carries a secret. */
async function everythingAbout(store: AuthStore, projectId: string): Promise<string> {
  const answers = [await store.getProject(projectId), await store.listTokens(projectId), await store.listProjects(), await store.listUsers()];
  return JSON.stringify(answers);
}

export function describeTokenConformance(ctx: AuthConformanceContext): void {
  describe('tokens', () => {
    it('createToken returns a fresh random secret once, with the listing that never shows it', async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      const { token, secret } = await ctx.store().createToken(project.id, '  ci ');
      expect(secret).toMatch(GENERATED_SECRET);
      expect(token).toEqual({
        id: expect.stringMatching(ID_24_HEX),
        projectId: project.id,
        name: 'ci',
        hint: secret.slice(-4),
        createdAtMs: T0,
        lastUsedAtMs: null,
      });
      const second = await ctx.store().createToken(project.id, 'ci');
      expect(second.secret).not.toBe(secret);
      expect(second.token.id).not.toBe(token.id);
      expect(await ctx.store().authenticate(project.id, secret)).toBe(true);
      expect(await ctx.store().authenticate(project.id, second.secret)).toBe(true);
    });

    it('no method returns a secret after createToken, even after a restart: only its hash is kept', async () => {
      const { project, secret } = await projectWithToken(ctx.store());
      const chosen = uniqueSecret(40);
      await ctx.store().createToken(project.id, 'chosen', { token: chosen });
      const before = await everythingAbout(ctx.store(), project.id);
      const after = await everythingAbout(await ctx.reopen(), project.id);
      for (const said of [before, after]) {
        expect(said).not.toContain(secret);
        expect(said).not.toContain(chosen);
        // The hint is the secret's tail, which is all a person needs to tell tokens apart.
        expect(said).toContain(secret.slice(-4));
      }
    });

    it('createToken accepts a chosen secret within the FERRO_TOKEN rules, as given', async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      for (const chosen of [uniqueSecret(8), uniqueSecret(256), `.${uniqueSecret(20)}_~-`]) {
        const { token, secret } = await ctx.store().createToken(project.id, 'chosen', { token: chosen });
        expect(secret).toBe(chosen);
        expect(token.hint).toBe(chosen.slice(-4));
        expect(await ctx.store().authenticate(project.id, chosen)).toBe(true);
      }
    });

    it('createToken refuses a secret outside the FERRO_TOKEN rules with INVALID_ARGUMENT and creates nothing', async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      const base = uniqueSecret(16);
      const malformed = ['', uniqueSecret(7), uniqueSecret(257), `${base} x`, `${base}/x`, `${base}+x`, `${base}=`, `${base}%20`, `${base}é`, ` ${base}`, `${base}\n`];
      for (const token of malformed) {
        await expectAuthError(() => ctx.store().createToken(project.id, 'bad', { token }), 'INVALID_ARGUMENT');
      }
      expect(await ctx.store().listTokens(project.id)).toEqual([]);
      // Refused means not stored, not stored and hidden: the trimmed spelling was never kept either.
      expect(await ctx.store().authenticate(project.id, base)).toBe(false);
    });

    it('createToken refuses a bad name with INVALID_ARGUMENT and a missing project with PROJECT_NOT_FOUND', async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      for (const name of ['', '   ', 'x'.repeat(MAX_NAME_LENGTH + 1)]) {
        await expectAuthError(() => ctx.store().createToken(project.id, name), 'INVALID_ARGUMENT');
      }
      expect(await ctx.store().listTokens(project.id)).toEqual([]);
      const chosen = uniqueSecret();
      await expectAuthError(() => ctx.store().createToken(newId(), 'ci', { token: chosen }), 'PROJECT_NOT_FOUND');
      // The refused secret is free for the project that exists.
      expect((await ctx.store().createToken(project.id, 'x'.repeat(MAX_NAME_LENGTH), { token: chosen })).secret).toBe(chosen);
    });

    it('createToken refuses a secret already in use, in any project, with TOKEN_EXISTS', async () => {
      const [first, second] = [await ctx.store().createProject({ name: 'first' }), await ctx.store().createProject({ name: 'second' })];
      const chosen = uniqueSecret();
      const original = await ctx.store().createToken(first.id, 'original', { token: chosen });
      await expectAuthError(() => ctx.store().createToken(first.id, 'again', { token: chosen }), 'TOKEN_EXISTS');
      // One secret opens one project: a second project may not claim it.
      await expectAuthError(() => ctx.store().createToken(second.id, 'again', { token: chosen }), 'TOKEN_EXISTS');
      expect(await ctx.store().listTokens(first.id)).toEqual([original.token]);
      expect(await ctx.store().listTokens(second.id)).toEqual([]);
      expect(await ctx.store().authenticate(second.id, chosen)).toBe(false);
    });

    it("listTokens lists one project's tokens, oldest first, in creation order within one instant", async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      const other = await projectWithToken(ctx.store(), 'Other');
      const first = await ctx.store().createToken(project.id, 'first');
      ctx.advance(1_000);
      const second = await ctx.store().createToken(project.id, 'second');
      const third = await ctx.store().createToken(project.id, 'third');
      expect(await ctx.store().listTokens(project.id)).toEqual([first.token, second.token, third.token]);
      expect(await ctx.store().listTokens(other.project.id)).toEqual([other.token]);
      expect(await ctx.store().listTokens(newId())).toEqual([]);
    });

    it('revokeToken fails the very next authenticate, leaves the other tokens working, and frees the secret', async () => {
      const { project, token, secret } = await projectWithToken(ctx.store());
      const kept = await ctx.store().createToken(project.id, 'kept');
      expect(await ctx.store().authenticate(project.id, secret)).toBe(true);
      expect(await ctx.store().revokeToken(project.id, token.id)).toBe(true);
      expect(await ctx.store().authenticate(project.id, secret)).toBe(false);
      expect(await ctx.store().authenticate(project.id, kept.secret)).toBe(true);
      expect((await ctx.store().listTokens(project.id)).map((listed) => listed.id)).toEqual([kept.token.id]);
      expect(await ctx.store().revokeToken(project.id, token.id)).toBe(false);
      expect((await ctx.store().createToken(project.id, 'reissued', { token: secret })).secret).toBe(secret);
    });

    it("revokeToken answers false for an unknown id or another project's token, which keeps working", async () => {
      const mine = await projectWithToken(ctx.store());
      const theirs = await projectWithToken(ctx.store(), 'Theirs');
      expect(await ctx.store().revokeToken(mine.project.id, newId())).toBe(false);
      expect(await ctx.store().revokeToken(mine.project.id, theirs.token.id)).toBe(false);
      expect(await ctx.store().revokeToken(newId(), theirs.token.id)).toBe(false);
      expect(await ctx.store().listTokens(theirs.project.id)).toEqual([theirs.token]);
      expect(await ctx.store().authenticate(theirs.project.id, theirs.secret)).toBe(true);
    });

    it("authenticate is true only for a live token of that very project: one project's token never opens another", async () => {
      const mine = await projectWithToken(ctx.store());
      const theirs = await projectWithToken(ctx.store(), 'Theirs');
      expect(await ctx.store().authenticate(mine.project.id, mine.secret)).toBe(true);
      expect(await ctx.store().authenticate(theirs.project.id, theirs.secret)).toBe(true);
      expect(await ctx.store().authenticate(theirs.project.id, mine.secret)).toBe(false);
      expect(await ctx.store().authenticate(mine.project.id, theirs.secret)).toBe(false);
      expect(await ctx.store().authenticate(newId(), mine.secret)).toBe(false);
      expect(await ctx.store().authenticate('', mine.secret)).toBe(false);
      expect(await ctx.store().authenticate(mine.project.id.toUpperCase(), mine.secret)).toBe(false);
    });

    it('authenticate compares the whole secret exactly', async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      const chosen = `${uniqueSecret(20)}aB`;
      await ctx.store().createToken(project.id, 'chosen', { token: chosen });
      const nearMisses = ['', chosen.slice(0, -1), chosen.slice(1), `${chosen}x`, ` ${chosen}`, `${chosen} `, chosen.toUpperCase(), chosen.toLowerCase(), 'x'.repeat(10_000)];
      for (const secret of nearMisses) {
        expect(await ctx.store().authenticate(project.id, secret)).toBe(false);
      }
      expect(await ctx.store().authenticate(project.id, chosen)).toBe(true);
    });

    it('authenticate records the last successful use, writing it at most once a minute', async () => {
      const { project, secret } = await projectWithToken(ctx.store());
      const lastUsedAtMs = async () => (await ctx.store().listTokens(project.id))[0].lastUsedAtMs;
      // A refusal is not a use, not even of the right secret at the wrong project.
      const other = await ctx.store().createProject({ name: 'Other' });
      expect(await ctx.store().authenticate(other.id, secret)).toBe(false);
      expect(await lastUsedAtMs()).toBeNull();

      ctx.advance(10_000);
      const firstUseMs = ctx.nowMs();
      expect(await ctx.store().authenticate(project.id, secret)).toBe(true);
      const recorded = await lastUsedAtMs();
      expect(recorded).toBeGreaterThan(firstUseMs - MINUTE_MS);
      expect(recorded).toBeLessThanOrEqual(firstUseMs);

      ctx.advance(MINUTE_MS - 1);
      expect(await ctx.store().authenticate(project.id, secret)).toBe(true);
      expect(await lastUsedAtMs()).toBe(recorded);

      ctx.advance(1);
      expect(await ctx.store().authenticate(project.id, secret)).toBe(true);
      const moved = await lastUsedAtMs();
      expect(moved).toBeGreaterThan(recorded!);
      expect(moved).toBeGreaterThan(ctx.nowMs() - MINUTE_MS);
      expect(moved).toBeLessThanOrEqual(ctx.nowMs());
    });
  });
}
