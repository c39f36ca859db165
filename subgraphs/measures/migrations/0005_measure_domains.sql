ALTER TABLE "measures"."measures" ADD COLUMN "domains" text[] DEFAULT '{ALL}'::text[] NOT NULL;--> statement-breakpoint
-- The starting catalogue's measures made for one domain (002 §21); any other measure stays ALL
-- until its credit office states its domains.
UPDATE "measures"."measures" SET "domains" = CASE
  WHEN "name" = '限制出境、购房、乘坐飞机高铁和高消费' THEN '{JUDGMENT_DEFAULTER}'::text[]
  WHEN "name" = '限制税收优惠和出口退税便利' THEN '{TAX}'::text[]
  WHEN "name" = '环境违法企业限制环评审批' THEN '{ENVIRONMENT}'::text[]
  WHEN "name" = '道路运输经营许可从严审核' THEN '{TRANSPORT}'::text[]
  ELSE "domains" END;
