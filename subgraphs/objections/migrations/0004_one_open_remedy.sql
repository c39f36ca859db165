-- Applications recorded twice by the race this index closes: the earliest stays under review,
-- the later copies are closed with the reason, so the index can be built.
UPDATE "objections"."objections" o SET "status" = 'REJECTED', "decided_on" = o."filed_on",
  "decision_reason" = 'Duplicate of an earlier objection under review, recorded twice by a concurrency defect.'
WHERE o."status" = 'UNDER_REVIEW' AND EXISTS (
  SELECT 1 FROM "objections"."objections" e WHERE e."status" = 'UNDER_REVIEW' AND e."listing_id" = o."listing_id"
    AND e."filed_by" = o."filed_by" AND (e."created_at", e."id") < (o."created_at", o."id"));--> statement-breakpoint
UPDATE "objections"."repairs" r SET "status" = 'REJECTED', "decided_on" = r."applied_on",
  "decision_reason" = 'Duplicate of an earlier application under review, recorded twice by a concurrency defect.'
WHERE r."status" = 'UNDER_REVIEW' AND EXISTS (
  SELECT 1 FROM "objections"."repairs" e WHERE e."status" = 'UNDER_REVIEW' AND e."listing_id" = r."listing_id"
    AND (e."created_at", e."id") < (r."created_at", r."id"));--> statement-breakpoint
CREATE UNIQUE INDEX "objections_one_open_per_filer" ON "objections"."objections" USING btree ("listing_id","filed_by") WHERE status = 'UNDER_REVIEW';--> statement-breakpoint
CREATE UNIQUE INDEX "repairs_one_open_per_entry" ON "objections"."repairs" USING btree ("listing_id") WHERE status = 'UNDER_REVIEW';