-- A contact keeps several labelled postal addresses and websites, and a nickname
-- (issue 11: imports kept only the first address and website, silently). The one
-- address and website a contact had become the first entry of each list.
ALTER TABLE "Contact" ADD COLUMN "nickname" TEXT;
ALTER TABLE "Contact" ADD COLUMN "addresses" JSONB;
ALTER TABLE "Contact" ADD COLUMN "websites" JSONB;

UPDATE "Contact" SET "addresses" = json_array(json_object(
    'label', NULL, 'street', "street", 'city', "city", 'region', "region", 'postalCode', "postalCode", 'country', "country"))
WHERE coalesce("street", "city", "region", "postalCode", "country") IS NOT NULL;

UPDATE "Contact" SET "websites" = json_array(json_object('label', NULL, 'url', "website"))
WHERE "website" IS NOT NULL AND "website" <> '';

ALTER TABLE "Contact" DROP COLUMN "street";
ALTER TABLE "Contact" DROP COLUMN "city";
ALTER TABLE "Contact" DROP COLUMN "region";
ALTER TABLE "Contact" DROP COLUMN "postalCode";
ALTER TABLE "Contact" DROP COLUMN "country";
ALTER TABLE "Contact" DROP COLUMN "website";
