CREATE SCHEMA "lists";
--> statement-breakpoint
CREATE TABLE "lists"."departments" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"is_credit_office" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lists"."jurisdictions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"publicity_working_days" integer DEFAULT 20 NOT NULL,
	"feedback_working_days" integer DEFAULT 2 NOT NULL,
	"objection_suspends_measures" boolean NOT NULL,
	"monitoring_months" integer DEFAULT 12 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lists"."listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"list_type" text NOT NULL,
	"status" text NOT NULL,
	"domain" text NOT NULL,
	"category" integer,
	"severity" text,
	"facts" text NOT NULL,
	"basis" text NOT NULL,
	"decided_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"repairable" boolean NOT NULL,
	"disclosure" text,
	"department_code" text NOT NULL,
	"publicity_starts_on" date,
	"publicity_ends_on" date,
	"signed_on" date,
	"valid_from" date,
	"exit_reason" text,
	"exited_on" date,
	"exit_note" text,
	"origin_listing_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lists"."personal_data_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject_id" uuid NOT NULL,
	"reader_role" text NOT NULL,
	"reader_department" text,
	"reader_subject" text,
	"operation" text,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lists"."responsible_persons" (
	"listing_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "responsible_persons_listing_id_person_id_pk" PRIMARY KEY("listing_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "lists"."subjects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"uscc" text,
	"lei" text,
	"id_type" text,
	"id_number" text,
	"legal_representative_id" uuid,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lists"."departments" ADD CONSTRAINT "departments_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "lists"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lists"."listings" ADD CONSTRAINT "listings_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "lists"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lists"."listings" ADD CONSTRAINT "listings_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "lists"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lists"."responsible_persons" ADD CONSTRAINT "responsible_persons_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "lists"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lists"."responsible_persons" ADD CONSTRAINT "responsible_persons_person_id_subjects_id_fk" FOREIGN KEY ("person_id") REFERENCES "lists"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "departments_jurisdiction_code_index" ON "lists"."departments" USING btree ("jurisdiction_code");--> statement-breakpoint
CREATE INDEX "listings_subject_id_index" ON "lists"."listings" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "listings_status_list_type_index" ON "lists"."listings" USING btree ("status","list_type");--> statement-breakpoint
CREATE INDEX "listings_department_code_index" ON "lists"."listings" USING btree ("department_code");--> statement-breakpoint
CREATE INDEX "personal_data_reads_subject_id_read_at_index" ON "lists"."personal_data_reads" USING btree ("subject_id","read_at");--> statement-breakpoint
CREATE INDEX "responsible_persons_person_id_index" ON "lists"."responsible_persons" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subjects_uscc_index" ON "lists"."subjects" USING btree ("uscc");--> statement-breakpoint
CREATE UNIQUE INDEX "subjects_lei_index" ON "lists"."subjects" USING btree ("lei");--> statement-breakpoint
CREATE UNIQUE INDEX "subjects_id_type_id_number_index" ON "lists"."subjects" USING btree ("id_type","id_number");--> statement-breakpoint
CREATE INDEX "subjects_name_trgm" ON "lists"."subjects" USING gin ("name" gin_trgm_ops);