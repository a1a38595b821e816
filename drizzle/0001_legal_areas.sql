-- The acts of the annex of Regulation (EU) No 1024/2012 (SPEC "Legal area"): reference data every
-- database needs, production included. Later changes to the list are made as data, through the API
-- (setLegalAreaEnabled) or later migrations, never by editing this one.
INSERT INTO "legal_areas" ("code", "name", "act_reference", "enabled", "blocking_period_months", "consent_required", "closed_alerts_stay_visible") VALUES
  ('SERVICES', 'Services', 'Directive 2006/123/EC', true, 6, false, true),
  ('PROFESSIONAL_QUALIFICATIONS', 'Professional qualifications', 'Directive 2005/36/EC', true, 6, false, false),
  ('PATIENTS_RIGHTS', 'Patients'' rights in cross-border healthcare', 'Directive 2011/24/EU', true, 6, false, false),
  ('EURO_CASH_TRANSPORT', 'Cross-border transport of euro cash', 'Regulation (EU) No 1214/2011', true, 6, false, false),
  ('SOLVIT', 'SOLVIT', 'Commission Recommendation of 7 December 2001 (SOLVIT)', true, 18, true, false),
  ('POSTING_OF_WORKERS', 'Posting of workers (pilot)', 'Directive 96/71/EC', true, 6, false, false)
ON CONFLICT ("code") DO NOTHING;
