// The login bar above GraphiQL: calls the `login` mutation and hands the session to the page,
// which sends its token as `Authorization: Bearer …` with every following GraphiQL request.
import { useState } from "react";

const LOGIN = `mutation Login($email: String!, $password: String!, $securityCode: String!) {
  login(email: $email, password: $password, securityCode: $securityCode) {
    token expiresAt user { name email roles }
  }
}`;

// sessionStorage, not localStorage: the token survives a reload of this tab but not the tab.
const KEY = "imi.graphiql.session";

export function loadSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? "null");
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** Returns `{ session }` or `{ errors: [{ message, code }] }`; never throws. */
async function login(url, variables) {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: LOGIN, variables, operationName: "Login" }),
    });
    const body = await response.json().catch(() => null);
    if (body?.errors?.length) {
      return { errors: body.errors.map((e) => ({ message: e.message, code: e.extensions?.code })) };
    }
    if (body?.data?.login) return { session: body.data.login };
    return { errors: [{ message: `Unexpected answer from ${url}`, code: `HTTP ${response.status}` }] };
  } catch (error) {
    return { errors: [{ message: `Network error: ${error.message}`, code: "NETWORK" }] };
  }
}

export function LoginPanel({ url, session, onChange }) {
  const [errors, setErrors] = useState([]);
  const [busy, setBusy] = useState(false);

  async function submit(event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name) => String(form.get(name) ?? "").trim();
    setBusy(true);
    const result = await login(url, {
      email: field("email"),
      password: String(form.get("password") ?? ""),
      securityCode: field("securityCode"),
    });
    setBusy(false);
    setErrors(result.errors ?? []);
    if (result.session) onChange(result.session);
  }

  if (session) {
    const { name, email, roles } = session.user;
    return (
      <header className="imi-login" aria-label="Session">
        <span>
          Logged in as <strong>{name}</strong> &lt;{email}&gt; · {roles.join(", ")} · token valid until{" "}
          {new Date(session.expiresAt).toLocaleString()}
        </span>
        <button type="button" onClick={() => onChange(null)}>
          Log out
        </button>
      </header>
    );
  }

  return (
    <header className="imi-login" aria-label="Log in">
      <form onSubmit={submit}>
        <input name="email" type="email" placeholder="e-mail" autoComplete="username" required />
        <input name="password" type="password" placeholder="password" autoComplete="current-password" required />
        <input
          name="securityCode"
          placeholder="security code"
          inputMode="numeric"
          pattern="[0-9]{6}"
          maxLength={6}
          title="6 digits from your authenticator app"
          autoComplete="one-time-code"
          required
        />
        <button type="submit" disabled={busy}>
          {busy ? "Logging in…" : "Log in"}
        </button>
      </form>
      <small className="imi-hint">
        Demo: <code>handler.dk@imi.example</code> (also helpdesk@, coordinator.dk@, admin.dk@, handler.de@,
        handler.fr@, portal.dk@), password <code>demo-password</code>, security code = TOTP of secret{" "}
        <code>JBSWY3DPEHPK3PXP</code> (e.g. <code>oathtool --totp -b JBSWY3DPEHPK3PXP</code>); each code logs in once.
      </small>
      {errors.length > 0 && (
        <ul className="imi-errors" role="alert">
          {errors.map((e, i) => (
            <li key={i}>
              {e.message}
              {e.code && <code> {e.code}</code>}
            </li>
          ))}
        </ul>
      )}
    </header>
  );
}
