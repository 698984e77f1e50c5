'use client';
// The sign-in form: email and password to next-auth's credentials provider, the failure shown
// beside the form, and a full page load to where the person was going on success.
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { buttonStyles, inputStyles, labelStyles } from '@/components/ui/styles';

/** next-auth's code for a wrong email or password; other errors carry their own sentence. */
function signInErrorText(error: string): string {
  if (error === 'CredentialsSignin') return 'Wrong email or password.';
  return error;
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    }).catch(() => ({ error: 'Could not reach the server.', ok: false }));
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(signInErrorText(result?.error ?? 'Sign-in failed.'));
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className={labelStyles}>
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className={`${inputStyles} mt-1`} />
      </div>
      <div>
        <label htmlFor="password" className={labelStyles}>
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={`${inputStyles} mt-1`} />
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-danger">
          {error}
        </p>
      )}
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={isPending}>
        {isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
