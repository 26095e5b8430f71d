-- Indexes for the monthly Excel report, so its rankings and ledger sheet stay fast as the ledger grows.
-- The SQLite twin of database/sqlserver/0005_ExportIndexes.sql.
-- The rankings and the redeemed total filter on Source, which IX_PointEntry_MemberId did not hold, so every entry of
-- the period was a table lookup; the wider index covers them.
DROP INDEX IX_PointEntry_MemberId;

CREATE INDEX IX_PointEntry_MemberId ON PointEntry (MemberId, OccurredOn, CategoryId, Points, Source);

-- The ledger sheet lists a month in (OccurredOn, Id) order; this index holds that order (the row id is its last key),
-- so the month is read in order instead of sorted.
CREATE INDEX IX_PointEntry_Ledger ON PointEntry (OccurredOn, Id);
