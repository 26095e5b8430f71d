-- The SQLite twin of database/sqlserver/0020_TaskResultsAndCallbacks.sql (read its comment for what the existing rows
-- become and why). SQLite cannot alter a CHECK constraint, so Satisfaction is moved to a new column carrying the wider
-- check: the length triggers that name it are dropped first (DROP COLUMN refuses a column a trigger reads), then
-- recreated with Result added.

DROP TRIGGER TR_ResidentTask_Lengths_Insert;

DROP TRIGGER TR_ResidentTask_Lengths_Update;

ALTER TABLE ResidentTask ADD COLUMN Result TEXT NULL CONSTRAINT CK_ResidentTask_Result CHECK (Result IS NULL OR Result IN ('Resolved', 'Partial', 'Unresolved'));

ALTER TABLE ResidentTask ADD COLUMN SatisfactionScale TEXT NULL CONSTRAINT CK_ResidentTask_Satisfaction CHECK (SatisfactionScale IS NULL OR SatisfactionScale IN ('Satisfied', 'Basic', 'Dissatisfied', 'Unrated'));

UPDATE ResidentTask SET SatisfactionScale = Satisfaction WHERE Satisfaction IS NOT NULL;

ALTER TABLE ResidentTask DROP COLUMN Satisfaction;

ALTER TABLE ResidentTask RENAME COLUMN SatisfactionScale TO Satisfaction;

UPDATE ResidentTask SET Result = 'Resolved' WHERE Stage = 'Closed';

UPDATE ResidentTask SET
    Result = CASE WHEN (SELECT h.Note FROM TaskStageHistory h
                        WHERE h.TaskId = ResidentTask.Id AND h.FromStage = 'Resolved' AND h.ToStage = 'Assigned'
                        ORDER BY h.ChangedAt DESC, h.Id DESC LIMIT 1) LIKE '重新分办：问题未解决%' THEN 'Unresolved' ELSE 'Resolved' END,
    Satisfaction = CASE WHEN (SELECT h.Note FROM TaskStageHistory h
                              WHERE h.TaskId = ResidentTask.Id AND h.FromStage = 'Resolved' AND h.ToStage = 'Assigned'
                              ORDER BY h.ChangedAt DESC, h.Id DESC LIMIT 1) LIKE '重新分办：居民不满意%' THEN 'Dissatisfied' ELSE Satisfaction END
WHERE Stage = 'Assigned'
  AND ((SELECT h.Note FROM TaskStageHistory h
        WHERE h.TaskId = ResidentTask.Id AND h.FromStage = 'Resolved' AND h.ToStage = 'Assigned'
        ORDER BY h.ChangedAt DESC, h.Id DESC LIMIT 1) LIKE '重新分办：问题未解决%'
    OR (SELECT h.Note FROM TaskStageHistory h
        WHERE h.TaskId = ResidentTask.Id AND h.FromStage = 'Resolved' AND h.ToStage = 'Assigned'
        ORDER BY h.ChangedAt DESC, h.Id DESC LIMIT 1) LIKE '重新分办：居民不满意%');

CREATE TRIGGER TR_ResidentTask_Lengths_Insert BEFORE INSERT ON ResidentTask
WHEN length(NEW.Title) > 100
    OR length(NEW.Description) > 1000
    OR length(NEW.Category) > 20
    OR length(NEW.Source) > 20
    OR length(NEW.Urgency) > 10
    OR length(NEW.Stage) > 20
    OR length(NEW.Resolution) > 1000
    OR length(NEW.Satisfaction) > 20
    OR length(NEW.Result) > 20
    OR length(NEW.PhotoPath) > 200
BEGIN
    SELECT RAISE(ABORT, 'ResidentTask: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_ResidentTask_Lengths_Update BEFORE UPDATE OF Title, Description, Category, Source, Urgency, Stage, Resolution, Satisfaction, Result, PhotoPath ON ResidentTask
WHEN length(NEW.Title) > 100
    OR length(NEW.Description) > 1000
    OR length(NEW.Category) > 20
    OR length(NEW.Source) > 20
    OR length(NEW.Urgency) > 10
    OR length(NEW.Stage) > 20
    OR length(NEW.Resolution) > 1000
    OR length(NEW.Satisfaction) > 20
    OR length(NEW.Result) > 20
    OR length(NEW.PhotoPath) > 200
BEGIN
    SELECT RAISE(ABORT, 'ResidentTask: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TABLE CallbackDraw (
    Id            INTEGER NOT NULL CONSTRAINT PK_CallbackDraw PRIMARY KEY AUTOINCREMENT,
    CommunityId   INTEGER NOT NULL CONSTRAINT FK_CallbackDraw_Community REFERENCES Community (Id),
    Month         INTEGER NOT NULL CONSTRAINT CK_CallbackDraw_Month CHECK (Month BETWEEN 200001 AND 999912),
    Seed          INTEGER NOT NULL,
    SamplePercent INTEGER NOT NULL CONSTRAINT CK_CallbackDraw_SamplePercent CHECK (SamplePercent BETWEEN 1 AND 100),
    Population    INTEGER NOT NULL,
    SampleSize    INTEGER NOT NULL,
    DrawnAt       TEXT    NOT NULL,
    DrawnByUserId INTEGER NULL CONSTRAINT FK_CallbackDraw_AppUser REFERENCES AppUser (Id),
    CONSTRAINT UQ_CallbackDraw_CommunityMonth UNIQUE (CommunityId, Month),
    CONSTRAINT CK_CallbackDraw_SampleSize CHECK (SampleSize >= 1 AND SampleSize <= Population)
);

CREATE TABLE CallbackSample (
    Id               INTEGER NOT NULL CONSTRAINT PK_CallbackSample PRIMARY KEY AUTOINCREMENT,
    DrawId           INTEGER NOT NULL CONSTRAINT FK_CallbackSample_CallbackDraw REFERENCES CallbackDraw (Id),
    TaskId           INTEGER NOT NULL CONSTRAINT FK_CallbackSample_ResidentTask REFERENCES ResidentTask (Id),
    Rating           TEXT    NULL CONSTRAINT CK_CallbackSample_Rating CHECK (Rating IS NULL OR Rating IN ('Satisfied', 'Basic', 'Dissatisfied', 'Unrated')),
    Note             TEXT    NULL,
    RecordedAt       TEXT    NULL,
    RecordedByUserId INTEGER NULL CONSTRAINT FK_CallbackSample_AppUser REFERENCES AppUser (Id),
    CONSTRAINT UQ_CallbackSample_DrawTask UNIQUE (DrawId, TaskId),
    CONSTRAINT CK_CallbackSample_Recorded CHECK ((Rating IS NULL AND RecordedAt IS NULL) OR (Rating IS NOT NULL AND RecordedAt IS NOT NULL))
);

-- SQL Server's NVARCHAR(20) and NVARCHAR(200), enforced here as 0007 does for every length-limited column.
CREATE TRIGGER TR_CallbackSample_Lengths_Insert BEFORE INSERT ON CallbackSample
WHEN length(NEW.Rating) > 20
    OR length(NEW.Note) > 200
BEGIN
    SELECT RAISE(ABORT, 'CallbackSample: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_CallbackSample_Lengths_Update BEFORE UPDATE OF Rating, Note ON CallbackSample
WHEN length(NEW.Rating) > 20
    OR length(NEW.Note) > 200
BEGIN
    SELECT RAISE(ABORT, 'CallbackSample: 文字超过长度上限 (text longer than its column allows)');
END;
