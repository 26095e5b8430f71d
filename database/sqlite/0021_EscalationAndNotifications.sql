-- The SQLite twin of database/sqlserver/0021_EscalationAndNotifications.sql: 催办/督办 rows (once per task, stage
-- entry and kind), notifications and their preferences, and the Notifications change-feed area (SQLite cannot alter a
-- CHECK constraint, so ChangeVersion is rebuilt as in 0009 and 0010).

CREATE TABLE TaskEscalation (
    Id           INTEGER NOT NULL CONSTRAINT PK_TaskEscalation PRIMARY KEY AUTOINCREMENT,
    TaskId       INTEGER NOT NULL CONSTRAINT FK_TaskEscalation_ResidentTask REFERENCES ResidentTask (Id),
    StageEntryId INTEGER NOT NULL CONSTRAINT FK_TaskEscalation_TaskStageHistory REFERENCES TaskStageHistory (Id),
    Stage        TEXT    NOT NULL CONSTRAINT CK_TaskEscalation_Stage CHECK (Stage IN ('Identified', 'Assigned')),
    Kind         TEXT    NOT NULL CONSTRAINT CK_TaskEscalation_Kind CHECK (Kind IN ('Remind', 'Supervise')),
    DueAt        TEXT    NOT NULL,
    EscalatedAt  TEXT    NOT NULL
);

CREATE UNIQUE INDEX UX_TaskEscalation_Entry ON TaskEscalation (TaskId, StageEntryId, Kind);

CREATE INDEX IX_TaskEscalation_Kind ON TaskEscalation (Kind, EscalatedAt, TaskId, StageEntryId);

CREATE TRIGGER TR_TaskEscalation_Lengths_Insert BEFORE INSERT ON TaskEscalation
WHEN length(NEW.Stage) > 20
    OR length(NEW.Kind) > 20
BEGIN
    SELECT RAISE(ABORT, 'TaskEscalation: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_TaskEscalation_Lengths_Update BEFORE UPDATE OF Stage, Kind ON TaskEscalation
WHEN length(NEW.Stage) > 20
    OR length(NEW.Kind) > 20
BEGIN
    SELECT RAISE(ABORT, 'TaskEscalation: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TABLE Notification (
    Id        INTEGER NOT NULL CONSTRAINT PK_Notification PRIMARY KEY AUTOINCREMENT,
    UserId    INTEGER NOT NULL CONSTRAINT FK_Notification_AppUser REFERENCES AppUser (Id),
    Kind      TEXT    NOT NULL CONSTRAINT CK_Notification_Kind CHECK (Kind IN ('TaskAssigned', 'WishClaimed', 'TaskRemind', 'TaskSupervise', 'ReportReady', 'EvaluationPublicised')),
    Title     TEXT    NOT NULL,
    Body      TEXT    NOT NULL,
    Link      TEXT    NOT NULL,
    CreatedAt TEXT    NOT NULL,
    ReadAt    TEXT    NULL
);

CREATE INDEX IX_Notification_UserId ON Notification (UserId, Id, ReadAt);

CREATE INDEX IX_Notification_Unread ON Notification (UserId) WHERE ReadAt IS NULL;

-- SQL Server's NVARCHAR(30), (100), (300) and (200), enforced here as 0007 does for every length-limited column.
CREATE TRIGGER TR_Notification_Lengths_Insert BEFORE INSERT ON Notification
WHEN length(NEW.Kind) > 30
    OR length(NEW.Title) > 100
    OR length(NEW.Body) > 300
    OR length(NEW.Link) > 200
BEGIN
    SELECT RAISE(ABORT, 'Notification: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Notification_Lengths_Update BEFORE UPDATE OF Kind, Title, Body, Link ON Notification
WHEN length(NEW.Kind) > 30
    OR length(NEW.Title) > 100
    OR length(NEW.Body) > 300
    OR length(NEW.Link) > 200
BEGIN
    SELECT RAISE(ABORT, 'Notification: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TABLE NotificationPreference (
    UserId  INTEGER NOT NULL CONSTRAINT FK_NotificationPreference_AppUser REFERENCES AppUser (Id),
    Kind    TEXT    NOT NULL CONSTRAINT CK_NotificationPreference_Kind CHECK (Kind IN ('TaskAssigned', 'WishClaimed', 'TaskRemind', 'TaskSupervise', 'ReportReady', 'EvaluationPublicised')),
    Enabled INTEGER NOT NULL CONSTRAINT CK_NotificationPreference_Enabled CHECK (Enabled IN (0, 1)),
    CONSTRAINT PK_NotificationPreference PRIMARY KEY (UserId, Kind)
);

CREATE TRIGGER TR_NotificationPreference_Lengths_Insert BEFORE INSERT ON NotificationPreference
WHEN length(NEW.Kind) > 30
BEGIN
    SELECT RAISE(ABORT, 'NotificationPreference: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_NotificationPreference_Lengths_Update BEFORE UPDATE OF Kind ON NotificationPreference
WHEN length(NEW.Kind) > 30
BEGIN
    SELECT RAISE(ABORT, 'NotificationPreference: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TABLE ChangeVersion_New (
    Area      TEXT    NOT NULL PRIMARY KEY CONSTRAINT CK_ChangeVersion_Area CHECK (Area IN ('Roster', 'Points', 'Tasks', 'Wishes', 'Accounts', 'Screens', 'Notifications')),
    Version   INTEGER NOT NULL,
    ChangedAt TEXT    NOT NULL
);

INSERT INTO ChangeVersion_New (Area, Version, ChangedAt) SELECT Area, Version, ChangedAt FROM ChangeVersion;

DROP TABLE ChangeVersion;

ALTER TABLE ChangeVersion_New RENAME TO ChangeVersion;

CREATE TRIGGER TR_ChangeVersion_Lengths_Insert BEFORE INSERT ON ChangeVersion
WHEN length(NEW.Area) > 20
BEGIN
    SELECT RAISE(ABORT, 'ChangeVersion: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_ChangeVersion_Lengths_Update BEFORE UPDATE OF Area ON ChangeVersion
WHEN length(NEW.Area) > 20
BEGIN
    SELECT RAISE(ABORT, 'ChangeVersion: 文字超过长度上限 (text longer than its column allows)');
END;

INSERT INTO ChangeVersion (Area, Version, ChangedAt) VALUES ('Notifications', 0, strftime('%Y-%m-%d %H:%M:%f', 'now'));
