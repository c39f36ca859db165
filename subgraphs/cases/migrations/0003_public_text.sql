ALTER TABLE "cases"."cases" ADD COLUMN "public_title" text;--> statement-breakpoint
ALTER TABLE "cases"."cases" ADD COLUMN "public_summary" text;--> statement-breakpoint
CREATE INDEX "cases_public_text_bigrams" ON "cases"."cases" USING gin ("cases"."bigrams"("public_title" || ' ' || "public_summary"));
