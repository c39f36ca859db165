CREATE SCHEMA "objections";
--> statement-breakpoint
CREATE TABLE "objections"."objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"department_code" text NOT NULL,
	"filed_by_role" text DEFAULT 'SUBJECT' NOT NULL,
	"filed_by" text,
	"grounds" text NOT NULL,
	"evidence" text[] DEFAULT '{}' NOT NULL,
	"filed_on" date NOT NULL,
	"status" text NOT NULL,
	"decided_on" date,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections"."repairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"department_code" text NOT NULL,
	"method" text NOT NULL,
	"evidence" text[] NOT NULL,
	"commitment" text NOT NULL,
	"applied_on" date NOT NULL,
	"status" text NOT NULL,
	"decided_on" date,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "objections_listing_id_index" ON "objections"."objections" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "objections_department_code_status_index" ON "objections"."objections" USING btree ("department_code","status");--> statement-breakpoint
CREATE INDEX "repairs_listing_id_index" ON "objections"."repairs" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "repairs_department_code_status_index" ON "objections"."repairs" USING btree ("department_code","status");