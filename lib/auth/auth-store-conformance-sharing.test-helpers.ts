// Conformance suite, data that outlives one store: a reopened store keeps everything, and a second
// store open at once over the same data (another server instance) sees every write immediately.
import { describe, expect, it } from 'vitest';
import {
  MINUTE_MS,
  PASSWORD,
  expectAuthError,
  projectWithToken,
  uniqueEmail,
  uniqueSecret,
  type AuthConformanceContext,
} from './auth-store-conformance.test-helpers';

export function describeSharingConformance(ctx: AuthConformanceContext): void {
  describe('restarts and other instances', () => {
    it('a reopened store keeps users, passwords, projects, grants, tokens and their last use', async () => {
      const email = uniqueEmail();
      const user = await ctx.store().createUser(email, PASSWORD);
      const admin = await ctx.store().createUser(uniqueEmail('admin'), PASSWORD, { isAdmin: true });
      const { project, token, secret } = await projectWithToken(ctx.store());
      const renamed = await ctx.store().renameProject(project.id, 'Renamed');
      await ctx.store().grantProjectAccess(user.id, project.id);
      const revoked = await ctx.store().createToken(project.id, 'revoked');
      await ctx.store().revokeToken(project.id, revoked.token.id);
      const deleted = await projectWithToken(ctx.store(), 'Deleted');
      await ctx.store().deleteProject(deleted.project.id);
      await ctx.store().authenticate(project.id, secret);
      const tokensBefore = await ctx.store().listTokens(project.id);
      expect(tokensBefore).toEqual([{ ...token, lastUsedAtMs: expect.any(Number) }]);

      const reopened = await ctx.reopen();
      expect(await reopened.getUser(user.id)).toEqual(user);
      expect(await reopened.getUser(admin.id)).toEqual(admin);
      expect(await reopened.verifyPassword(email, PASSWORD)).toEqual(user);
      expect(await reopened.getProject(project.id)).toEqual(renamed);
      expect(await reopened.listProjectsForUser(user.id)).toEqual([renamed]);
      expect(await reopened.hasProjectAccess(admin.id, project.id)).toBe(true);
      expect(await reopened.listTokens(project.id)).toEqual(tokensBefore);
      expect(await reopened.authenticate(project.id, secret)).toBe(true);
      expect(await reopened.authenticate(project.id, revoked.secret)).toBe(false);
      expect(await reopened.getProject(deleted.project.id)).toBeNull();
      expect(await reopened.authenticate(deleted.project.id, deleted.secret)).toBe(false);
      // Taken stays taken across the restart.
      await expectAuthError(() => reopened.createUser(email, PASSWORD), 'USER_EXISTS');
      await expectAuthError(() => reopened.createProject({ name: 'again', id: project.id }), 'PROJECT_EXISTS');
      await expectAuthError(() => reopened.createToken(project.id, 'again', { token: secret }), 'TOKEN_EXISTS');
    });

    it('the once-a-minute last-use write holds across a restart', async () => {
      const { project, secret } = await projectWithToken(ctx.store());
      await ctx.store().authenticate(project.id, secret);
      const [{ lastUsedAtMs }] = await ctx.store().listTokens(project.id);
      const reopened = await ctx.reopen();
      ctx.advance(MINUTE_MS / 2);
      expect(await reopened.authenticate(project.id, secret)).toBe(true);
      expect((await reopened.listTokens(project.id))[0].lastUsedAtMs).toBe(lastUsedAtMs);
    });

    it('another instance sees a new token, a revocation and a deletion at once, with nothing cached', async () => {
      const other = await ctx.openAnother();
      const { project, token, secret } = await projectWithToken(ctx.store());
      expect(await other.authenticate(project.id, secret)).toBe(true);
      expect(await ctx.store().authenticate(project.id, secret)).toBe(true);

      expect(await other.revokeToken(project.id, token.id)).toBe(true);
      expect(await ctx.store().authenticate(project.id, secret)).toBe(false);

      const chosen = uniqueSecret();
      await other.createToken(project.id, 'from the other instance', { token: chosen });
      expect(await ctx.store().authenticate(project.id, chosen)).toBe(true);
      await expectAuthError(() => ctx.store().createToken(project.id, 'same', { token: chosen }), 'TOKEN_EXISTS');

      expect(await ctx.store().deleteProject(project.id)).toBe(true);
      expect(await other.authenticate(project.id, chosen)).toBe(false);
      expect(await other.getProject(project.id)).toBeNull();
    });

    it('another instance sees users and grants at once', async () => {
      const other = await ctx.openAnother();
      const email = uniqueEmail();
      const user = await other.createUser(email, PASSWORD);
      expect(await ctx.store().verifyPassword(email, PASSWORD)).toEqual(user);
      await expectAuthError(() => ctx.store().createUser(email, PASSWORD), 'USER_EXISTS');

      const project = await ctx.store().createProject({ name: 'Shared' });
      await other.grantProjectAccess(user.id, project.id);
      expect(await ctx.store().hasProjectAccess(user.id, project.id)).toBe(true);
      expect(await other.revokeProjectAccess(user.id, project.id)).toBe(true);
      expect(await ctx.store().hasProjectAccess(user.id, project.id)).toBe(false);
    });
  });
}
