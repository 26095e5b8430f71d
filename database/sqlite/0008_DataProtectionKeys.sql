-- The SQLite twin of database/sqlserver/0008_DataProtectionKeys.sql: data-protection keys kept with the data, so
-- servers sharing a database read each other's cookies.

CREATE TABLE DataProtectionKey (
    Id           INTEGER NOT NULL CONSTRAINT PK_DataProtectionKey PRIMARY KEY AUTOINCREMENT,
    FriendlyName TEXT    NULL,
    Xml          TEXT    NOT NULL,
    CreatedAt    TEXT    NOT NULL
);
