import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { DEFAULT_LIVE_SETTINGS } from "../../src/modules/subscriptions/live.settings.js";

/** Issue 16's settings as loadConfig reads them: bounds, TRUSTED_DOCUMENTS, OIDC_ISSUERS. */
describe("subscription, trusted-document and single sign-on settings", () => {
  it("defaults when unset, and reads each bound", () => {
    const defaults = loadConfig({ NODE_ENV: "development" });
    expect(defaults.live).toEqual(DEFAULT_LIVE_SETTINGS);
    expect(defaults.trustedDocuments).toEqual([]);
    expect(defaults.oidcIssuers).toEqual([]);
    const set = loadConfig({
      NODE_ENV: "development",
      SUBSCRIPTIONS_PER_CONNECTION: "3",
      SUBSCRIPTIONS_PER_USER: "7",
      SUBSCRIPTION_HEARTBEAT_SECONDS: "30",
      TRUSTED_DOCUMENTS: "a.json, b.json",
      OIDC_ISSUERS: JSON.stringify([{ issuer: "https://idp.example.eu", audience: "imi", userClaim: "email", memberStates: ["DK"] }]),
    });
    expect(set.live).toMatchObject({ perConnection: 3, perUser: 7, heartbeatSeconds: 30 });
    expect(set.trustedDocuments).toEqual(["a.json", "b.json"]);
    expect(set.oidcIssuers).toEqual([{ issuer: "https://idp.example.eu", audience: "imi", userClaim: "email", memberStates: ["DK"], maxTokenAgeSeconds: 1800 }]);
  });

  it("refuses a bad value with a ConfigError naming the setting", () => {
    expect(() => loadConfig({ NODE_ENV: "development", SUBSCRIPTIONS_PER_USER: "0" })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "development", SUBSCRIPTIONS_PER_USER: "0" })).toThrow(/SUBSCRIPTIONS_PER_USER/);
    expect(() => loadConfig({ NODE_ENV: "development", OIDC_ISSUERS: "not json" })).toThrow(/OIDC_ISSUERS/);
    expect(() => loadConfig({ NODE_ENV: "development", OIDC_ISSUERS: JSON.stringify([{ issuer: "http://idp.example.eu", audience: "a", userClaim: "email" }]) })).toThrow(/https/);
  });
});
