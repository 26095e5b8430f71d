-- The SQLite twin of database/sqlserver/0023_AuditLogAreaIndexes.sql. The viewer's two prefix filters (every refusal;
-- one area with its refusals) read a range of IX_AuditLog_Action, which spans many action codes, so the newest rows of
-- the range had to be sorted out of 90–180 thousand rows at 1M log rows (200–400 ms). Two generated columns say the
-- same thing as one value each, and an index per column keeps its rows in time order, so a page is an ordered seek.
-- VIRTUAL, because ALTER TABLE cannot add a STORED column; the indexes hold the values, and no row is rewritten (the
-- log refuses UPDATE anyway).

-- 1 for a refusal ("Denied:Roster.AddMember"), else 0.
ALTER TABLE AuditLog ADD COLUMN Refused INTEGER GENERATED ALWAYS AS (CASE WHEN substr(Action, 1, 7) = 'Denied:' THEN 1 ELSE 0 END) VIRTUAL;

-- The part of the code before its dot, after any "Denied:" ("Roster" for both "Roster.AddMember" and
-- "Denied:Roster.AddMember"); the whole code when it has no dot. "Denied:" has no dot, so the first dot is the area's.
ALTER TABLE AuditLog ADD COLUMN Area TEXT GENERATED ALWAYS AS (
    CASE WHEN instr(Action, '.') > 0
         THEN substr(Action, CASE WHEN substr(Action, 1, 7) = 'Denied:' THEN 8 ELSE 1 END,
                     instr(Action, '.') - CASE WHEN substr(Action, 1, 7) = 'Denied:' THEN 8 ELSE 1 END)
         ELSE substr(Action, CASE WHEN substr(Action, 1, 7) = 'Denied:' THEN 8 ELSE 1 END)
    END) VIRTUAL;

CREATE INDEX IX_AuditLog_Refused ON AuditLog (Refused, OccurredAt);

CREATE INDEX IX_AuditLog_Area ON AuditLog (Area, OccurredAt);
