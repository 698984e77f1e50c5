'use client';
// Shown when the project list page fails to render.
import { RouteError } from '@/components/route-error';

export default function ProjectsError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError {...props} what="the projects" />;
}
