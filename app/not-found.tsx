// Shown for any HUD path with no page. API paths (/1/, /3/) never reach Next, so this is HTML only.
import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center px-6 py-12">
      <p className="font-mono text-sm text-accent">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-4 text-muted">There is no dashboard page at this address.</p>
      <p className="mt-8">
        <Link href="/" className="font-medium underline underline-offset-4">
          Back to the start page
        </Link>
      </p>
    </main>
  );
}
