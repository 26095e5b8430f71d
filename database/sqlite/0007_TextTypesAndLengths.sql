-- The SQLite twin of database/sqlserver/0007_TextTypesAndLengths.sql.
--
-- 1. Lengths. SQLite ignores the n of NVARCHAR(n), so the demo accepted a 30-character name that SQL Server refuses.
--    SQLite cannot add a constraint to an existing table, so each table gets a BEFORE INSERT and a BEFORE UPDATE OF
--    trigger (TR_<Table>_Lengths_Insert/Update) that refuses a value longer than its SQL Server column. BEFORE triggers
--    run before the row's other constraints, so the refusal names the real cause. length() counts characters, as
--    NVARCHAR(n) does (a supplementary character is one here and two UTF-16 units there: the demo is a little looser
--    for rare characters, never stricter). SchemaParityTests inserts an over-long value into every column it finds in
--    the SQL Server scripts, so a new column without its trigger fails the build.
--
-- 2. VARCHAR to NVARCHAR and the pinned collation are SQL Server only: SQLite has one TEXT type and compares text by
--    code point (see the README on why names sort by code point in the embedded demo).
--
-- 3. IX_PointEntry_ReversesEntryId duplicates UX_PointEntry_Reverses, as on SQL Server. IX_PointEntry_Ledger stays
--    here: SQLite has no INCLUDE, so IX_PointEntry_OccurredOn's key is (OccurredOn, CategoryId, Points, MemberId) and
--    does not hold the ledger's (OccurredOn, Id) order; on SQL Server it does, and there the ledger index was dropped.

DROP INDEX IX_PointEntry_ReversesEntryId;

CREATE TRIGGER TR_SubDistrict_Lengths_Insert BEFORE INSERT ON SubDistrict
WHEN length(NEW.Name) > 50
    OR length(NEW.District) > 50
    OR length(NEW.City) > 50
BEGIN
    SELECT RAISE(ABORT, 'SubDistrict: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_SubDistrict_Lengths_Update BEFORE UPDATE OF Name, District, City ON SubDistrict
WHEN length(NEW.Name) > 50
    OR length(NEW.District) > 50
    OR length(NEW.City) > 50
BEGIN
    SELECT RAISE(ABORT, 'SubDistrict: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Community_Lengths_Insert BEFORE INSERT ON Community
WHEN length(NEW.Name) > 50
    OR length(NEW.Description) > 500
BEGIN
    SELECT RAISE(ABORT, 'Community: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Community_Lengths_Update BEFORE UPDATE OF Name, Description ON Community
WHEN length(NEW.Name) > 50
    OR length(NEW.Description) > 500
BEGIN
    SELECT RAISE(ABORT, 'Community: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_CommunityHonour_Lengths_Insert BEFORE INSERT ON CommunityHonour
WHEN length(NEW.Title) > 100
BEGIN
    SELECT RAISE(ABORT, 'CommunityHonour: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_CommunityHonour_Lengths_Update BEFORE UPDATE OF Title ON CommunityHonour
WHEN length(NEW.Title) > 100
BEGIN
    SELECT RAISE(ABORT, 'CommunityHonour: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Grid_Lengths_Insert BEFORE INSERT ON Grid
WHEN length(NEW.Name) > 50
BEGIN
    SELECT RAISE(ABORT, 'Grid: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Grid_Lengths_Update BEFORE UPDATE OF Name ON Grid
WHEN length(NEW.Name) > 50
BEGIN
    SELECT RAISE(ABORT, 'Grid: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_PartnerUnit_Lengths_Insert BEFORE INSERT ON PartnerUnit
WHEN length(NEW.Name) > 100
BEGIN
    SELECT RAISE(ABORT, 'PartnerUnit: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_PartnerUnit_Lengths_Update BEFORE UPDATE OF Name ON PartnerUnit
WHEN length(NEW.Name) > 100
BEGIN
    SELECT RAISE(ABORT, 'PartnerUnit: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Brand_Lengths_Insert BEFORE INSERT ON Brand
WHEN length(NEW.Name) > 50
    OR length(NEW.Description) > 500
BEGIN
    SELECT RAISE(ABORT, 'Brand: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Brand_Lengths_Update BEFORE UPDATE OF Name, Description ON Brand
WHEN length(NEW.Name) > 50
    OR length(NEW.Description) > 500
BEGIN
    SELECT RAISE(ABORT, 'Brand: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Team_Lengths_Insert BEFORE INSERT ON Team
WHEN length(NEW.Name) > 50
    OR length(NEW.Kind) > 20
    OR length(NEW.Description) > 500
BEGIN
    SELECT RAISE(ABORT, 'Team: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Team_Lengths_Update BEFORE UPDATE OF Name, Kind, Description ON Team
WHEN length(NEW.Name) > 50
    OR length(NEW.Kind) > 20
    OR length(NEW.Description) > 500
BEGIN
    SELECT RAISE(ABORT, 'Team: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Member_Lengths_Insert BEFORE INSERT ON Member
WHEN length(NEW.Name) > 20
    OR length(NEW.Phone) > 11
    OR length(NEW.Skill) > 50
BEGIN
    SELECT RAISE(ABORT, 'Member: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Member_Lengths_Update BEFORE UPDATE OF Name, Phone, Skill ON Member
WHEN length(NEW.Name) > 20
    OR length(NEW.Phone) > 11
    OR length(NEW.Skill) > 50
BEGIN
    SELECT RAISE(ABORT, 'Member: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Membership_Lengths_Insert BEFORE INSERT ON Membership
WHEN length(NEW.Role) > 10
    OR length(NEW.LeaveReason) > 200
BEGIN
    SELECT RAISE(ABORT, 'Membership: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Membership_Lengths_Update BEFORE UPDATE OF Role, LeaveReason ON Membership
WHEN length(NEW.Role) > 10
    OR length(NEW.LeaveReason) > 200
BEGIN
    SELECT RAISE(ABORT, 'Membership: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_AppUser_Lengths_Insert BEFORE INSERT ON AppUser
WHEN length(NEW.UserName) > 50
    OR length(NEW.DisplayName) > 20
    OR length(NEW.PasswordHash) > 200
    OR length(NEW.Role) > 20
    OR length(NEW.SecurityStamp) > 40
BEGIN
    SELECT RAISE(ABORT, 'AppUser: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_AppUser_Lengths_Update BEFORE UPDATE OF UserName, DisplayName, PasswordHash, Role, SecurityStamp ON AppUser
WHEN length(NEW.UserName) > 50
    OR length(NEW.DisplayName) > 20
    OR length(NEW.PasswordHash) > 200
    OR length(NEW.Role) > 20
    OR length(NEW.SecurityStamp) > 40
BEGIN
    SELECT RAISE(ABORT, 'AppUser: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_AuditLog_Lengths_Insert BEFORE INSERT ON AuditLog
WHEN length(NEW.UserName) > 50
    OR length(NEW.Action) > 50
    OR length(NEW.EntityType) > 50
    OR length(NEW.EntityId) > 50
BEGIN
    SELECT RAISE(ABORT, 'AuditLog: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_AuditLog_Lengths_Update BEFORE UPDATE OF UserName, Action, EntityType, EntityId ON AuditLog
WHEN length(NEW.UserName) > 50
    OR length(NEW.Action) > 50
    OR length(NEW.EntityType) > 50
    OR length(NEW.EntityId) > 50
BEGIN
    SELECT RAISE(ABORT, 'AuditLog: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_ChangeVersion_Lengths_Insert BEFORE INSERT ON ChangeVersion
WHEN length(NEW.Area) > 20
BEGIN
    SELECT RAISE(ABORT, 'ChangeVersion: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_ChangeVersion_Lengths_Update BEFORE UPDATE OF Area ON ChangeVersion
WHEN length(NEW.Area) > 20
BEGIN
    SELECT RAISE(ABORT, 'ChangeVersion: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_PointCategory_Lengths_Insert BEFORE INSERT ON PointCategory
WHEN length(NEW.Code) > 30
    OR length(NEW.Name) > 10
BEGIN
    SELECT RAISE(ABORT, 'PointCategory: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_PointCategory_Lengths_Update BEFORE UPDATE OF Code, Name ON PointCategory
WHEN length(NEW.Code) > 30
    OR length(NEW.Name) > 10
BEGIN
    SELECT RAISE(ABORT, 'PointCategory: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_PointRule_Lengths_Insert BEFORE INSERT ON PointRule
WHEN length(NEW.Code) > 30
    OR length(NEW.Name) > 50
BEGIN
    SELECT RAISE(ABORT, 'PointRule: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_PointRule_Lengths_Update BEFORE UPDATE OF Code, Name ON PointRule
WHEN length(NEW.Code) > 30
    OR length(NEW.Name) > 50
BEGIN
    SELECT RAISE(ABORT, 'PointRule: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Activity_Lengths_Insert BEFORE INSERT ON Activity
WHEN length(NEW.Title) > 100
    OR length(NEW.Place) > 100
    OR length(NEW.Status) > 10
BEGIN
    SELECT RAISE(ABORT, 'Activity: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Activity_Lengths_Update BEFORE UPDATE OF Title, Place, Status ON Activity
WHEN length(NEW.Title) > 100
    OR length(NEW.Place) > 100
    OR length(NEW.Status) > 10
BEGIN
    SELECT RAISE(ABORT, 'Activity: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Reward_Lengths_Insert BEFORE INSERT ON Reward
WHEN length(NEW.Name) > 50
    OR length(NEW.Description) > 200
BEGIN
    SELECT RAISE(ABORT, 'Reward: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Reward_Lengths_Update BEFORE UPDATE OF Name, Description ON Reward
WHEN length(NEW.Name) > 50
    OR length(NEW.Description) > 200
BEGIN
    SELECT RAISE(ABORT, 'Reward: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Redemption_Lengths_Insert BEFORE INSERT ON Redemption
WHEN length(NEW.IdempotencyKey) > 64
    OR length(NEW.Status) > 10
BEGIN
    SELECT RAISE(ABORT, 'Redemption: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Redemption_Lengths_Update BEFORE UPDATE OF IdempotencyKey, Status ON Redemption
WHEN length(NEW.IdempotencyKey) > 64
    OR length(NEW.Status) > 10
BEGIN
    SELECT RAISE(ABORT, 'Redemption: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Deliberation_Lengths_Insert BEFORE INSERT ON Deliberation
WHEN length(NEW.Topic) > 100
    OR length(NEW.NeedsRaised) > 1000
    OR length(NEW.Decisions) > 1000
BEGIN
    SELECT RAISE(ABORT, 'Deliberation: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Deliberation_Lengths_Update BEFORE UPDATE OF Topic, NeedsRaised, Decisions ON Deliberation
WHEN length(NEW.Topic) > 100
    OR length(NEW.NeedsRaised) > 1000
    OR length(NEW.Decisions) > 1000
BEGIN
    SELECT RAISE(ABORT, 'Deliberation: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_ResidentTask_Lengths_Insert BEFORE INSERT ON ResidentTask
WHEN length(NEW.Title) > 100
    OR length(NEW.Description) > 1000
    OR length(NEW.Category) > 20
    OR length(NEW.Source) > 20
    OR length(NEW.Urgency) > 10
    OR length(NEW.Stage) > 20
    OR length(NEW.Resolution) > 1000
    OR length(NEW.Satisfaction) > 20
    OR length(NEW.PhotoPath) > 200
BEGIN
    SELECT RAISE(ABORT, 'ResidentTask: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_ResidentTask_Lengths_Update BEFORE UPDATE OF Title, Description, Category, Source, Urgency, Stage, Resolution, Satisfaction, PhotoPath ON ResidentTask
WHEN length(NEW.Title) > 100
    OR length(NEW.Description) > 1000
    OR length(NEW.Category) > 20
    OR length(NEW.Source) > 20
    OR length(NEW.Urgency) > 10
    OR length(NEW.Stage) > 20
    OR length(NEW.Resolution) > 1000
    OR length(NEW.Satisfaction) > 20
    OR length(NEW.PhotoPath) > 200
BEGIN
    SELECT RAISE(ABORT, 'ResidentTask: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_TaskStageHistory_Lengths_Insert BEFORE INSERT ON TaskStageHistory
WHEN length(NEW.FromStage) > 20
    OR length(NEW.ToStage) > 20
    OR length(NEW.Note) > 500
BEGIN
    SELECT RAISE(ABORT, 'TaskStageHistory: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_TaskStageHistory_Lengths_Update BEFORE UPDATE OF FromStage, ToStage, Note ON TaskStageHistory
WHEN length(NEW.FromStage) > 20
    OR length(NEW.ToStage) > 20
    OR length(NEW.Note) > 500
BEGIN
    SELECT RAISE(ABORT, 'TaskStageHistory: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_MicroWish_Lengths_Insert BEFORE INSERT ON MicroWish
WHEN length(NEW.WisherName) > 20
    OR length(NEW.WisherKind) > 10
    OR length(NEW.Content) > 200
    OR length(NEW.Status) > 10
    OR length(NEW.ClaimantKind) > 10
    OR length(NEW.FulfilmentNote) > 500
    OR length(NEW.PhotoPath) > 200
BEGIN
    SELECT RAISE(ABORT, 'MicroWish: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_MicroWish_Lengths_Update BEFORE UPDATE OF WisherName, WisherKind, Content, Status, ClaimantKind, FulfilmentNote, PhotoPath ON MicroWish
WHEN length(NEW.WisherName) > 20
    OR length(NEW.WisherKind) > 10
    OR length(NEW.Content) > 200
    OR length(NEW.Status) > 10
    OR length(NEW.ClaimantKind) > 10
    OR length(NEW.FulfilmentNote) > 500
    OR length(NEW.PhotoPath) > 200
BEGIN
    SELECT RAISE(ABORT, 'MicroWish: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_WishStatusHistory_Lengths_Insert BEFORE INSERT ON WishStatusHistory
WHEN length(NEW.FromStatus) > 10
    OR length(NEW.ToStatus) > 10
    OR length(NEW.Note) > 500
BEGIN
    SELECT RAISE(ABORT, 'WishStatusHistory: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_WishStatusHistory_Lengths_Update BEFORE UPDATE OF FromStatus, ToStatus, Note ON WishStatusHistory
WHEN length(NEW.FromStatus) > 10
    OR length(NEW.ToStatus) > 10
    OR length(NEW.Note) > 500
BEGIN
    SELECT RAISE(ABORT, 'WishStatusHistory: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_PointEntry_Lengths_Insert BEFORE INSERT ON PointEntry
WHEN length(NEW.Source) > 20
    OR length(NEW.Note) > 200
BEGIN
    SELECT RAISE(ABORT, 'PointEntry: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_PointEntry_Lengths_Update BEFORE UPDATE OF Source, Note ON PointEntry
WHEN length(NEW.Source) > 20
    OR length(NEW.Note) > 200
BEGIN
    SELECT RAISE(ABORT, 'PointEntry: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Evaluation_Lengths_Insert BEFORE INSERT ON Evaluation
WHEN length(NEW.Status) > 12
BEGIN
    SELECT RAISE(ABORT, 'Evaluation: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Evaluation_Lengths_Update BEFORE UPDATE OF Status ON Evaluation
WHEN length(NEW.Status) > 12
BEGIN
    SELECT RAISE(ABORT, 'Evaluation: 文字超过长度上限 (text longer than its column allows)');
END;
