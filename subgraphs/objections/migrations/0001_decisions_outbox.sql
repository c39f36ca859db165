CREATE TABLE "objections"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections"."outbox_cursors" (
	"subscriber" text PRIMARY KEY NOT NULL,
	"last_event_id" bigint NOT NULL
);
--> statement-breakpoint
DROP INDEX "objections"."objections_department_code_status_index";--> statement-breakpoint
DROP INDEX "objections"."repairs_department_code_status_index";--> statement-breakpoint
ALTER TABLE "objections"."objections" ADD COLUMN "due_on" date;--> statement-breakpoint
UPDATE "objections"."objections" SET "due_on" = "filed_on" + 14;--> statement-breakpoint
ALTER TABLE "objections"."objections" ALTER COLUMN "due_on" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "objections"."objections" ADD COLUMN "during_publicity" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "objections"."objections" ADD COLUMN "suspends_measures" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "objections"."repairs" ADD COLUMN "due_on" date;--> statement-breakpoint
UPDATE "objections"."repairs" SET "due_on" = "applied_on" + 14;--> statement-breakpoint
ALTER TABLE "objections"."repairs" ALTER COLUMN "due_on" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "objections_subject_id_index" ON "objections"."objections" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "objections_department_code_status_due_on_index" ON "objections"."objections" USING btree ("department_code","status","due_on");--> statement-breakpoint
CREATE INDEX "repairs_subject_id_index" ON "objections"."repairs" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "repairs_department_code_status_due_on_index" ON "objections"."repairs" USING btree ("department_code","status","due_on");