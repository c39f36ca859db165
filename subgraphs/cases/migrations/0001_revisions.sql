CREATE TABLE "cases"."case_revisions" (
	"case_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"title" text NOT NULL,
	"domain" text NOT NULL,
	"summary" text NOT NULL,
	"corrected_on" date NOT NULL,
	"reason" text NOT NULL,
	"corrected_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_revisions_case_id_revision_pk" PRIMARY KEY("case_id","revision")
);
--> statement-breakpoint
DROP INDEX "cases"."cases_reported_by_index";--> statement-breakpoint
ALTER TABLE "cases"."cases" ADD COLUMN "withdrawn_on" date;--> statement-breakpoint
ALTER TABLE "cases"."cases" ADD COLUMN "person_names" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases"."cases" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases"."case_revisions" ADD CONSTRAINT "case_revisions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "cases"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_reported_by_reported_on_index" ON "cases"."cases" USING btree ("reported_by","reported_on");