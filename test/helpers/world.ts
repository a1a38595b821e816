import { randomBytes } from "node:crypto";
import { hashPassword } from "../../src/auth/password.js";
import type { Role } from "../../src/auth/viewer.js";
import type { Database } from "../../src/db/database.js";
import { authorities, authorityLegalAreas, legalAreas, users } from "../../src/db/schema/index.js";
import type { TestApi } from "./api.js";

export const TEST_PASSWORD = "test-password-123";
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

let passwordHash: Promise<string> | undefined;

/**
 * The World's users by key. Each is named `<key> <tag>` with the e-mail `<key>.<tag>@imi.test`: personal
 * data, which the log scan (test/helpers/log-scan.ts) looks for in every test log.
 */
export const WORLD_USER_KEYS = [
  "helpdesk",
  "coordinatorDk",
  "adminDk",
  "handlerDk",
  "handlerDk2",
  "handlerDe",
  "handlerDe2",
  "handlerFr",
  "portalDk",
] as const;
export type WorldUserKey = (typeof WORLD_USER_KEYS)[number];

export interface TestUser {
  id: string;
  email: string;
  authorityId: string;
  roles: Role[];
}

/**
 * A small world of its own per test: authorities in DK, DE and FR and a user per role, all with
 * unique names, so tests sharing one database never see each other's procedures.
 */
/** The world's authorities and their member states (the helpdesk is the Commission's, "EU"). */
export const WORLD_AUTHORITY_STATES = {
  helpdesk: "EU",
  coordinatorDk: "DK",
  dk: "DK",
  dk2: "DK",
  de: "DE",
  de2: "DE",
  fr: "FR",
  portalDk: "DK",
} as const;
export type WorldAuthorityKey = keyof typeof WORLD_AUTHORITY_STATES;

export class World {
  private readonly tokens = new Map<string, Promise<string>>();

  private constructor(
    readonly db: Database,
    readonly api: TestApi,
    readonly tag: string,
    readonly authority: Record<WorldAuthorityKey, string>,
    readonly user: Record<WorldUserKey, TestUser>,
  ) {}

  static async create(db: Database, api: TestApi, options: { unregistered?: string[] } = {}): Promise<World> {
    const tag = randomBytes(4).toString("hex");
    const now = api.clock.now();
    const authority = async (key: string, memberState: string) => {
      const [row] = await db
        .insert(authorities)
        .values({
          name: `${key} ${tag}`,
          memberState,
          contactEmail: `${key}.${tag}@authority.example`,
          postalAddress: `${key} street 1`,
          dpoName: `DPO of ${key}`,
          dpoEmail: `dpo.${key}.${tag}@authority.example`,
          // Pentest F1: the coordinator's authority is designated, and in no legal area.
          coordinating: key === "coordinatorDk",
          createdAt: now,
        })
        .returning();
      return row!.id;
    };
    const a = {} as Record<WorldAuthorityKey, string>;
    // One at a time, in this order: tests list authorities in creation order.
    for (const [key, memberState] of Object.entries(WORLD_AUTHORITY_STATES) as [WorldAuthorityKey, string][]) {
      a[key] = await authority(key, memberState);
    }
    const areas = await db.select({ code: legalAreas.code }).from(legalAreas);
    const unregistered = new Set(options.unregistered ?? []);
    await db.insert(authorityLegalAreas).values(
      Object.entries(a).filter(([key]) => key !== "coordinatorDk").flatMap(([key, id]) =>
        areas.filter((area) => !unregistered.has(`${key}:${area.code}`)).map((area) => ({ authorityId: id, legalAreaCode: area.code })),
      ),
    );
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const hash = await passwordHash;
    const user = async (key: WorldUserKey, authorityId: string, roles: Role[]): Promise<TestUser> => {
      const email = `${key}.${tag}@imi.test`;
      const [row] = await db
        .insert(users)
        .values({ authorityId, name: `${key} ${tag}`, email, roles, passwordHash: hash, totpSecret: TEST_TOTP_SECRET, createdAt: now })
        .returning();
      return { id: row!.id, email, authorityId, roles };
    };
    const u: Record<WorldUserKey, TestUser> = {
      helpdesk: await user("helpdesk", a.helpdesk, ["COMMISSION"]),
      coordinatorDk: await user("coordinatorDk", a.coordinatorDk, ["COORDINATOR"]),
      adminDk: await user("adminDk", a.dk, ["LOCAL_ADMIN"]),
      handlerDk: await user("handlerDk", a.dk, ["CASE_HANDLER"]),
      handlerDk2: await user("handlerDk2", a.dk2, ["CASE_HANDLER"]),
      handlerDe: await user("handlerDe", a.de, ["CASE_HANDLER"]),
      handlerDe2: await user("handlerDe2", a.de2, ["CASE_HANDLER"]),
      handlerFr: await user("handlerFr", a.fr, ["CASE_HANDLER"]),
      portalDk: await user("portalDk", a.portalDk, ["PORTAL"]),
    };
    return new World(db, api, tag, a, u);
  }

  /** A real token of the user, from `login` (cached per world). */
  token(user: TestUser): Promise<string> {
    let token = this.tokens.get(user.email);
    if (!token) {
      token = this.api.login(user.email, TEST_PASSWORD, TEST_TOTP_SECRET);
      this.tokens.set(user.email, token);
    }
    return token;
  }
}
