-- Points per person, month (yyyyMM) and area, kept beside the ledger like PointSummary (0011) so a ranking of whole
-- months (the month's and the half-year's 一年两评选 ranking, the monthly report's 积分排行) and the month's redeemed
-- total sum a few rows per person instead of every entry. Every ledger write updates it in the same transaction
-- (Baihe.Data/Summaries/PointLedger); this script fills it from the ledger once.
-- Earned is the sum of every entry but redemptions (corrections included, so it can be below zero), as the rankings
-- count; Redeemed the sum of the redemption entries. The SQLite twin of database/sqlserver/0026_PointMemberSummary.sql.

-- WITHOUT ROWID: a person's months are one range of the primary key, as in SQL Server's clustered key.
CREATE TABLE PointMemberSummary (
    MemberId   INTEGER NOT NULL CONSTRAINT FK_PointMemberSummary_Member REFERENCES Member (Id),
    Month      INTEGER NOT NULL CONSTRAINT CK_PointMemberSummary_Month CHECK (Month BETWEEN 190001 AND 999912),
    CategoryId INTEGER NOT NULL CONSTRAINT FK_PointMemberSummary_PointCategory REFERENCES PointCategory (Id),
    Earned     INTEGER NOT NULL,
    Redeemed   INTEGER NOT NULL,
    CONSTRAINT PK_PointMemberSummary PRIMARY KEY (MemberId, Month, CategoryId)
) WITHOUT ROWID;

INSERT INTO PointMemberSummary (MemberId, Month, CategoryId, Earned, Redeemed)
SELECT pe.MemberId, pe.OccurredDay / 100, pe.CategoryId,
       SUM(CASE WHEN pe.Source <> 'Redemption' THEN pe.Points ELSE 0 END),
       SUM(CASE WHEN pe.Source = 'Redemption' THEN pe.Points ELSE 0 END)
FROM PointEntry pe
GROUP BY pe.MemberId, pe.OccurredDay / 100, pe.CategoryId;
