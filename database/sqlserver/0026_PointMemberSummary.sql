-- Points per person, month (yyyyMM) and area, kept beside the ledger like PointSummary (0011) so a ranking of whole
-- months (the month's and the half-year's 一年两评选 ranking, the monthly report's 积分排行) and the month's redeemed
-- total sum a few rows per person instead of every entry. Every ledger write updates it in the same transaction
-- (Baihe.Data/Summaries/PointLedger); this script fills it from the ledger once.
-- Earned is the sum of every entry but redemptions (corrections included, so it can be below zero), as the rankings
-- count; Redeemed the sum of the redemption entries. The SQL Server twin of database/sqlite/0026_PointMemberSummary.sql.

CREATE TABLE [dbo].[PointMemberSummary] (
    [MemberId]   INT NOT NULL,
    [Month]      INT NOT NULL,
    [CategoryId] INT NOT NULL,
    [Earned]     INT NOT NULL,
    [Redeemed]   INT NOT NULL,
    CONSTRAINT [PK_PointMemberSummary] PRIMARY KEY CLUSTERED ([MemberId], [Month], [CategoryId]),
    CONSTRAINT [FK_PointMemberSummary_Member] FOREIGN KEY ([MemberId]) REFERENCES [dbo].[Member] ([Id]),
    CONSTRAINT [FK_PointMemberSummary_PointCategory] FOREIGN KEY ([CategoryId]) REFERENCES [dbo].[PointCategory] ([Id]),
    CONSTRAINT [CK_PointMemberSummary_Month] CHECK ([Month] BETWEEN 190001 AND 999912)
);
GO

INSERT INTO [dbo].[PointMemberSummary] ([MemberId], [Month], [CategoryId], [Earned], [Redeemed])
SELECT pe.[MemberId], pe.[OccurredDay] / 100, pe.[CategoryId],
       SUM(CASE WHEN pe.[Source] <> 'Redemption' THEN pe.[Points] ELSE 0 END),
       SUM(CASE WHEN pe.[Source] = 'Redemption' THEN pe.[Points] ELSE 0 END)
FROM [dbo].[PointEntry] pe
GROUP BY pe.[MemberId], pe.[OccurredDay] / 100, pe.[CategoryId];
GO
