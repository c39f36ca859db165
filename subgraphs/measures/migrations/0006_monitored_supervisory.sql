-- A monitored subject gets supervisory measures only (004 §(二十)): the starting catalogue's more
-- frequent inspections reach MONITORED entries too. Applicability keeps every other measure away.
UPDATE "measures"."measures" SET "list_types" = array_append("list_types", 'MONITORED')
WHERE "name" = '列为重点监管对象，提高检查频次' AND NOT ('MONITORED' = ANY("list_types"));
