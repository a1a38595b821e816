import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

describe("error logs", () => {
  it("keep a failed query's text and the database's code, never its parameters", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_lower_idx"'), {
      code: "23505",
      detail: "Key (lower(email))=(jens.hansen@example.dk) already exists.",
    });
    const error = new DrizzleQueryError('insert into "data_subjects" ("full_name", "national_identifier") values ($1, $2)', ["Jens Hansen", "300975-1234"], cause);
    logger.error({ err: error }, "unexpected error");
    const logged = lines.join("");
    expect(logged).toContain('insert into \\"data_subjects\\"');
    expect(logged).toContain("23505");
    for (const value of ["Jens Hansen", "300975-1234", "jens.hansen@example.dk"]) expect(logged).not.toContain(value);
  });
});
