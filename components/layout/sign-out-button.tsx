'use client';
// Ends the HUD session and returns to the sign-in page.
import { signOut } from 'next-auth/react';
import { buttonStyles } from '@/components/ui/styles';

export function SignOutButton() {
  const signOutNow = async () => {
    await signOut({ redirect: false });
    window.location.assign('/login');
  };
  return (
    <button type="button" onClick={signOutNow} className={buttonStyles.secondary}>
      Sign out
    </button>
  );
}
