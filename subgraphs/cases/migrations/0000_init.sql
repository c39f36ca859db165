CREATE SCHEMA "cases";
--> statement-breakpoint
CREATE TABLE "cases"."case_listings" (
	"case_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	CONSTRAINT "case_listings_case_id_listing_id_pk" PRIMARY KEY("case_id","listing_id")
);
--> statement-breakpoint
CREATE TABLE "cases"."case_measures" (
	"case_id" uuid NOT NULL,
	"measure_code" text NOT NULL,
	CONSTRAINT "case_measures_case_id_measure_code_pk" PRIMARY KEY("case_id","measure_code")
);
--> statement-breakpoint
CREATE TABLE "cases"."case_subjects" (
	"case_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	CONSTRAINT "case_subjects_case_id_subject_id_pk" PRIMARY KEY("case_id","subject_id")
);
--> statement-breakpoint
CREATE TABLE "cases"."cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"domain" text NOT NULL,
	"summary" text NOT NULL,
	"status" text NOT NULL,
	"reported_by" text NOT NULL,
	"reported_on" date NOT NULL,
	"published_on" date,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases"."case_listings" ADD CONSTRAINT "case_listings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "cases"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases"."case_measures" ADD CONSTRAINT "case_measures_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "cases"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases"."case_subjects" ADD CONSTRAINT "case_subjects_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "cases"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_listings_listing_id_index" ON "cases"."case_listings" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "case_measures_measure_code_index" ON "cases"."case_measures" USING btree ("measure_code");--> statement-breakpoint
CREATE INDEX "case_subjects_subject_id_index" ON "cases"."case_subjects" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "cases_status_published_on_index" ON "cases"."cases" USING btree ("status","published_on");--> statement-breakpoint
CREATE INDEX "cases_reported_by_index" ON "cases"."cases" USING btree ("reported_by");