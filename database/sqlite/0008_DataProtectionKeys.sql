-- The SQLite twin of database/sqlserver/0008_DataProtectionKeys.sql: data-protection keys kept with the data, so
-- servers sharing a database read each other's cookies.

CREATE TABLE DataProtectionKey (
    Id           INTEGER NOT NULL CONSTRAINT PK_DataProtectionKey PRIMARY KEY AUTOINCREMENT,
    FriendlyName TEXT    NULL,
    Xml          TEXT    NOT NULL,
    CreatedAt    TEXT    NOT NULL
);

-- SQL Server's NVARCHAR(100) on FriendlyName, enforced here as 0007 does for every length-limited column.
CREATE TRIGGER TR_DataProtectionKey_Lengths_Insert BEFORE INSERT ON DataProtectionKey
WHEN length(NEW.FriendlyName) > 100
BEGIN
    SELECT RAISE(ABORT, 'DataProtectionKey: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_DataProtectionKey_Lengths_Update BEFORE UPDATE OF FriendlyName ON DataProtectionKey
WHEN length(NEW.FriendlyName) > 100
BEGIN
    SELECT RAISE(ABORT, 'DataProtectionKey: 文字超过长度上限 (text longer than its column allows)');
END;
