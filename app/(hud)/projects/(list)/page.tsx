// Projects: every project the signed-in user may see, with totals, and create/rename/delete.
import type { Metadata } from 'next';
import { ProjectsPanel } from '@/components/projects/projects-panel';

export const metadata: Metadata = { title: 'Projects · Ferro HUD' };

export default function ProjectsPage() {
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Projects</h1>
      <ProjectsPanel />
    </>
  );
}
