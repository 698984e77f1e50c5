// Conformance suite, projects: createProject with a random or given id and its rules, lookups,
// listProjects order, renameProject, and deleteProject taking the project's tokens and grants along.
import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from './rules';
import {
  ID_24_HEX,
  PASSWORD,
  T0,
  expectAuthError,
  newId,
  onlyThese,
  projectWithToken,
  uniqueEmail,
  type AuthConformanceContext,
} from './auth-store-conformance.test-helpers';

export function describeProjectConformance(ctx: AuthConformanceContext): void {
  describe('projects', () => {
    it('createProject makes a random 24-hex id, trims the name and records the creation instant', async () => {
      const project = await ctx.store().createProject({ name: '  Orders\t' });
      expect(project).toEqual({ id: expect.stringMatching(ID_24_HEX), name: 'Orders', createdAtMs: T0 });
      expect(await ctx.store().getProject(project.id)).toEqual(project);
      const other = await ctx.store().createProject({ name: 'Orders' });
      expect(other.id).not.toBe(project.id);
    });

    it('createProject keeps a given id, and refuses it when taken with PROJECT_EXISTS', async () => {
      const id = newId();
      const project = await ctx.store().createProject({ name: 'Billing', id });
      expect(project).toEqual({ id, name: 'Billing', createdAtMs: T0 });
      await expectAuthError(() => ctx.store().createProject({ name: 'Impostor', id }), 'PROJECT_EXISTS');
      expect(await ctx.store().getProject(id)).toEqual(project);
    });

    it('createProject refuses an id that is not 24 lowercase hex characters with INVALID_PROJECT_ID', async () => {
      const id = newId();
      const malformed = ['', id.toUpperCase(), id.slice(1), `${id}0`, `${id.slice(1)}g`, ` ${id.slice(1)}`, `${id.slice(0, 12)}/${id.slice(13)}`];
      for (const bad of malformed) {
        await expectAuthError(() => ctx.store().createProject({ name: 'Orders', id: bad }), 'INVALID_PROJECT_ID');
      }
      // The upper-case spelling is refused, not folded into the valid id.
      expect(await ctx.store().getProject(id)).toBeNull();
    });

    it('createProject refuses an empty or overlong name with INVALID_ARGUMENT and creates nothing', async () => {
      for (const name of ['', '   ', 'x'.repeat(MAX_NAME_LENGTH + 1)]) {
        const id = newId();
        await expectAuthError(() => ctx.store().createProject({ name, id }), 'INVALID_ARGUMENT');
        expect(await ctx.store().getProject(id)).toBeNull();
      }
      const longest = 'x'.repeat(MAX_NAME_LENGTH);
      expect((await ctx.store().createProject({ name: ` ${longest} ` })).name).toBe(longest);
    });

    it('getProject answers null for an unknown or malformed id', async () => {
      expect(await ctx.store().getProject(newId())).toBeNull();
      expect(await ctx.store().getProject('not-a-project-id')).toBeNull();
    });

    it('listProjects lists oldest first, in creation order within one instant', async () => {
      const first = await ctx.store().createProject({ name: 'first' });
      ctx.advance(1_000);
      const second = await ctx.store().createProject({ name: 'second' });
      const third = await ctx.store().createProject({ name: 'third' });
      expect(onlyThese(await ctx.store().listProjects(), [third, second, first])).toEqual([first, second, third]);
    });

    it('renameProject trims and stores the new name, keeping id and creation instant', async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      ctx.advance(5_000);
      const renamed = await ctx.store().renameProject(project.id, '  Invoices ');
      expect(renamed).toEqual({ ...project, name: 'Invoices' });
      expect(await ctx.store().getProject(project.id)).toEqual(renamed);
      expect(onlyThese(await ctx.store().listProjects(), [project])).toEqual([renamed]);
    });

    it('renameProject refuses a bad name with INVALID_ARGUMENT (keeping the old one) and a missing project with PROJECT_NOT_FOUND', async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      for (const name of ['', '  ', 'x'.repeat(MAX_NAME_LENGTH + 1)]) {
        await expectAuthError(() => ctx.store().renameProject(project.id, name), 'INVALID_ARGUMENT');
      }
      expect(await ctx.store().getProject(project.id)).toEqual(project);
      const missing = newId();
      await expectAuthError(() => ctx.store().renameProject(missing, 'Ghost'), 'PROJECT_NOT_FOUND');
      expect(await ctx.store().getProject(missing)).toBeNull();
    });

    it('deleteProject answers true once, then false, and only for that project', async () => {
      const doomed = await ctx.store().createProject({ name: 'Doomed' });
      const kept = await ctx.store().createProject({ name: 'Kept' });
      expect(await ctx.store().deleteProject(doomed.id)).toBe(true);
      expect(await ctx.store().deleteProject(doomed.id)).toBe(false);
      expect(await ctx.store().deleteProject(newId())).toBe(false);
      expect(await ctx.store().getProject(doomed.id)).toBeNull();
      expect(onlyThese(await ctx.store().listProjects(), [doomed, kept])).toEqual([kept]);
      await expectAuthError(() => ctx.store().renameProject(doomed.id, 'Back'), 'PROJECT_NOT_FOUND');
    });

    it("deleteProject removes the project's tokens: they stop authenticating, even under a recreated id", async () => {
      const { project, secret } = await projectWithToken(ctx.store());
      const neighbour = await projectWithToken(ctx.store(), 'Neighbour');
      expect(await ctx.store().deleteProject(project.id)).toBe(true);
      expect(await ctx.store().authenticate(project.id, secret)).toBe(false);
      expect(await ctx.store().listTokens(project.id)).toEqual([]);
      await expectAuthError(() => ctx.store().createToken(project.id, 'late'), 'PROJECT_NOT_FOUND');
      // Another project's tokens are untouched.
      expect(await ctx.store().authenticate(neighbour.project.id, neighbour.secret)).toBe(true);

      // A project created again with the same id starts without the old tokens.
      const recreated = await ctx.store().createProject({ name: 'Orders again', id: project.id });
      expect(await ctx.store().authenticate(recreated.id, secret)).toBe(false);
      expect(await ctx.store().listTokens(recreated.id)).toEqual([]);
      // The secret is gone, not hidden: it can be chosen again.
      const reused = await ctx.store().createToken(recreated.id, 'reused', { token: secret });
      expect(reused.secret).toBe(secret);
    });

    it("deleteProject removes the project's grants, and a recreated id does not bring them back", async () => {
      const project = await ctx.store().createProject({ name: 'Orders' });
      const user = await ctx.store().createUser(uniqueEmail(), PASSWORD);
      await ctx.store().grantProjectAccess(user.id, project.id);
      expect(await ctx.store().deleteProject(project.id)).toBe(true);
      expect(await ctx.store().hasProjectAccess(user.id, project.id)).toBe(false);
      expect(await ctx.store().listProjectsForUser(user.id)).toEqual([]);
      expect(await ctx.store().revokeProjectAccess(user.id, project.id)).toBe(false);
      // The user is the HUD's, not the project's: it stays.
      expect(await ctx.store().getUser(user.id)).toEqual(user);

      await ctx.store().createProject({ name: 'Orders again', id: project.id });
      expect(await ctx.store().hasProjectAccess(user.id, project.id)).toBe(false);
    });

    it('two concurrent createProject calls for one id create one project; the other gets PROJECT_EXISTS', async () => {
      const id = newId();
      const results = await Promise.allSettled([
        ctx.store().createProject({ name: 'One', id }),
        ctx.store().createProject({ name: 'Two', id }),
      ]);
      const created = results.filter((result) => result.status === 'fulfilled');
      const refused = results.filter((result) => result.status === 'rejected');
      expect(created).toHaveLength(1);
      expect(refused[0]?.reason).toMatchObject({ name: 'AuthError', code: 'PROJECT_EXISTS' });
      expect(await ctx.store().getProject(id)).toEqual(created[0].value);
    });
  });
}
