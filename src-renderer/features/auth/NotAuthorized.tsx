export function NotAuthorized() {
  return (
    <main className="full-screen-message" role="alert" aria-labelledby="not-authorized-title">
      <h1 id="not-authorized-title">Not authorized</h1>
      <p>This page's access token is missing, wrong, or from an earlier start of the host.</p>
      <p>
        Open the address the host printed when it started: it ends in <code>#token=…</code>.
      </p>
    </main>
  );
}
