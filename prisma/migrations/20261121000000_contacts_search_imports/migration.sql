-- CreateTable
CREATE TABLE "ContactImage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "blob" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContactImage_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomFieldDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "options" JSONB,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CustomFieldDefinition_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "undoneAt" DATETIME,
    CONSTRAINT "ImportBatch_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ImportBatch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT,
    "googleId" TEXT,
    "name" TEXT NOT NULL,
    "avatarUrl" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "defaultCountry" TEXT NOT NULL DEFAULT 'US',
    "emailVerifiedAt" DATETIME,
    "passwordChangedAt" DATETIME,
    "birthdayLeadDays" INTEGER NOT NULL DEFAULT 2,
    "anniversaryLeadDays" INTEGER NOT NULL DEFAULT 2,
    "followUpDays" INTEGER NOT NULL DEFAULT 7,
    "noContactDays" INTEGER NOT NULL DEFAULT 30,
    "theme" TEXT NOT NULL DEFAULT 'SYSTEM',
    "notifyInApp" BOOLEAN NOT NULL DEFAULT true,
    "notifyEmail" BOOLEAN NOT NULL DEFAULT true,
    "notifyPush" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("anniversaryLeadDays", "avatarUrl", "birthdayLeadDays", "createdAt", "email", "emailVerifiedAt", "followUpDays", "googleId", "id", "name", "noContactDays", "notifyEmail", "notifyInApp", "notifyPush", "passwordChangedAt", "passwordHash", "theme", "timezone", "updatedAt") SELECT "anniversaryLeadDays", "avatarUrl", "birthdayLeadDays", "createdAt", "email", "emailVerifiedAt", "followUpDays", "googleId", "id", "name", "noContactDays", "notifyEmail", "notifyInApp", "notifyPush", "passwordChangedAt", "passwordHash", "theme", "timezone", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_googleId_key" ON "User"("googleId");
CREATE TABLE "new_Contact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "firstName" TEXT NOT NULL DEFAULT '',
    "lastName" TEXT NOT NULL DEFAULT '',
    "displayName" TEXT NOT NULL,
    "whatsapp" TEXT,
    "instagram" TEXT,
    "linkedin" TEXT,
    "twitter" TEXT,
    "website" TEXT,
    "socialLinks" JSONB,
    "companyId" TEXT,
    "jobTitle" TEXT,
    "isDecisionMaker" BOOLEAN NOT NULL DEFAULT false,
    "authorityLevel" TEXT,
    "street" TEXT,
    "city" TEXT,
    "region" TEXT,
    "postalCode" TEXT,
    "country" TEXT,
    "notes" TEXT,
    "birthdayMonth" INTEGER,
    "birthdayDay" INTEGER,
    "birthdayYear" INTEGER,
    "anniversaryMonth" INTEGER,
    "anniversaryDay" INTEGER,
    "anniversaryYear" INTEGER,
    "avatarUrl" TEXT,
    "leadStatus" TEXT,
    "ownerId" TEXT,
    "assigneeId" TEXT,
    "source" TEXT NOT NULL DEFAULT 'MANUAL',
    "firstTouch" JSONB,
    "lastTouch" JSONB,
    "referrer" TEXT,
    "landingPage" TEXT,
    "lastContactedAt" DATETIME,
    "keepInTouchDays" INTEGER,
    "enrichmentStatus" TEXT NOT NULL DEFAULT 'NONE',
    "enrichedData" JSONB,
    "customFields" JSONB,
    "importBatchId" TEXT,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contact_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Contact_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contact_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contact_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contact_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Contact" ("anniversaryDay", "anniversaryMonth", "anniversaryYear", "assigneeId", "authorityLevel", "avatarUrl", "birthdayDay", "birthdayMonth", "birthdayYear", "city", "companyId", "country", "createdAt", "customFields", "deletedAt", "displayName", "enrichedData", "enrichmentStatus", "firstName", "firstTouch", "id", "instagram", "isDecisionMaker", "jobTitle", "keepInTouchDays", "landingPage", "lastContactedAt", "lastName", "lastTouch", "leadStatus", "linkedin", "notes", "ownerId", "postalCode", "referrer", "region", "socialLinks", "source", "street", "twitter", "updatedAt", "website", "whatsapp", "workspaceId") SELECT "anniversaryDay", "anniversaryMonth", "anniversaryYear", "assigneeId", "authorityLevel", "avatarUrl", "birthdayDay", "birthdayMonth", "birthdayYear", "city", "companyId", "country", "createdAt", "customFields", "deletedAt", "displayName", "enrichedData", "enrichmentStatus", "firstName", "firstTouch", "id", "instagram", "isDecisionMaker", "jobTitle", "keepInTouchDays", "landingPage", "lastContactedAt", "lastName", "lastTouch", "leadStatus", "linkedin", "notes", "ownerId", "postalCode", "referrer", "region", "socialLinks", "source", "street", "twitter", "updatedAt", "website", "whatsapp", "workspaceId" FROM "Contact";
DROP TABLE "Contact";
ALTER TABLE "new_Contact" RENAME TO "Contact";
CREATE INDEX "Contact_workspaceId_deletedAt_displayName_idx" ON "Contact"("workspaceId", "deletedAt", "displayName");
CREATE INDEX "Contact_workspaceId_leadStatus_idx" ON "Contact"("workspaceId", "leadStatus");
CREATE INDEX "Contact_workspaceId_companyId_idx" ON "Contact"("workspaceId", "companyId");
CREATE INDEX "Contact_workspaceId_ownerId_idx" ON "Contact"("workspaceId", "ownerId");
CREATE INDEX "Contact_workspaceId_assigneeId_idx" ON "Contact"("workspaceId", "assigneeId");
CREATE INDEX "Contact_workspaceId_source_idx" ON "Contact"("workspaceId", "source");
CREATE INDEX "Contact_workspaceId_lastContactedAt_idx" ON "Contact"("workspaceId", "lastContactedAt");
CREATE INDEX "Contact_workspaceId_createdAt_idx" ON "Contact"("workspaceId", "createdAt");
CREATE INDEX "Contact_workspaceId_birthdayMonth_birthdayDay_idx" ON "Contact"("workspaceId", "birthdayMonth", "birthdayDay");
CREATE INDEX "Contact_workspaceId_anniversaryMonth_anniversaryDay_idx" ON "Contact"("workspaceId", "anniversaryMonth", "anniversaryDay");
CREATE INDEX "Contact_workspaceId_deletedAt_updatedAt_idx" ON "Contact"("workspaceId", "deletedAt", "updatedAt");
CREATE INDEX "Contact_importBatchId_idx" ON "Contact"("importBatchId");
CREATE TABLE "new_Company" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "industry" TEXT,
    "sizeBand" TEXT,
    "website" TEXT,
    "domain" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "street" TEXT,
    "city" TEXT,
    "region" TEXT,
    "postalCode" TEXT,
    "country" TEXT,
    "notes" TEXT,
    "customFields" JSONB,
    "leadStatus" TEXT,
    "primaryContactId" TEXT,
    "ownerId" TEXT,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Company_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Company_primaryContactId_fkey" FOREIGN KEY ("primaryContactId") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Company_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Company" ("city", "country", "createdAt", "customFields", "deletedAt", "domain", "email", "id", "industry", "leadStatus", "name", "notes", "ownerId", "phone", "postalCode", "region", "sizeBand", "street", "updatedAt", "website", "workspaceId") SELECT "city", "country", "createdAt", "customFields", "deletedAt", "domain", "email", "id", "industry", "leadStatus", "name", "notes", "ownerId", "phone", "postalCode", "region", "sizeBand", "street", "updatedAt", "website", "workspaceId" FROM "Company";
DROP TABLE "Company";
ALTER TABLE "new_Company" RENAME TO "Company";
CREATE INDEX "Company_workspaceId_deletedAt_name_idx" ON "Company"("workspaceId", "deletedAt", "name");
CREATE INDEX "Company_workspaceId_industry_idx" ON "Company"("workspaceId", "industry");
CREATE INDEX "Company_workspaceId_sizeBand_idx" ON "Company"("workspaceId", "sizeBand");
CREATE INDEX "Company_workspaceId_domain_idx" ON "Company"("workspaceId", "domain");
CREATE INDEX "Company_workspaceId_leadStatus_idx" ON "Company"("workspaceId", "leadStatus");
CREATE INDEX "Company_workspaceId_ownerId_idx" ON "Company"("workspaceId", "ownerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ContactImage_contactId_key" ON "ContactImage"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomFieldDefinition_workspaceId_entity_key_key" ON "CustomFieldDefinition"("workspaceId", "entity", "key");

-- CreateIndex
CREATE INDEX "ImportBatch_workspaceId_createdAt_idx" ON "ImportBatch"("workspaceId", "createdAt");


-- Full-text search over contacts: names, emails, phone digits, company and tags.
-- Kept in step by app/models/contact-search.server.ts (not by Prisma, which does
-- not know virtual tables). prefix= makes as-you-type prefix queries fast.
CREATE VIRTUAL TABLE "ContactSearch" USING fts5(
    "contactId" UNINDEXED,
    "workspaceId" UNINDEXED,
    "name",
    "emails",
    "phones",
    "company",
    "tags",
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
