-- Full-text search over Chinese titles and summaries, which have no word spacing: the set of
-- 2-character substrings of the text, under a GIN index, finds every case containing a search
-- term of 2 or more characters; LIKE then rechecks the order of the characters. The same
-- function as in the lists schema: each service owns its schema and may live in its own database.
CREATE FUNCTION "cases"."bigrams"(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i $$;
--> statement-breakpoint
CREATE INDEX "cases_text_bigrams" ON "cases"."cases" USING gin ("cases"."bigrams"("title" || ' ' || "summary"));
