// Browser entry of the offline GraphiQL at /graphiql, bundled by scripts/build-graphiql.mjs.
// Plain JSX rather than TSX: the repository's tsconfig covers src/ for Node (no DOM lib, no jsx),
// and a .jsx file stays outside its type check while esbuild still compiles it.
import "./setup-workers.js"; // first: sets MonacoEnvironment before monaco-editor loads
import { useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { createClient } from "graphql-ws";
import "graphiql/style.css";
import "./graphiql.app.css";
import { LoginPanel, loadSession, saveSession } from "./login-panel.jsx";
import { EXAMPLE_TABS } from "./example-operations.js";

// Same origin as the page, so no CORS and the API's CSRF protection sees a JSON POST.
const GRAPHQL_URL = "/graphql";
// Subscriptions (issue 16): graphql-ws on the same path; the login panel's token goes in connection_init.
const SUBSCRIPTION_URL = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${GRAPHQL_URL}`;

function App() {
  const [session, setSession] = useState(loadSession);
  // The fetcher is created once and reads the token from this ref, so logging in or out does
  // not remount GraphiQL nor refetch the schema.
  const token = useRef(session?.token ?? null);
  token.current = session?.token ?? null;

  // One WebSocket client, reconnecting lazily: the token is read at each connection_init.
  const [wsClient] = useState(() =>
    createClient({
      url: SUBSCRIPTION_URL,
      lazy: true,
      connectionParams: () => (token.current ? { authorization: `Bearer ${token.current}` } : {}),
    }),
  );
  // A new session (or none) closes the socket, so the next subscription connects with its token.
  useEffect(() => {
    wsClient.terminate();
  }, [session?.token]);

  const [fetcher] = useState(() =>
    createGraphiQLFetcher({
      url: GRAPHQL_URL,
      wsClient,
      // Apollo Server answers plain JSON; the multipart (@defer) fetcher would only add overhead.
      enableIncrementalDelivery: false,
      fetch: (input, init = {}) => {
        const headers = new Headers(init.headers);
        // A header typed into GraphiQL's headers editor wins, so other tokens can be tried.
        if (token.current && !headers.has("authorization")) {
          headers.set("authorization", `Bearer ${token.current}`);
        }
        return fetch(input, { ...init, headers });
      },
    }),
  );

  // Forget the session when its token expires (setTimeout's limit is about 24 days).
  useEffect(() => {
    if (!session) return undefined;
    const left = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(() => change(null), Math.min(Math.max(left, 0), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [session]);

  function change(next) {
    saveSession(next);
    setSession(next);
  }

  return (
    <div className="imi-page">
      <LoginPanel url={GRAPHQL_URL} session={session} onChange={change} />
      {/* Example operations as tabs (example-operations.js); a new tab starts with the first one. */}
      <GraphiQL
        fetcher={fetcher}
        defaultTabs={EXAMPLE_TABS}
        defaultQuery={EXAMPLE_TABS[0].query}
        defaultEditorToolsVisibility={false}
      />
    </div>
  );
}

createRoot(document.getElementById("root")).render(<App />);
