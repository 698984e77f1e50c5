// What a signed-in non-admin sees on an admins' page: a 403 that says who can help.
export function AdminOnlyNotice({ what }: { what: string }) {
  return (
    <section className="py-12" role="alert">
      <p className="font-mono text-sm text-accent">403</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Admins only</h1>
      <p className="mt-2 text-muted">{what}</p>
    </section>
  );
}
