-- Chinese names have no spaces, and pg_trgm cannot turn a CJK LIKE pattern into index lookups.
-- The set of 2-character substrings of a name, under a GIN index, finds every name containing
-- a search text of 2 or more characters; LIKE then rechecks the order of the characters.
CREATE FUNCTION "lists"."bigrams"(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i $$;
--> statement-breakpoint
CREATE INDEX "subjects_name_bigrams" ON "lists"."subjects" USING gin ("lists"."bigrams"("name"));
