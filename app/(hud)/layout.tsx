// The signed-in HUD's shell: top bar, client providers, the connection banner and the main
// landmark every page fills.
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import { ConnectionBanner } from '@/components/layout/connection-banner';
import { Providers } from '@/components/providers';
import { requireHudUser } from '@/lib/bff/page-access';

export default async function HudLayout({ children }: { children: ReactNode }) {
  const user = await requireHudUser();
  return (
    <Providers>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2">
        Skip to content
      </a>
      <AppHeader email={user.email} isAdmin={user.isAdmin} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <ConnectionBanner />
        {children}
      </main>
    </Providers>
  );
}
