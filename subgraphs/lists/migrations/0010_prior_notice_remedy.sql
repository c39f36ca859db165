ALTER TABLE "lists"."listings" ADD COLUMN "prior_notice_on" date;--> statement-breakpoint
ALTER TABLE "lists"."listings" ADD COLUMN "remedy" text;