-- Indexes for the monthly Excel report, so its rankings and ledger sheet stay fast as the ledger grows.
-- The rankings and the redeemed total filter on Source, which IX_PointEntry_MemberId did not hold, so every entry of
-- the period was a key lookup; the wider index covers them.
DROP INDEX [IX_PointEntry_MemberId] ON [dbo].[PointEntry];
GO

CREATE INDEX [IX_PointEntry_MemberId] ON [dbo].[PointEntry] ([MemberId], [OccurredOn]) INCLUDE ([CategoryId], [Points], [Source]);
GO

-- The ledger sheet lists a month in (OccurredOn, Id) order.
CREATE INDEX [IX_PointEntry_Ledger] ON [dbo].[PointEntry] ([OccurredOn], [Id]);
GO
