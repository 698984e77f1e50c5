// Conformance suite, project access: grants for ordinary users, every project for an admin,
// revocation, and the errors of a grant to a missing user or project.
import { describe, expect, it } from 'vitest';
import {
  PASSWORD,
  expectAuthError,
  newId,
  onlyThese,
  uniqueEmail,
  type AuthConformanceContext,
} from './auth-store-conformance.test-helpers';

export function describeGrantConformance(ctx: AuthConformanceContext): void {
  describe('project access', () => {
    it('a user sees only granted projects, oldest first, whatever order they were granted in', async () => {
      const first = await ctx.store().createProject({ name: 'first' });
      ctx.advance(1_000);
      const hidden = await ctx.store().createProject({ name: 'hidden' });
      const second = await ctx.store().createProject({ name: 'second' });
      const user = await ctx.store().createUser(uniqueEmail(), PASSWORD);
      expect(await ctx.store().listProjectsForUser(user.id)).toEqual([]);

      await ctx.store().grantProjectAccess(user.id, second.id);
      await ctx.store().grantProjectAccess(user.id, first.id);
      expect(await ctx.store().listProjectsForUser(user.id)).toEqual([first, second]);
      expect(await ctx.store().hasProjectAccess(user.id, first.id)).toBe(true);
      expect(await ctx.store().hasProjectAccess(user.id, second.id)).toBe(true);
      expect(await ctx.store().hasProjectAccess(user.id, hidden.id)).toBe(false);
    });

    it('granting twice is harmless, and one user\'s grant is not another\'s', async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      const [granted, other] = [await ctx.store().createUser(uniqueEmail(), PASSWORD), await ctx.store().createUser(uniqueEmail(), PASSWORD)];
      await ctx.store().grantProjectAccess(granted.id, project.id);
      await ctx.store().grantProjectAccess(granted.id, project.id);
      expect(await ctx.store().listProjectsForUser(granted.id)).toEqual([project]);
      expect(await ctx.store().listProjectsForUser(other.id)).toEqual([]);
      expect(await ctx.store().hasProjectAccess(other.id, project.id)).toBe(false);
    });

    it('revokeProjectAccess answers true once, then false, and ends the access', async () => {
      const [kept, revoked] = [await ctx.store().createProject({ name: 'kept' }), await ctx.store().createProject({ name: 'revoked' })];
      const user = await ctx.store().createUser(uniqueEmail(), PASSWORD);
      await ctx.store().grantProjectAccess(user.id, kept.id);
      await ctx.store().grantProjectAccess(user.id, revoked.id);
      expect(await ctx.store().revokeProjectAccess(user.id, revoked.id)).toBe(true);
      expect(await ctx.store().revokeProjectAccess(user.id, revoked.id)).toBe(false);
      expect(await ctx.store().hasProjectAccess(user.id, revoked.id)).toBe(false);
      expect(await ctx.store().listProjectsForUser(user.id)).toEqual([kept]);
      expect(await ctx.store().revokeProjectAccess(newId(), kept.id)).toBe(false);
      expect(await ctx.store().revokeProjectAccess(user.id, newId())).toBe(false);
    });

    it('an admin sees every existing project, including later ones, without grants', async () => {
      const admin = await ctx.store().createUser(uniqueEmail('admin'), PASSWORD, { isAdmin: true });
      const earlier = await ctx.store().createProject({ name: 'earlier' });
      ctx.advance(1_000);
      const later = await ctx.store().createProject({ name: 'later' });
      expect(onlyThese(await ctx.store().listProjectsForUser(admin.id), [later, earlier])).toEqual([earlier, later]);
      // Every project means every project, in the same order listProjects gives.
      expect(await ctx.store().listProjectsForUser(admin.id)).toEqual(await ctx.store().listProjects());
      expect(await ctx.store().hasProjectAccess(admin.id, later.id)).toBe(true);
      expect(await ctx.store().hasProjectAccess(admin.id, newId())).toBe(false);
      await ctx.store().deleteProject(earlier.id);
      expect(await ctx.store().hasProjectAccess(admin.id, earlier.id)).toBe(false);
    });

    it('an unknown user sees nothing', async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      expect(await ctx.store().listProjectsForUser(newId())).toEqual([]);
      expect(await ctx.store().hasProjectAccess(newId(), project.id)).toBe(false);
    });

    it('grantProjectAccess refuses a missing user with USER_NOT_FOUND and a missing project with PROJECT_NOT_FOUND', async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      const user = await ctx.store().createUser(uniqueEmail(), PASSWORD);
      await expectAuthError(() => ctx.store().grantProjectAccess(newId(), project.id), 'USER_NOT_FOUND');
      const missing = newId();
      await expectAuthError(() => ctx.store().grantProjectAccess(user.id, missing), 'PROJECT_NOT_FOUND');
      expect(await ctx.store().listProjectsForUser(user.id)).toEqual([]);
      // A refused grant leaves no trace that a later project with that id would inherit.
      await ctx.store().createProject({ name: 'Later', id: missing });
      expect(await ctx.store().hasProjectAccess(user.id, missing)).toBe(false);
    });
  });
}
