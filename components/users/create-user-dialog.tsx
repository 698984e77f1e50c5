'use client';
// Creates a HUD user from an email, a password (the auth store's length rule) and an admin flag.
import { useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { buttonStyles, hintStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/lib/auth/rules';
import { useCreateUserMutation } from '@/lib/hud/users/use-create-user-mutation';

export function CreateUserDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="New user">
      <CreateUserForm onClose={onClose} />
    </Dialog>
  );
}

function CreateUserForm({ onClose }: { onClose: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [isAdmin, setAdmin] = useState(false);
  const create = useCreateUserMutation();
  const isPasswordValid = password.length >= MIN_PASSWORD_LENGTH && password.length <= MAX_PASSWORD_LENGTH;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ email, password, isAdmin }, { onSuccess: onClose });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <div>
        <label htmlFor="user-email" className={labelStyles}>Email</label>
        <input id="user-email" type="email" autoComplete="off" className={`${inputStyles} mt-1`} value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={MAX_EMAIL_LENGTH} autoFocus />
      </div>
      <div>
        <label htmlFor="user-password" className={labelStyles}>Password</label>
        <input id="user-password" type="password" autoComplete="new-password" aria-describedby="user-password-hint" className={`${inputStyles} mt-1`} value={password} onChange={(e) => setPassword(e.target.value)} required minLength={MIN_PASSWORD_LENGTH} maxLength={MAX_PASSWORD_LENGTH} />
        <p id="user-password-hint" className={hintStyles}>{MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters. Give it to the person over a private channel.</p>
      </div>
      <div className="flex items-start gap-2">
        <input id="user-admin" type="checkbox" className="mt-1" checked={isAdmin} onChange={(e) => setAdmin(e.target.checked)} aria-describedby="user-admin-hint" />
        <div>
          <label htmlFor="user-admin" className={labelStyles}>Admin</label>
          <p id="user-admin-hint" className={hintStyles}>Sees every project and can manage users.</p>
        </div>
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={create.isPending || email.trim() === '' || !isPasswordValid}>
          {create.isPending ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  );
}
