-- The SQLite twin of database/sqlserver/0017_ReportArchive.sql: the report archive (bytes in the database, Content
-- last so that reading the small columns skips the BLOB's overflow pages) and the monthly schedule's lease and runs.

CREATE TABLE ReportArchive (
    Id                INTEGER NOT NULL CONSTRAINT PK_ReportArchive PRIMARY KEY AUTOINCREMENT,
    CommunityId       INTEGER NULL CONSTRAINT FK_ReportArchive_Community REFERENCES Community (Id),
    SubDistrictId     INTEGER NOT NULL CONSTRAINT FK_ReportArchive_SubDistrict REFERENCES SubDistrict (Id),
    Month             TEXT    NOT NULL CONSTRAINT CK_ReportArchive_Month CHECK (length(Month) = 7),
    Version           INTEGER NOT NULL CONSTRAINT CK_ReportArchive_Version CHECK (Version >= 1),
    IsScheduled       INTEGER NOT NULL CONSTRAINT CK_ReportArchive_IsScheduled CHECK (IsScheduled IN (0, 1)),
    GeneratedBy       TEXT    NOT NULL,
    GeneratedByUserId INTEGER NULL CONSTRAINT FK_ReportArchive_GeneratedByUserId REFERENCES AppUser (Id),
    GeneratedAt       TEXT    NOT NULL,
    FileName          TEXT    NOT NULL,
    Sha256            TEXT    NOT NULL CONSTRAINT CK_ReportArchive_Sha256 CHECK (length(Sha256) = 64),
    SizeBytes         INTEGER NOT NULL CONSTRAINT CK_ReportArchive_SizeBytes CHECK (SizeBytes > 0),
    DetailRows        INTEGER NOT NULL CONSTRAINT CK_ReportArchive_DetailRows CHECK (DetailRows >= 0),
    Content           BLOB    NOT NULL,
    CONSTRAINT CK_ReportArchive_Scheduled CHECK (IsScheduled = 0 OR GeneratedByUserId IS NULL)
);

CREATE UNIQUE INDEX UX_ReportArchive_CommunityVersion ON ReportArchive (CommunityId, Month, Version) WHERE CommunityId IS NOT NULL;

CREATE UNIQUE INDEX UX_ReportArchive_SubDistrictVersion ON ReportArchive (SubDistrictId, Month, Version) WHERE CommunityId IS NULL;

CREATE UNIQUE INDEX UX_ReportArchive_ScheduledCommunity ON ReportArchive (CommunityId, Month) WHERE IsScheduled = 1 AND CommunityId IS NOT NULL;

CREATE UNIQUE INDEX UX_ReportArchive_ScheduledSubDistrict ON ReportArchive (SubDistrictId, Month) WHERE IsScheduled = 1 AND CommunityId IS NULL;

CREATE INDEX IX_ReportArchive_SubDistrictId_Month ON ReportArchive (SubDistrictId, Month, CommunityId, Version);

-- SQL Server's NVARCHAR(7), (40), (100) and (64), enforced here as 0007 does for every length-limited column.
CREATE TRIGGER TR_ReportArchive_Lengths_Insert BEFORE INSERT ON ReportArchive
WHEN length(NEW.Month) > 7
    OR length(NEW.GeneratedBy) > 40
    OR length(NEW.FileName) > 100
    OR length(NEW.Sha256) > 64
BEGIN
    SELECT RAISE(ABORT, 'ReportArchive: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_ReportArchive_Lengths_Update BEFORE UPDATE OF Month, GeneratedBy, FileName, Sha256 ON ReportArchive
WHEN length(NEW.Month) > 7
    OR length(NEW.GeneratedBy) > 40
    OR length(NEW.FileName) > 100
    OR length(NEW.Sha256) > 64
BEGIN
    SELECT RAISE(ABORT, 'ReportArchive: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TABLE ReportScheduleLease (
    Name       TEXT NOT NULL CONSTRAINT PK_ReportScheduleLease PRIMARY KEY,
    Holder     TEXT NULL,
    LeaseUntil TEXT NOT NULL
);

CREATE TRIGGER TR_ReportScheduleLease_Lengths_Insert BEFORE INSERT ON ReportScheduleLease
WHEN length(NEW.Name) > 40
    OR length(NEW.Holder) > 100
BEGIN
    SELECT RAISE(ABORT, 'ReportScheduleLease: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_ReportScheduleLease_Lengths_Update BEFORE UPDATE OF Name, Holder ON ReportScheduleLease
WHEN length(NEW.Name) > 40
    OR length(NEW.Holder) > 100
BEGIN
    SELECT RAISE(ABORT, 'ReportScheduleLease: 文字超过长度上限 (text longer than its column allows)');
END;

INSERT INTO ReportScheduleLease (Name, Holder, LeaseUntil) VALUES ('MonthlyReports', NULL, '2000-01-01 00:00:00');

CREATE TABLE ReportScheduleRun (
    Month       TEXT    NOT NULL CONSTRAINT PK_ReportScheduleRun PRIMARY KEY CONSTRAINT CK_ReportScheduleRun_Month CHECK (length(Month) = 7),
    Holder      TEXT    NOT NULL,
    StartedAt   TEXT    NOT NULL,
    CompletedAt TEXT    NULL,
    Reports     INTEGER NOT NULL CONSTRAINT CK_ReportScheduleRun_Reports CHECK (Reports >= 0)
);

CREATE TRIGGER TR_ReportScheduleRun_Lengths_Insert BEFORE INSERT ON ReportScheduleRun
WHEN length(NEW.Month) > 7
    OR length(NEW.Holder) > 100
BEGIN
    SELECT RAISE(ABORT, 'ReportScheduleRun: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_ReportScheduleRun_Lengths_Update BEFORE UPDATE OF Month, Holder ON ReportScheduleRun
WHEN length(NEW.Month) > 7
    OR length(NEW.Holder) > 100
BEGIN
    SELECT RAISE(ABORT, 'ReportScheduleRun: 文字超过长度上限 (text longer than its column allows)');
END;
