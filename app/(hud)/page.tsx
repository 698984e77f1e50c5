// The HUD's home is the project list.
import { redirect } from 'next/navigation';

export default function HomePage() {
  redirect('/projects');
}
