-- Points: lookups for balances, redemptions and evaluations, and a correction may reverse an entry only once.

CREATE INDEX [IX_Redemption_MemberId] ON [dbo].[Redemption] ([MemberId], [RequestedAt]);
GO

CREATE INDEX [IX_PointEntry_ReversesEntryId] ON [dbo].[PointEntry] ([ReversesEntryId]) WHERE [ReversesEntryId] IS NOT NULL;
GO

-- A correction reverses one entry once.
CREATE UNIQUE INDEX [UX_PointEntry_Reverses] ON [dbo].[PointEntry] ([ReversesEntryId]) WHERE [ReversesEntryId] IS NOT NULL;
GO

CREATE INDEX [IX_Evaluation_Community] ON [dbo].[Evaluation] ([CommunityId], [Year], [Half]);
GO
