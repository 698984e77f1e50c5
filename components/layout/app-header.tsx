// The HUD's top bar: home link, users and server (admins only), the live-update switch, who is signed in and sign-out.
import Link from 'next/link';
import { buttonStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { PollingToggle } from './polling-toggle';
import { SignOutButton } from './sign-out-button';

export function AppHeader({ email, isAdmin }: { email: string; isAdmin: boolean }) {
  return (
    <header className="border-b border-line">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-3">
        <Link href="/projects" className="mr-auto flex items-center gap-2 font-semibold tracking-tight">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          Ferro HUD
        </Link>
        {isAdmin && (
          <nav aria-label="Administration" className="flex gap-2">
            <Link href={pagePaths.users()} className={buttonStyles.secondary}>Users</Link>
            <Link href={pagePaths.server()} className={buttonStyles.secondary}>Server</Link>
          </nav>
        )}
        <PollingToggle />
        <span className="hidden text-sm text-muted sm:inline">{email}</span>
        <SignOutButton />
      </div>
    </header>
  );
}
