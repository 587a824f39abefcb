-- CreateTable
CREATE TABLE "PipelineStage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "probability" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT NOT NULL DEFAULT 'OPEN',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PipelineStage_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DealStageChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "fromStageId" TEXT,
    "toStageId" TEXT,
    "fromName" TEXT,
    "toName" TEXT NOT NULL,
    "changedById" TEXT,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DealStageChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DealStageChange_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DealStageChange_fromStageId_fkey" FOREIGN KEY ("fromStageId") REFERENCES "PipelineStage" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "DealStageChange_toStageId_fkey" FOREIGN KEY ("toStageId") REFERENCES "PipelineStage" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "DealStageChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);


-- Default pipeline for every existing workspace (new workspaces get the same from createUser).
INSERT INTO "PipelineStage" ("id", "workspaceId", "name", "position", "probability", "outcome", "createdAt", "updatedAt")
SELECT 'stg' || lower(hex(randomblob(11))), w."id", s."name", s."position", s."probability", s."outcome", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM "Workspace" w
CROSS JOIN (
    SELECT 'Prospecting' AS "name", 0 AS "position", 10 AS "probability", 'OPEN' AS "outcome"
    UNION ALL SELECT 'Qualification', 1, 25, 'OPEN'
    UNION ALL SELECT 'Proposal', 2, 50, 'OPEN'
    UNION ALL SELECT 'Negotiation', 3, 75, 'OPEN'
    UNION ALL SELECT 'Closed won', 4, 100, 'WON'
    UNION ALL SELECT 'Closed lost', 5, 0, 'LOST'
) s;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "valueCents" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "stageId" TEXT NOT NULL,
    "probability" INTEGER NOT NULL DEFAULT 10,
    "expectedCloseAt" DATETIME,
    "closedAt" DATETIME,
    "closeReason" TEXT,
    "companyId" TEXT,
    "contactId" TEXT,
    "ownerId" TEXT,
    "position" REAL NOT NULL DEFAULT 0,
    "notes" TEXT,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Deal_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deal_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "PipelineStage" ("id") ON DELETE NO ACTION ON UPDATE CASCADE,
    CONSTRAINT "Deal_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Deal_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Deal_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Hand-edited: each deal's old enum stage maps to its workspace's stage of the same meaning.
INSERT INTO "new_Deal" ("closedAt", "companyId", "contactId", "createdAt", "currency", "deletedAt", "expectedCloseAt", "id", "name", "notes", "ownerId", "position", "probability", "updatedAt", "valueCents", "workspaceId", "stageId")
SELECT d."closedAt", d."companyId", d."contactId", d."createdAt", d."currency", d."deletedAt", d."expectedCloseAt", d."id", d."name", d."notes", d."ownerId", d."position", d."probability", d."updatedAt", d."valueCents", d."workspaceId",
    (SELECT ps."id" FROM "PipelineStage" ps WHERE ps."workspaceId" = d."workspaceId" AND ps."name" = CASE d."stage"
        WHEN 'PROSPECTING' THEN 'Prospecting'
        WHEN 'QUALIFICATION' THEN 'Qualification'
        WHEN 'PROPOSAL' THEN 'Proposal'
        WHEN 'NEGOTIATION' THEN 'Negotiation'
        WHEN 'CLOSED_WON' THEN 'Closed won'
        WHEN 'CLOSED_LOST' THEN 'Closed lost'
        ELSE 'Prospecting' END)
FROM "Deal" d;
DROP TABLE "Deal";
ALTER TABLE "new_Deal" RENAME TO "Deal";
CREATE INDEX "Deal_workspaceId_deletedAt_stageId_position_idx" ON "Deal"("workspaceId", "deletedAt", "stageId", "position");
CREATE INDEX "Deal_stageId_idx" ON "Deal"("stageId");
CREATE INDEX "Deal_workspaceId_companyId_idx" ON "Deal"("workspaceId", "companyId");
CREATE INDEX "Deal_workspaceId_contactId_idx" ON "Deal"("workspaceId", "contactId");
CREATE INDEX "Deal_workspaceId_ownerId_idx" ON "Deal"("workspaceId", "ownerId");
CREATE INDEX "Deal_workspaceId_expectedCloseAt_idx" ON "Deal"("workspaceId", "expectedCloseAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PipelineStage_workspaceId_position_idx" ON "PipelineStage"("workspaceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "PipelineStage_workspaceId_name_key" ON "PipelineStage"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "DealStageChange_dealId_changedAt_idx" ON "DealStageChange"("dealId", "changedAt");

-- CreateIndex
CREATE INDEX "DealStageChange_workspaceId_changedAt_idx" ON "DealStageChange"("workspaceId", "changedAt");


-- History starts with each existing deal's current stage.
INSERT INTO "DealStageChange" ("id", "workspaceId", "dealId", "fromStageId", "toStageId", "fromName", "toName", "changedById", "changedAt")
SELECT 'dsc' || lower(hex(randomblob(11))), d."workspaceId", d."id", NULL, d."stageId", NULL, ps."name", NULL, d."createdAt"
FROM "Deal" d JOIN "PipelineStage" ps ON ps."id" = d."stageId";
