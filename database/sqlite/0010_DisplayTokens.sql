-- The SQLite twin of database/sqlserver/0010_DisplayTokens.sql: display tokens for the big screen, and the 'Screens'
-- change-feed area. SQLite cannot alter a CHECK constraint, so ChangeVersion is rebuilt as in 0009.

CREATE TABLE DisplayToken (
    Id            INTEGER NOT NULL CONSTRAINT PK_DisplayToken PRIMARY KEY AUTOINCREMENT,
    SubDistrictId INTEGER NOT NULL CONSTRAINT FK_DisplayToken_SubDistrict REFERENCES SubDistrict (Id),
    Name          TEXT    NOT NULL,
    TokenHash     TEXT    NOT NULL CONSTRAINT UQ_DisplayToken_TokenHash UNIQUE CONSTRAINT CK_DisplayToken_TokenHash CHECK (length(TokenHash) = 64),
    CreatedBy     INTEGER NOT NULL CONSTRAINT FK_DisplayToken_CreatedBy REFERENCES AppUser (Id),
    CreatedAt     TEXT    NOT NULL,
    RevokedAt     TEXT    NULL,
    RevokedBy     INTEGER NULL CONSTRAINT FK_DisplayToken_RevokedBy REFERENCES AppUser (Id),
    LastSeenAt    TEXT    NULL,
    CONSTRAINT CK_DisplayToken_Revoked CHECK ((RevokedAt IS NULL AND RevokedBy IS NULL) OR RevokedAt IS NOT NULL)
);

-- SQL Server's NVARCHAR(40) and NVARCHAR(64), enforced here as 0007 does for every length-limited column.
CREATE TRIGGER TR_DisplayToken_Lengths_Insert BEFORE INSERT ON DisplayToken
WHEN length(NEW.Name) > 40
    OR length(NEW.TokenHash) > 64
BEGIN
    SELECT RAISE(ABORT, 'DisplayToken: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_DisplayToken_Lengths_Update BEFORE UPDATE OF Name, TokenHash ON DisplayToken
WHEN length(NEW.Name) > 40
    OR length(NEW.TokenHash) > 64
BEGIN
    SELECT RAISE(ABORT, 'DisplayToken: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TABLE ChangeVersion_New (
    Area      TEXT    NOT NULL PRIMARY KEY CONSTRAINT CK_ChangeVersion_Area CHECK (Area IN ('Roster', 'Points', 'Tasks', 'Wishes', 'Accounts', 'Screens')),
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

INSERT INTO ChangeVersion (Area, Version, ChangedAt) VALUES ('Screens', 0, strftime('%Y-%m-%d %H:%M:%f', 'now'));
