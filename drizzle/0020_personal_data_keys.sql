-- R-RETAIN-3 crypto-shredding (src/db/personal-crypto/, src/db/schema/personal-data-keys.ts).
-- Step 7 rewrites the key partitions that lost keys since its last run (recorded here).
CREATE TABLE "personal_data_key_shreds" (
	"partition" text PRIMARY KEY NOT NULL,
	"shredded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Hash-partitioned (128) so that each partition stays a few MB at 1M procedures and its rewrite
-- (VACUUM FULL) fits in a batch's budget (bench/results.md section 6d). drizzle-kit knows no partitions:
-- its snapshot records a plain table, which is all it compares against.
CREATE TABLE "personal_data_keys" (
	"owner_id" uuid PRIMARY KEY NOT NULL,
	"wrapped" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
) PARTITION BY HASH ("owner_id");
--> statement-breakpoint
DO $$
BEGIN
  FOR i IN 0..127 LOOP
    EXECUTE format('CREATE TABLE personal_data_keys_p%s PARTITION OF personal_data_keys FOR VALUES WITH (MODULUS 128, REMAINDER %s)', lpad(i::text, 3, '0'), i);
  END LOOP;
END $$;
--> statement-breakpoint
-- ANALYZE would copy sampled wrapped keys into pg_statistic, which step 7 does not rewrite.
ALTER TABLE "personal_data_keys" ALTER COLUMN "wrapped" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "data_subjects" ADD COLUMN "national_identifier_index" text;
