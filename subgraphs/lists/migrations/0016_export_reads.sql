ALTER TABLE "lists"."personal_data_reads" ALTER COLUMN "subject_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "lists"."personal_data_reads" ADD COLUMN "persons" integer;