-- Contact.companyName: a copy of the company's name so the contact list can sort by
-- company through an index (a join made SQLite sort the whole workspace: ~90 ms at
-- 100,000 contacts). Triggers keep it right whatever writes the rows (forms, import,
-- merge, raw SQL), so the app never writes it.

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN "companyName" TEXT;

UPDATE "Contact" SET "companyName" = (SELECT "name" FROM "Company" WHERE "Company"."id" = "Contact"."companyId") WHERE "companyId" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_companyName_displayName_idx" ON "Contact"("workspaceId", "deletedAt", "companyName", "displayName");

CREATE TRIGGER "Contact_companyName_after_insert" AFTER INSERT ON "Contact" WHEN NEW."companyId" IS NOT NULL
BEGIN
	UPDATE "Contact" SET "companyName" = (SELECT "name" FROM "Company" WHERE "id" = NEW."companyId") WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Contact_companyName_after_update" AFTER UPDATE OF "companyId" ON "Contact"
BEGIN
	UPDATE "Contact" SET "companyName" = (SELECT "name" FROM "Company" WHERE "id" = NEW."companyId") WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Company_name_after_update" AFTER UPDATE OF "name" ON "Company"
BEGIN
	UPDATE "Contact" SET "companyName" = NEW."name" WHERE "companyId" = NEW."id";
END;

-- ON DELETE SET NULL clears companyId; clear the copy with it.
CREATE TRIGGER "Company_name_before_delete" BEFORE DELETE ON "Company"
BEGIN
	UPDATE "Contact" SET "companyName" = NULL WHERE "companyId" = OLD."id";
END;
