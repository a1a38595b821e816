import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import Provider from "oidc-provider";

/** A client of the test issuer: who its tokens name, and how they say the user signed in. */
export interface IssuerClient {
  id: string;
  email: string;
  acr?: string;
  amr?: string[];
  /** The email_verified claim; undefined: true, null: left out. */
  emailVerified?: boolean | null;
}

export interface TestIssuer {
  issuer: string;
  /** An access token (JWT) for the client, for `resource` (its `aud`), by the client-credentials grant. */
  token(clientId: string, resource?: string): Promise<string>;
  /** A JWT with exactly these claims, signed with the issuer's key (a misbehaving provider's token). */
  sign(claims: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

export const API_AUDIENCE = "https://imi-api.test";

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback: discovery document,
 * JWKS and token endpoint as an identity provider serves them. Its access tokens are JWTs signed
 * with its own RS256 key; the user a client's tokens name and the second factor they claim are set
 * per client (extraTokenClaims), as an identity provider would after its own sign-in.
 */
export async function startIssuer(clients: IssuerClient[]): Promise<TestIssuer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: "RS256", use: "sig", kid: "test-key" };
  const byId = new Map(clients.map((client) => [client.id, client]));
  const provider = new Provider(issuer, {
    clients: clients.map((client) => ({
      client_id: client.id,
      client_secret: `${client.id}-secret`,
      grant_types: ["client_credentials"],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: "client_secret_post",
    })),
    jwks: { keys: [jwk] },
    scopes: ["api"],
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({ scope: "api", audience: resource, accessTokenFormat: "jwt", accessTokenTTL: 600, jwt: { sign: { alg: "RS256" } } }),
      },
    },
    async extraTokenClaims(_ctx: unknown, token: { clientId?: string }) {
      const client = byId.get(token.clientId ?? "");
      const verified = client?.emailVerified === undefined ? true : client.emailVerified;
      return client ? { email: client.email, ...(verified === null ? {} : { email_verified: verified }), ...(client.acr ? { acr: client.acr } : {}), ...(client.amr ? { amr: client.amr } : {}) } : {};
    },
  } as ConstructorParameters<typeof Provider>[1]);
  server.on("request", provider.callback());
  return {
    issuer,
    async token(clientId, resource = API_AUDIENCE) {
      const response = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: `${clientId}-secret`, scope: "api", resource }),
      });
      const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!body.access_token) throw new Error(`no token from the test issuer: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key" }).sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
