ALTER TABLE "lists"."listings" ADD COLUMN "public_facts" text;--> statement-breakpoint
ALTER TABLE "lists"."personal_data_reads" ADD COLUMN "document" text;--> statement-breakpoint
ALTER TABLE "lists"."personal_data_reads" ADD COLUMN "purpose" text;--> statement-breakpoint
ALTER TABLE "lists"."personal_data_reads" ADD COLUMN "source" text DEFAULT 'RECORD' NOT NULL;