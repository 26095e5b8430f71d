-- Points per grid, month (yyyyMM) and area, kept beside the append-only ledger so the officials' district and
-- community views sum a few hundred summary rows instead of up to a million ledger rows. Every ledger write updates
-- it in the same transaction (Baihe.Data/Summaries/PointLedger); this script fills it from the ledger once.
-- A member's grid never changes (no command moves a resident), so the grid at the time of the entry is the grid now.
-- Issued is the sum of the positive entries (points given out), Deducted the sum of the negative ones (redemptions,
-- corrections; zero or below), Entries the number of ledger rows.

CREATE TABLE [dbo].[PointSummary] (
    [GridId]     INT NOT NULL,
    [Month]      INT NOT NULL,
    [CategoryId] INT NOT NULL,
    [Issued]     INT NOT NULL,
    [Deducted]   INT NOT NULL,
    [Entries]    INT NOT NULL,
    CONSTRAINT [PK_PointSummary] PRIMARY KEY CLUSTERED ([GridId], [Month], [CategoryId]),
    CONSTRAINT [FK_PointSummary_Grid] FOREIGN KEY ([GridId]) REFERENCES [dbo].[Grid] ([Id]),
    CONSTRAINT [FK_PointSummary_PointCategory] FOREIGN KEY ([CategoryId]) REFERENCES [dbo].[PointCategory] ([Id]),
    CONSTRAINT [CK_PointSummary_Month] CHECK ([Month] BETWEEN 190001 AND 999912),
    CONSTRAINT [CK_PointSummary_Issued] CHECK ([Issued] >= 0),
    CONSTRAINT [CK_PointSummary_Deducted] CHECK ([Deducted] <= 0),
    CONSTRAINT [CK_PointSummary_Entries] CHECK ([Entries] >= 0)
);
GO

INSERT INTO [dbo].[PointSummary] ([GridId], [Month], [CategoryId], [Issued], [Deducted], [Entries])
SELECT m.[GridId],
       YEAR(pe.[OccurredOn]) * 100 + MONTH(pe.[OccurredOn]),
       pe.[CategoryId],
       SUM(CASE WHEN pe.[Points] > 0 THEN pe.[Points] ELSE 0 END),
       SUM(CASE WHEN pe.[Points] < 0 THEN pe.[Points] ELSE 0 END),
       COUNT(*)
FROM [dbo].[PointEntry] pe
JOIN [dbo].[Member] m ON m.[Id] = pe.[MemberId]
GROUP BY m.[GridId], YEAR(pe.[OccurredOn]) * 100 + MONTH(pe.[OccurredOn]), pe.[CategoryId];
GO
