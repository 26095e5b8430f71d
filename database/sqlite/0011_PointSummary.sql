-- Points per grid, month (yyyyMM) and area, kept beside the append-only ledger so the officials' district and
-- community views sum a few hundred summary rows instead of up to a million ledger rows. Every ledger write updates
-- it in the same transaction (Baihe.Data/Summaries/PointLedger); this script fills it from the ledger once.
-- A member's grid never changes (no command moves a resident), so the grid at the time of the entry is the grid now.
-- Issued is the sum of the positive entries (points given out), Deducted the sum of the negative ones (redemptions,
-- corrections; zero or below), Entries the number of ledger rows.

CREATE TABLE PointSummary (
    GridId     INTEGER NOT NULL CONSTRAINT FK_PointSummary_Grid REFERENCES Grid (Id),
    Month      INTEGER NOT NULL CONSTRAINT CK_PointSummary_Month CHECK (Month BETWEEN 190001 AND 999912),
    CategoryId INTEGER NOT NULL CONSTRAINT FK_PointSummary_PointCategory REFERENCES PointCategory (Id),
    Issued     INTEGER NOT NULL CONSTRAINT CK_PointSummary_Issued CHECK (Issued >= 0),
    Deducted   INTEGER NOT NULL CONSTRAINT CK_PointSummary_Deducted CHECK (Deducted <= 0),
    Entries    INTEGER NOT NULL CONSTRAINT CK_PointSummary_Entries CHECK (Entries >= 0),
    CONSTRAINT PK_PointSummary PRIMARY KEY (GridId, Month, CategoryId)
);

INSERT INTO PointSummary (GridId, Month, CategoryId, Issued, Deducted, Entries)
SELECT m.GridId,
       CAST(substr(pe.OccurredOn, 1, 4) || substr(pe.OccurredOn, 6, 2) AS INTEGER),
       pe.CategoryId,
       SUM(CASE WHEN pe.Points > 0 THEN pe.Points ELSE 0 END),
       SUM(CASE WHEN pe.Points < 0 THEN pe.Points ELSE 0 END),
       COUNT(*)
FROM PointEntry pe
JOIN Member m ON m.Id = pe.MemberId
GROUP BY m.GridId, CAST(substr(pe.OccurredOn, 1, 4) || substr(pe.OccurredOn, 6, 2) AS INTEGER), pe.CategoryId;
