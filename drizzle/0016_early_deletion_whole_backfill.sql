-- R-RETAIN-6: the job deletes a whole procedure's personal data only when the request says every data
-- subject consented (all_subjects_consented). Early-deletion requests recorded before 0009 named no
-- subject and always meant the whole procedure: say so. Requests since 0009 that name no subject were
-- refused unless every subject consented, so a null subject with false now means the named subject is
-- gone already (erased meanwhile) and nothing more is deleted.
UPDATE "data_subject_requests" SET "all_subjects_consented" = true
WHERE "kind" = 'EARLY_DELETION' AND "data_subject_id" IS NULL AND "all_subjects_consented" = false
  AND NOT EXISTS (SELECT 1 FROM "data_subject_request_steps" s WHERE s."request_id" = "data_subject_requests"."id");
