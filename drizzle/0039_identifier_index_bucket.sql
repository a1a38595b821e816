-- R-RETAIN-3: the national-identifier index keeps 12 bits of the HMAC (a bucket shared by about one
-- identifier in 4,096), not all 256: a vacuumed table file, the WAL or a backup that still holds a
-- deleted data subject's index no longer lets anyone holding the index key test identifiers against it
-- until one matches. The bucket is the first two base64url characters of the same HMAC
-- (src/db/personal-crypto/sealed-rows.ts identifierIndex), so existing rows are cut here.
-- The owner runs migrations and is subject to the forced row policies: lifted for this one statement.
ALTER TABLE "data_subjects" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "data_subjects" SET "national_identifier_index" = 'b1:' || substr("national_identifier_index", 4, 2) WHERE "national_identifier_index" LIKE 'h1:%';--> statement-breakpoint
ALTER TABLE "data_subjects" FORCE ROW LEVEL SECURITY;
