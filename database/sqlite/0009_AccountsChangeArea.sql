-- The SQLite twin of database/sqlserver/0009_AccountsChangeArea.sql. SQLite cannot alter a CHECK constraint, so the
-- small ChangeVersion table is rebuilt with the new area allowed, and its length triggers (from 0007) recreated.

CREATE TABLE ChangeVersion_New (
    Area      TEXT    NOT NULL PRIMARY KEY CONSTRAINT CK_ChangeVersion_Area CHECK (Area IN ('Roster', 'Points', 'Tasks', 'Wishes', 'Accounts')),
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

INSERT INTO ChangeVersion (Area, Version, ChangedAt) VALUES ('Accounts', 0, strftime('%Y-%m-%d %H:%M:%f', 'now'));
