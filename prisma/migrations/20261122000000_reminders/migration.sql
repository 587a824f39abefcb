-- Reminders: the user's morning time, "keep in touch" on contacts, and recurring
-- custom reminders. Written as ADD COLUMN (not Prisma's table rebuild) so large
-- Contact tables are not copied.
ALTER TABLE "User" ADD COLUMN "morningTime" TEXT NOT NULL DEFAULT '09:00';
ALTER TABLE "Contact" ADD COLUMN "keepInTouch" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Reminder" ADD COLUMN "doneAt" DATETIME;
ALTER TABLE "Reminder" ADD COLUMN "recurrence" TEXT NOT NULL DEFAULT 'NONE';
ALTER TABLE "Reminder" ADD COLUMN "anchor" TEXT;
ALTER TABLE "Reminder" ADD COLUMN "seriesId" TEXT;
ALTER TABLE "Reminder" ADD COLUMN "occursOn" TEXT;

CREATE INDEX "Reminder_contactId_type_status_idx" ON "Reminder"("contactId", "type", "status");
CREATE INDEX "Reminder_followUpId_idx" ON "Reminder"("followUpId");
CREATE INDEX "Reminder_seriesId_idx" ON "Reminder"("seriesId");
