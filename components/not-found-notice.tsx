// The body of the HUD's not-found pages: says what is missing without saying whether it exists,
// and offers a way on (an `action` such as creating the missing thing, where that makes sense).
import Link from 'next/link';
import type { ReactNode } from 'react';

export function NotFoundNotice({ what, action }: { what: string; action?: ReactNode }) {
  return (
    <section className="py-12">
      <p className="font-mono text-sm text-accent">404</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{what} not found</h1>
      <p className="mt-2 text-muted">It does not exist, or your account has no access to it.</p>
      <p className="mt-6 flex flex-wrap items-center gap-4">
        {action}
        <Link href="/projects" className="font-medium underline underline-offset-4">Back to projects</Link>
      </p>
    </section>
  );
}
