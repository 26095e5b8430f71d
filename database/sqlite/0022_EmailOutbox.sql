-- The SQLite twin of database/sqlserver/0022_EmailOutbox.sql: AppUser's email address and switch, and the outbox the
-- sender delivers from. The AppUser length triggers are recreated with the new text column (as 0019 did), so SQLite
-- refuses what SQL Server's NVARCHAR (254) refuses.

ALTER TABLE AppUser ADD COLUMN Email TEXT NULL CONSTRAINT CK_AppUser_Email CHECK (Email IS NULL OR Email LIKE '_%@_%');
ALTER TABLE AppUser ADD COLUMN EmailNotifications INTEGER NOT NULL DEFAULT 1 CONSTRAINT CK_AppUser_EmailNotifications CHECK (EmailNotifications IN (0, 1));

DROP TRIGGER TR_AppUser_Lengths_Insert;
DROP TRIGGER TR_AppUser_Lengths_Update;

CREATE TRIGGER TR_AppUser_Lengths_Insert BEFORE INSERT ON AppUser
WHEN length(NEW.UserName) > 50
    OR length(NEW.DisplayName) > 20
    OR length(NEW.PasswordHash) > 200
    OR length(NEW.Role) > 20
    OR length(NEW.SecurityStamp) > 40
    OR length(NEW.LastSignInIp) > 45
    OR length(NEW.Email) > 254
BEGIN
    SELECT RAISE(ABORT, 'AppUser: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_AppUser_Lengths_Update BEFORE UPDATE OF UserName, DisplayName, PasswordHash, Role, SecurityStamp, LastSignInIp, Email ON AppUser
WHEN length(NEW.UserName) > 50
    OR length(NEW.DisplayName) > 20
    OR length(NEW.PasswordHash) > 200
    OR length(NEW.Role) > 20
    OR length(NEW.SecurityStamp) > 40
    OR length(NEW.LastSignInIp) > 45
    OR length(NEW.Email) > 254
BEGIN
    SELECT RAISE(ABORT, 'AppUser: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TABLE EmailOutbox (
    Id            INTEGER NOT NULL CONSTRAINT PK_EmailOutbox PRIMARY KEY AUTOINCREMENT,
    UserId        INTEGER NOT NULL CONSTRAINT FK_EmailOutbox_UserId REFERENCES AppUser (Id),
    ToAddress     TEXT    NOT NULL,
    Subject       TEXT    NOT NULL,
    Body          TEXT    NOT NULL,
    CreatedAt     TEXT    NOT NULL,
    Attempts      INTEGER NOT NULL DEFAULT 0 CONSTRAINT CK_EmailOutbox_Attempts CHECK (Attempts >= 0),
    NextAttemptAt TEXT    NOT NULL,
    SentAt        TEXT    NULL,
    ClaimedBy     TEXT    NULL,
    ClaimedUntil  TEXT    NULL,
    LastError     TEXT    NULL
);

CREATE INDEX IX_EmailOutbox_Due ON EmailOutbox (NextAttemptAt, Id, ClaimedUntil) WHERE SentAt IS NULL;

-- SQL Server's NVARCHAR(254), (200), (4000), (100) and (500), enforced here as 0007 does for every length-limited column.
CREATE TRIGGER TR_EmailOutbox_Lengths_Insert BEFORE INSERT ON EmailOutbox
WHEN length(NEW.ToAddress) > 254
    OR length(NEW.Subject) > 200
    OR length(NEW.Body) > 4000
    OR length(NEW.ClaimedBy) > 100
    OR length(NEW.LastError) > 500
BEGIN
    SELECT RAISE(ABORT, 'EmailOutbox: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_EmailOutbox_Lengths_Update BEFORE UPDATE OF ToAddress, Subject, Body, ClaimedBy, LastError ON EmailOutbox
WHEN length(NEW.ToAddress) > 254
    OR length(NEW.Subject) > 200
    OR length(NEW.Body) > 4000
    OR length(NEW.ClaimedBy) > 100
    OR length(NEW.LastError) > 500
BEGIN
    SELECT RAISE(ABORT, 'EmailOutbox: 文字超过长度上限 (text longer than its column allows)');
END;
