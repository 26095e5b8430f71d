-- Points per grid, day (yyyyMMdd) and area: the day-grain twin of PointSummary (0011). A period of days that is not
-- made of whole months (3 March to 20 April) reads its whole months from PointSummary and the days around them from
-- here, so no officials' view sums the ledger. Every ledger write updates both in the same transaction
-- (Baihe.Data/Summaries/PointLedger); this script fills the new one from the ledger once.

-- The day of an entry as yyyyMMdd, computed by the engine, so the rebuild (Baihe.Data/Summaries/PointSummaryRebuild)
-- is one text on both engines. Not persisted: nothing is stored and adding it does not rewrite the ledger.
ALTER TABLE [dbo].[PointEntry] ADD [OccurredDay] AS (YEAR([OccurredOn]) * 10000 + MONTH([OccurredOn]) * 100 + DAY([OccurredOn]));
GO

CREATE TABLE [dbo].[PointDaySummary] (
    [GridId]     INT NOT NULL,
    [Day]        INT NOT NULL,
    [CategoryId] INT NOT NULL,
    [Issued]     INT NOT NULL,
    [Deducted]   INT NOT NULL,
    [Entries]    INT NOT NULL,
    CONSTRAINT [PK_PointDaySummary] PRIMARY KEY CLUSTERED ([GridId], [Day], [CategoryId]),
    CONSTRAINT [FK_PointDaySummary_Grid] FOREIGN KEY ([GridId]) REFERENCES [dbo].[Grid] ([Id]),
    CONSTRAINT [FK_PointDaySummary_PointCategory] FOREIGN KEY ([CategoryId]) REFERENCES [dbo].[PointCategory] ([Id]),
    CONSTRAINT [CK_PointDaySummary_Day] CHECK ([Day] BETWEEN 19000101 AND 99991231),
    CONSTRAINT [CK_PointDaySummary_Issued] CHECK ([Issued] >= 0),
    CONSTRAINT [CK_PointDaySummary_Deducted] CHECK ([Deducted] <= 0),
    CONSTRAINT [CK_PointDaySummary_Entries] CHECK ([Entries] >= 0)
);
GO

INSERT INTO [dbo].[PointDaySummary] ([GridId], [Day], [CategoryId], [Issued], [Deducted], [Entries])
SELECT m.[GridId], pe.[OccurredDay], pe.[CategoryId],
       SUM(CASE WHEN pe.[Points] > 0 THEN pe.[Points] ELSE 0 END),
       SUM(CASE WHEN pe.[Points] < 0 THEN pe.[Points] ELSE 0 END),
       COUNT(*)
FROM [dbo].[PointEntry] pe
JOIN [dbo].[Member] m ON m.[Id] = pe.[MemberId]
GROUP BY m.[GridId], pe.[OccurredDay], pe.[CategoryId];
GO
