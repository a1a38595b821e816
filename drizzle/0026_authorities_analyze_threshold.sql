-- Issue 14: a coordinator's rows are those of its member state's authorities, so the planner's
-- estimate of that scope goes through authorities.member_state. A table of a few dozen authorities
-- never reaches autovacuum's default analyze threshold (50 changed rows + 10%), so it is never
-- analyzed, the planner guesses one authority per state and a small visible set, and a
-- coordinator's bounded totalCount becomes a hash join over every procedure plus a sort (seen at
-- 100k procedures). Analyzed, it walks procedures_list_order_idx with a nested-loop semi-join and
-- stops at the bound (test/procedures/list-plans.test.ts). The table is small and rarely changes:
-- analyzing it after any change costs nothing.
ALTER TABLE "authorities" SET (autovacuum_analyze_threshold = 1, autovacuum_analyze_scale_factor = 0);--> statement-breakpoint
ANALYZE "authorities";
