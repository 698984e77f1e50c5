// The sign-in page. A visitor who is already signed in goes straight on to where they were headed.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getHudUserOrNull } from '@/lib/bff/session';
import { safeCallbackUrl } from '@/lib/hud/callback-url';

export const metadata: Metadata = { title: 'Sign in · Ferro HUD' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getHudUserOrNull()) redirect(callbackUrl);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6 py-12">
      <div className="flex items-center gap-2">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        <span className="text-lg font-semibold tracking-tight">Ferro HUD</span>
      </div>
      <h1 className="mt-8 text-2xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-2 text-sm text-muted">
        The first start of the server printed the admin email and password.
      </p>
      <div className="mt-6">
        <SignInForm callbackUrl={callbackUrl} />
      </div>
      <p className="mt-10 text-xs text-muted">
        IronMQ clients use <code className="font-mono">/3/</code> and <code className="font-mono">/1/</code> on this port with an API token; they never need this page.
      </p>
    </main>
  );
}
