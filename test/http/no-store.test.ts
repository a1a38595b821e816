import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer } from "../../src/http.js";
import { useSuite } from "../helpers/suite.js";
import { testLogger } from "../helpers/test-logs.js";

/**
 * GraphQL answers carry personal data: no browser or proxy may store them. Apollo's cache-control
 * plugin is off (it wrapped every resolver), so the API sends `no-store` itself
 * (src/graphql/apollo-plugins.ts): on answers with data, with field errors and with request errors.
 */
describe("cache-control of GraphQL answers", () => {
  // A header of the HTTP layer: one driver is enough.
  const suite = useSuite("pglite");
  let base = "";
  let server: ReturnType<typeof createHttpServer> | undefined;

  beforeAll(async () => {
    server = createHttpServer(suite.api.api, testLogger(), [], { graphiql: false });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve()));
  });

  it("answers every GraphQL request with cache-control: no-store", async () => {
    const world = await suite.world();
    const token = await world.token(world.user.handlerDk);
    const post = (query: string, auth = true) =>
      fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
    const answers = [
      await post("{ viewer { id name } }"),
      await post("{ procedures { totalCount } }", false),
      await post("{ noSuchField }"),
      await fetch(`${base}/graphql?query=${encodeURIComponent("{ legalAreas { code } }")}`, { headers: { "apollo-require-preflight": "1" } }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 400, 200]);
    for (const answer of answers) expect(answer.headers.get("cache-control")).toBe("no-store");
  });
});
