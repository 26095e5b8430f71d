-- Points per grid, day (yyyyMMdd) and area: the day-grain twin of PointSummary (0011). A period of days that is not
-- made of whole months (3 March to 20 April) reads its whole months from PointSummary and the days around them from
-- here, so no officials' view sums the ledger. Every ledger write updates both in the same transaction
-- (Baihe.Data/Summaries/PointLedger); this script fills the new one from the ledger once.
-- The SQLite twin of database/sqlserver/0014_PointDaySummary.sql.

-- The day of an entry as yyyyMMdd, computed by the engine, so the rebuild (Baihe.Data/Summaries/PointSummaryRebuild)
-- is one text on both engines. VIRTUAL: nothing is stored and adding it does not rewrite the ledger.
ALTER TABLE PointEntry ADD COLUMN OccurredDay INTEGER GENERATED ALWAYS AS
    (CAST(substr(OccurredOn, 1, 4) || substr(OccurredOn, 6, 2) || substr(OccurredOn, 9, 2) AS INTEGER)) VIRTUAL;

-- WITHOUT ROWID: the rows live in the primary key's order, as in SQL Server's clustered key, so reading a grid's days
-- is one range of the key with no lookup per row.
CREATE TABLE PointDaySummary (
    GridId     INTEGER NOT NULL CONSTRAINT FK_PointDaySummary_Grid REFERENCES Grid (Id),
    Day        INTEGER NOT NULL CONSTRAINT CK_PointDaySummary_Day CHECK (Day BETWEEN 19000101 AND 99991231),
    CategoryId INTEGER NOT NULL CONSTRAINT FK_PointDaySummary_PointCategory REFERENCES PointCategory (Id),
    Issued     INTEGER NOT NULL CONSTRAINT CK_PointDaySummary_Issued CHECK (Issued >= 0),
    Deducted   INTEGER NOT NULL CONSTRAINT CK_PointDaySummary_Deducted CHECK (Deducted <= 0),
    Entries    INTEGER NOT NULL CONSTRAINT CK_PointDaySummary_Entries CHECK (Entries >= 0),
    CONSTRAINT PK_PointDaySummary PRIMARY KEY (GridId, Day, CategoryId)
) WITHOUT ROWID;

INSERT INTO PointDaySummary (GridId, Day, CategoryId, Issued, Deducted, Entries)
SELECT m.GridId, pe.OccurredDay, pe.CategoryId,
       SUM(CASE WHEN pe.Points > 0 THEN pe.Points ELSE 0 END),
       SUM(CASE WHEN pe.Points < 0 THEN pe.Points ELSE 0 END),
       COUNT(*)
FROM PointEntry pe
JOIN Member m ON m.Id = pe.MemberId
GROUP BY m.GridId, pe.OccurredDay, pe.CategoryId;
