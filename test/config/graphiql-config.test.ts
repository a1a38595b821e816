import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const production = { NODE_ENV: "production", JWT_SECRET: randomBytes(32).toString("base64url") /* production refuses published secrets */, DATABASE_URL: "postgres://db/imi" };

describe("GraphiQL configuration", () => {
  it("serves GraphiQL in development and not in production, unless turned on there", () => {
    expect(loadConfig({}).graphiql).toBe(true);
    expect(loadConfig(production).graphiql).toBe(false);
    expect(loadConfig({ ...production, GRAPHIQL: "on" }).graphiql).toBe(true);
    expect(loadConfig({ GRAPHIQL: "off" }).graphiql).toBe(false);
  });

  it("refuses a value it does not understand, naming the variable", () => {
    expect(() => loadConfig({ GRAPHIQL: "maybe" })).toThrow(ConfigError);
    expect(() => loadConfig({ GRAPHIQL: "maybe" })).toThrow(/GRAPHIQL/);
  });
});
