-- 民呼我应 and 微心愿: a month key on the stage history so the monthly rates read an index, and credits once per volunteer.
-- The SQLite twin of database/sqlserver/0004_Tasks.sql.
-- SQLite can add a generated column only as VIRTUAL; it is indexed like the stored ones.

ALTER TABLE TaskStageHistory ADD COLUMN ChangedMonth INTEGER GENERATED ALWAYS AS (CAST(substr(ChangedAt, 1, 4) || substr(ChangedAt, 6, 2) AS INTEGER)) VIRTUAL;

CREATE INDEX IX_TaskStageHistory_ChangedMonth ON TaskStageHistory (ChangedMonth, ToStage, TaskId, FromStage);

CREATE UNIQUE INDEX UX_PointEntry_TaskMember ON PointEntry (TaskId, MemberId) WHERE TaskId IS NOT NULL AND Source = 'Task';

CREATE UNIQUE INDEX UX_PointEntry_WishMember ON PointEntry (WishId, MemberId) WHERE WishId IS NOT NULL AND Source = 'Wish';

CREATE INDEX IX_ResidentTask_DueAt ON ResidentTask (DueAt, Stage, GridId);

CREATE TRIGGER TR_ResidentTask_RowVersion AFTER UPDATE ON ResidentTask WHEN NEW.RowVersion = OLD.RowVersion
BEGIN
    UPDATE ResidentTask SET RowVersion = OLD.RowVersion + 1 WHERE Id = NEW.Id;
END;

CREATE TRIGGER TR_MicroWish_RowVersion AFTER UPDATE ON MicroWish WHEN NEW.RowVersion = OLD.RowVersion
BEGIN
    UPDATE MicroWish SET RowVersion = OLD.RowVersion + 1 WHERE Id = NEW.Id;
END;
