CREATE SCHEMA "measures";
--> statement-breakpoint
CREATE TABLE "measures"."dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"measure_code" text NOT NULL,
	"measure_version" integer NOT NULL,
	"department_code" text NOT NULL,
	"status" text NOT NULL,
	"dispatched_on" date NOT NULL,
	"due_on" date NOT NULL,
	"lifted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measures"."executions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"measure_code" text NOT NULL,
	"measure_version" integer NOT NULL,
	"department_code" text NOT NULL,
	"scenario" text NOT NULL,
	"outcome" text NOT NULL,
	"executed_on" date NOT NULL,
	"decision_ref" text,
	"reason" text,
	"note" text,
	"idempotency_key" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measures"."measures" (
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"enforcement" text NOT NULL,
	"channel" text,
	"list_types" text[] NOT NULL,
	"scenarios" text[] NOT NULL,
	"matter" text NOT NULL,
	"means" text NOT NULL,
	"target_kinds" text[] NOT NULL,
	"reaches_responsible_persons" boolean NOT NULL,
	"implementing_department_code" text NOT NULL,
	"basis" text NOT NULL,
	"memorandum" text NOT NULL,
	"valid_from" date NOT NULL,
	"superseded_on" date,
	"retired" boolean DEFAULT false NOT NULL,
	CONSTRAINT "measures_code_version_pk" PRIMARY KEY("code","version")
);
--> statement-breakpoint
ALTER TABLE "measures"."executions" ADD CONSTRAINT "executions_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "measures"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dispatches_listing_id_measure_code_department_code_index" ON "measures"."dispatches" USING btree ("listing_id","measure_code","department_code");--> statement-breakpoint
CREATE INDEX "dispatches_department_code_status_index" ON "measures"."dispatches" USING btree ("department_code","status");--> statement-breakpoint
CREATE INDEX "dispatches_subject_id_index" ON "measures"."dispatches" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "executions_listing_id_index" ON "measures"."executions" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "executions_subject_id_index" ON "measures"."executions" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "executions_dispatch_id_index" ON "measures"."executions" USING btree ("dispatch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "executions_department_code_idempotency_key_index" ON "measures"."executions" USING btree ("department_code","idempotency_key");--> statement-breakpoint
CREATE INDEX "measures_jurisdiction_code_index" ON "measures"."measures" USING btree ("jurisdiction_code");