import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const production = {
  NODE_ENV: "production",
  JWT_SECRET: randomBytes(32).toString("base64url") /* production refuses published secrets */,
  DATABASE_URL: "postgres://db.example/imi",
};

describe("retention configuration", () => {
  it("refuses IMI_ALLOW_TIME_TRAVEL=1 when NODE_ENV=production, with a clear error at start", () => {
    expect(() => loadConfig({ ...production, IMI_ALLOW_TIME_TRAVEL: "1" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, IMI_ALLOW_TIME_TRAVEL: "1" })).toThrow(/IMI_ALLOW_TIME_TRAVEL is refused when NODE_ENV=production/);
    expect(loadConfig({ ...production, IMI_ALLOW_TIME_TRAVEL: "0" }).allowTimeTravel).toBe(false);
    expect(loadConfig({ IMI_ALLOW_TIME_TRAVEL: "1" }).allowTimeTravel).toBe(true);
    expect(loadConfig({}).allowTimeTravel).toBe(false);
  });

  it("schedules hourly by default, takes any cron expression, and RETENTION_SCHEDULE=off disables the job", () => {
    expect(loadConfig({}).retentionSchedule).toBe("0 * * * *");
    expect(loadConfig({ RETENTION_SCHEDULE: "*/5 * * * *" }).retentionSchedule).toBe("*/5 * * * *");
    expect(loadConfig({ RETENTION_SCHEDULE: "off" }).retentionSchedule).toBeNull();
    expect(() => loadConfig({ RETENTION_SCHEDULE: "every hour" })).toThrow(/RETENTION_SCHEDULE must be a cron expression or "off"/);
  });

  it("takes the batch size and the reminder delay from RETENTION_BATCH_SIZE and RETENTION_REMINDER_DAYS", () => {
    expect(loadConfig({})).toMatchObject({ retentionBatchSize: 500, retentionReminderDays: 30 });
    expect(loadConfig({ RETENTION_BATCH_SIZE: "50", RETENTION_REMINDER_DAYS: "14" })).toMatchObject({
      retentionBatchSize: 50,
      retentionReminderDays: 14,
    });
    expect(() => loadConfig({ RETENTION_BATCH_SIZE: "0" })).toThrow(/RETENTION_BATCH_SIZE/);
    expect(() => loadConfig({ RETENTION_REMINDER_DAYS: "a month" })).toThrow(/RETENTION_REMINDER_DAYS/);
  });
});
