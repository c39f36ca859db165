CREATE TABLE "measures"."credit_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_code" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"scenario" text NOT NULL,
	"checked_on" date NOT NULL,
	"purpose" text NOT NULL,
	"reference" text,
	"credit_status" text NOT NULL,
	"measures" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measures"."suspensions" (
	"listing_id" uuid NOT NULL,
	"objection_id" uuid NOT NULL,
	"suspended_on" date NOT NULL,
	CONSTRAINT "suspensions_listing_id_objection_id_pk" PRIMARY KEY("listing_id","objection_id")
);
--> statement-breakpoint
DROP INDEX "measures"."dispatches_department_code_status_index";--> statement-breakpoint
DROP INDEX "measures"."executions_subject_id_index";--> statement-breakpoint
ALTER TABLE "measures"."dispatches" ADD COLUMN "list_type" text;--> statement-breakpoint
UPDATE "measures"."dispatches" d SET "list_type" = m."list_types"[1] FROM "measures"."measures" m WHERE m."code" = d."measure_code" AND m."version" = d."measure_version";--> statement-breakpoint
ALTER TABLE "measures"."dispatches" ALTER COLUMN "list_type" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "measures"."measures" ADD COLUMN "change_reason" text;--> statement-breakpoint
ALTER TABLE "measures"."measures" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "credit_checks_department_code_checked_on_index" ON "measures"."credit_checks" USING btree ("department_code","checked_on");--> statement-breakpoint
CREATE INDEX "credit_checks_subject_id_checked_on_index" ON "measures"."credit_checks" USING btree ("subject_id","checked_on");--> statement-breakpoint
CREATE INDEX "dispatches_department_code_status_due_on_index" ON "measures"."dispatches" USING btree ("department_code","status","due_on");--> statement-breakpoint
CREATE INDEX "dispatches_department_code_dispatched_on_index" ON "measures"."dispatches" USING btree ("department_code","dispatched_on");--> statement-breakpoint
CREATE INDEX "executions_subject_id_executed_on_index" ON "measures"."executions" USING btree ("subject_id","executed_on");--> statement-breakpoint
CREATE INDEX "executions_department_code_executed_on_index" ON "measures"."executions" USING btree ("department_code","executed_on");