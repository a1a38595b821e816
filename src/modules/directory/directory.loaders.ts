import type { Database } from "../../db/database.js";
import { groupLoader, rowLoader } from "../../db/batch-loaders.js";
import { DirectoryRepository } from "./directory.repository.js";

export function directoryLoaders(db: Database) {
  const repo = new DirectoryRepository(db);
  return {
    authority: rowLoader((ids: readonly string[]) => repo.authoritiesByIds(ids), (row) => row.id),
    legalArea: rowLoader((codes: readonly string[]) => repo.legalAreasByCodes(codes), (row) => row.code),
    legalAreasOfAuthority: groupLoader(
      (ids: readonly string[]) => repo.legalAreasOfAuthorities(ids),
      (row) => row.authorityId,
    ),
    /** R-NOTICE-2: the published restrictions of each member state. */
    publishedRestrictions: groupLoader(
      (states: readonly string[]) => repo.publishedRestrictionsOf(states),
      (row) => row.memberState,
    ),
  };
}
