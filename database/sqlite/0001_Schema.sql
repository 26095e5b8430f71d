-- Baihe schema v1, the embedded SQLite twin of database/sqlserver/0001_Schema.sql:
-- the same tables and the same columns (Baihe.Tests checks it). Differences are the engine's:
-- dates are ISO-8601 TEXT, BIT is INTEGER 0/1, ROWVERSION is an INTEGER the app bumps on every update,
-- and the month keys are generated columns.

-- Places ------------------------------------------------------------------------------------------

CREATE TABLE SubDistrict (
    Id       INTEGER NOT NULL PRIMARY KEY,
    Name     TEXT    NOT NULL,
    District TEXT    NOT NULL,
    City     TEXT    NOT NULL,
    CONSTRAINT UQ_SubDistrict_Name UNIQUE (City, District, Name)
);

CREATE TABLE Community (
    Id            INTEGER NOT NULL PRIMARY KEY,
    SubDistrictId INTEGER NOT NULL CONSTRAINT FK_Community_SubDistrict REFERENCES SubDistrict (Id),
    Name          TEXT    NOT NULL,
    Description   TEXT    NULL,
    CONSTRAINT UQ_Community_Name UNIQUE (SubDistrictId, Name)
);

CREATE TABLE CommunityHonour (
    Id          INTEGER NOT NULL PRIMARY KEY,
    CommunityId INTEGER NOT NULL CONSTRAINT FK_CommunityHonour_Community REFERENCES Community (Id),
    Title       TEXT    NOT NULL,
    SortOrder   INTEGER NOT NULL,
    CONSTRAINT UQ_CommunityHonour_Title UNIQUE (CommunityId, Title)
);

CREATE TABLE Grid (
    Id          INTEGER NOT NULL PRIMARY KEY,
    CommunityId INTEGER NOT NULL CONSTRAINT FK_Grid_Community REFERENCES Community (Id),
    Name        TEXT    NOT NULL,
    SortOrder   INTEGER NOT NULL,
    CONSTRAINT UQ_Grid_Name UNIQUE (CommunityId, Name)
);

CREATE TABLE PartnerUnit (
    Id          INTEGER NOT NULL PRIMARY KEY,
    CommunityId INTEGER NOT NULL CONSTRAINT FK_PartnerUnit_Community REFERENCES Community (Id),
    Name        TEXT    NOT NULL,
    CONSTRAINT UQ_PartnerUnit_Name UNIQUE (CommunityId, Name)
);

-- Brand matrix and teams --------------------------------------------------------------------------

CREATE TABLE Brand (
    Id            INTEGER NOT NULL PRIMARY KEY,
    ParentBrandId INTEGER NULL CONSTRAINT FK_Brand_ParentBrand REFERENCES Brand (Id),
    Name          TEXT    NOT NULL CONSTRAINT UQ_Brand_Name UNIQUE,
    Description   TEXT    NULL,
    SortOrder     INTEGER NOT NULL,
    CONSTRAINT CK_Brand_NotOwnParent CHECK (ParentBrandId IS NULL OR ParentBrandId <> Id)
);

CREATE TABLE Team (
    Id          INTEGER NOT NULL PRIMARY KEY,
    CommunityId INTEGER NOT NULL CONSTRAINT FK_Team_Community REFERENCES Community (Id),
    BrandId     INTEGER NOT NULL CONSTRAINT FK_Team_Brand REFERENCES Brand (Id),
    Name        TEXT    NOT NULL,
    Kind        TEXT    NOT NULL CONSTRAINT CK_Team_Kind CHECK (Kind IN ('VolunteerService', 'InterestGroup')),
    Description TEXT    NULL,
    IsSample    INTEGER NOT NULL DEFAULT 0 CHECK (IsSample IN (0, 1)),
    SortOrder   INTEGER NOT NULL,
    RowVersion  INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT UQ_Team_Name UNIQUE (CommunityId, Name)
);

CREATE INDEX IX_Team_BrandId ON Team (BrandId);

-- Residents and rosters ---------------------------------------------------------------------------

CREATE TABLE Member (
    Id              INTEGER NOT NULL PRIMARY KEY,
    GridId          INTEGER NOT NULL CONSTRAINT FK_Member_Grid REFERENCES Grid (Id),
    Name            TEXT    NOT NULL CONSTRAINT CK_Member_Name CHECK (length(Name) BETWEEN 1 AND 20),
    Phone           TEXT    NULL CONSTRAINT CK_Member_Phone CHECK (Phone IS NULL OR (length(Phone) = 11 AND Phone NOT GLOB '*[^0-9]*' AND Phone GLOB '1*')),
    IsPartyMember   INTEGER NOT NULL DEFAULT 0 CHECK (IsPartyMember IN (0, 1)),
    IsRetiredSoe    INTEGER NOT NULL DEFAULT 0 CHECK (IsRetiredSoe IN (0, 1)),
    IsNeighbourLead INTEGER NOT NULL DEFAULT 0 CHECK (IsNeighbourLead IN (0, 1)),
    Skill           TEXT    NULL,
    IsSample        INTEGER NOT NULL DEFAULT 0 CHECK (IsSample IN (0, 1)),
    CreatedAt       TEXT    NOT NULL,
    RowVersion      INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX IX_Member_GridId ON Member (GridId, IsNeighbourLead);
CREATE INDEX IX_Member_Phone ON Member (Phone) WHERE Phone IS NOT NULL;

CREATE TABLE Membership (
    Id          INTEGER NOT NULL PRIMARY KEY,
    TeamId      INTEGER NOT NULL CONSTRAINT FK_Membership_Team REFERENCES Team (Id),
    MemberId    INTEGER NOT NULL CONSTRAINT FK_Membership_Member REFERENCES Member (Id),
    Role        TEXT    NOT NULL CONSTRAINT CK_Membership_Role CHECK (Role IN ('Lead', 'Deputy', 'Member')),
    JoinedOn    TEXT    NOT NULL,
    LeftOn      TEXT    NULL,
    LeaveReason TEXT    NULL,
    RowVersion  INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT CK_Membership_LeftAfterJoined CHECK (LeftOn IS NULL OR LeftOn >= JoinedOn)
);

CREATE UNIQUE INDEX UX_Membership_Active ON Membership (TeamId, MemberId) WHERE LeftOn IS NULL;
CREATE UNIQUE INDEX UX_Membership_ActiveLead ON Membership (TeamId) WHERE LeftOn IS NULL AND Role = 'Lead';
CREATE INDEX IX_Membership_MemberId ON Membership (MemberId, TeamId, LeftOn);

-- Users, audit and change feed --------------------------------------------------------------------

CREATE TABLE AppUser (
    Id            INTEGER NOT NULL PRIMARY KEY,
    UserName      TEXT    NOT NULL CONSTRAINT UQ_AppUser_UserName UNIQUE,
    DisplayName   TEXT    NOT NULL,
    PasswordHash  TEXT    NOT NULL,
    Role          TEXT    NOT NULL CONSTRAINT CK_AppUser_Role CHECK (Role IN ('Official', 'Secretary', 'Lead', 'Admin')),
    SubDistrictId INTEGER NULL CONSTRAINT FK_AppUser_SubDistrict REFERENCES SubDistrict (Id),
    CommunityId   INTEGER NULL CONSTRAINT FK_AppUser_Community REFERENCES Community (Id),
    TeamId        INTEGER NULL CONSTRAINT FK_AppUser_Team REFERENCES Team (Id),
    IsDisabled    INTEGER NOT NULL DEFAULT 0 CHECK (IsDisabled IN (0, 1)),
    IsDemo        INTEGER NOT NULL DEFAULT 0 CHECK (IsDemo IN (0, 1)),
    FailedSignIns INTEGER NOT NULL DEFAULT 0 CONSTRAINT CK_AppUser_FailedSignIns CHECK (FailedSignIns >= 0),
    LockedUntil   TEXT    NULL,
    SecurityStamp TEXT    NOT NULL,
    CreatedAt     TEXT    NOT NULL,
    RowVersion    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE AuditLog (
    Id         INTEGER NOT NULL PRIMARY KEY,
    OccurredAt TEXT    NOT NULL,
    UserId     INTEGER NULL CONSTRAINT FK_AuditLog_AppUser REFERENCES AppUser (Id),
    UserName   TEXT    NOT NULL,
    Action     TEXT    NOT NULL,
    EntityType TEXT    NOT NULL,
    EntityId   TEXT    NULL,
    BeforeJson TEXT    NULL,
    AfterJson  TEXT    NULL
);

CREATE INDEX IX_AuditLog_OccurredAt ON AuditLog (OccurredAt);

CREATE TABLE ChangeVersion (
    Area      TEXT    NOT NULL PRIMARY KEY CONSTRAINT CK_ChangeVersion_Area CHECK (Area IN ('Roster', 'Points', 'Tasks', 'Wishes')),
    Version   INTEGER NOT NULL,
    ChangedAt TEXT    NOT NULL
);

-- Points ------------------------------------------------------------------------------------------

CREATE TABLE PointCategory (
    Id        INTEGER NOT NULL PRIMARY KEY,
    Code      TEXT    NOT NULL CONSTRAINT UQ_PointCategory_Code UNIQUE,
    Name      TEXT    NOT NULL CONSTRAINT UQ_PointCategory_Name UNIQUE,
    SortOrder INTEGER NOT NULL
);

CREATE TABLE PointRule (
    Id       INTEGER NOT NULL PRIMARY KEY,
    Code     TEXT    NOT NULL CONSTRAINT UQ_PointRule_Code UNIQUE,
    Name     TEXT    NOT NULL,
    Points   INTEGER NOT NULL CONSTRAINT CK_PointRule_Points CHECK (Points > 0),
    IsActive INTEGER NOT NULL DEFAULT 1 CHECK (IsActive IN (0, 1))
);

CREATE TABLE Activity (
    Id                INTEGER NOT NULL PRIMARY KEY,
    TeamId            INTEGER NOT NULL CONSTRAINT FK_Activity_Team REFERENCES Team (Id),
    CategoryId        INTEGER NOT NULL CONSTRAINT FK_Activity_PointCategory REFERENCES PointCategory (Id),
    Title             TEXT    NOT NULL,
    Place             TEXT    NOT NULL,
    HeldOn            TEXT    NOT NULL,
    PointsPerAttendee INTEGER NOT NULL CONSTRAINT CK_Activity_Points CHECK (PointsPerAttendee > 0),
    Status            TEXT    NOT NULL CONSTRAINT CK_Activity_Status CHECK (Status IN ('Open', 'Closed')),
    ClosedAt          TEXT    NULL,
    ClosedByUserId    INTEGER NULL CONSTRAINT FK_Activity_AppUser REFERENCES AppUser (Id),
    RowVersion        INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT CK_Activity_ClosedAt CHECK ((Status = 'Open' AND ClosedAt IS NULL) OR (Status = 'Closed' AND ClosedAt IS NOT NULL))
);

CREATE INDEX IX_Activity_HeldOn ON Activity (HeldOn, TeamId);

CREATE TABLE Attendance (
    ActivityId INTEGER NOT NULL CONSTRAINT FK_Attendance_Activity REFERENCES Activity (Id),
    MemberId   INTEGER NOT NULL CONSTRAINT FK_Attendance_Member REFERENCES Member (Id),
    IsWalkIn   INTEGER NOT NULL DEFAULT 0 CHECK (IsWalkIn IN (0, 1)),
    CONSTRAINT PK_Attendance PRIMARY KEY (ActivityId, MemberId)
);

CREATE TABLE Reward (
    Id          INTEGER NOT NULL PRIMARY KEY,
    CommunityId INTEGER NOT NULL CONSTRAINT FK_Reward_Community REFERENCES Community (Id),
    Name        TEXT    NOT NULL,
    PointCost   INTEGER NOT NULL CONSTRAINT CK_Reward_PointCost CHECK (PointCost > 0),
    IsActive    INTEGER NOT NULL DEFAULT 1 CHECK (IsActive IN (0, 1)),
    Description TEXT    NULL,
    RowVersion  INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT UQ_Reward_Name UNIQUE (CommunityId, Name)
);

CREATE TABLE Redemption (
    Id               INTEGER NOT NULL PRIMARY KEY,
    MemberId         INTEGER NOT NULL CONSTRAINT FK_Redemption_Member REFERENCES Member (Id),
    RewardId         INTEGER NOT NULL CONSTRAINT FK_Redemption_Reward REFERENCES Reward (Id),
    Points           INTEGER NOT NULL CONSTRAINT CK_Redemption_Points CHECK (Points > 0),
    IdempotencyKey   TEXT    NOT NULL CONSTRAINT UQ_Redemption_IdempotencyKey UNIQUE,
    Status           TEXT    NOT NULL CONSTRAINT CK_Redemption_Status CHECK (Status IN ('Pending', 'Fulfilled')),
    RequestedAt      TEXT    NOT NULL,
    FulfilledAt      TEXT    NULL,
    RecordedByUserId INTEGER NULL CONSTRAINT FK_Redemption_AppUser REFERENCES AppUser (Id)
);

-- Tasks, wishes and deliberation ------------------------------------------------------------------

CREATE TABLE Deliberation (
    Id          INTEGER NOT NULL PRIMARY KEY,
    CommunityId INTEGER NOT NULL CONSTRAINT FK_Deliberation_Community REFERENCES Community (Id),
    HeldOn      TEXT    NOT NULL,
    Topic       TEXT    NOT NULL,
    NeedsRaised TEXT    NOT NULL,
    Decisions   TEXT    NULL
);

CREATE TABLE DeliberationAttendee (
    DeliberationId INTEGER NOT NULL CONSTRAINT FK_DeliberationAttendee_Deliberation REFERENCES Deliberation (Id),
    MemberId       INTEGER NOT NULL CONSTRAINT FK_DeliberationAttendee_Member REFERENCES Member (Id),
    CONSTRAINT PK_DeliberationAttendee PRIMARY KEY (DeliberationId, MemberId)
);

CREATE TABLE ResidentTask (
    Id              INTEGER NOT NULL PRIMARY KEY,
    GridId          INTEGER NOT NULL CONSTRAINT FK_ResidentTask_Grid REFERENCES Grid (Id),
    ResidentId      INTEGER NULL CONSTRAINT FK_ResidentTask_Member REFERENCES Member (Id),
    Title           TEXT    NOT NULL,
    Description     TEXT    NOT NULL,
    Category        TEXT    NOT NULL,
    Source          TEXT    NOT NULL CONSTRAINT CK_ResidentTask_Source CHECK (Source IN ('GridVisit', 'Snapshot', 'Deliberation', 'Hotline', 'WalkIn')),
    Urgency         TEXT    NULL CONSTRAINT CK_ResidentTask_Urgency CHECK (Urgency IS NULL OR Urgency IN ('Urgent', 'High', 'Normal')),
    Stage           TEXT    NOT NULL CONSTRAINT CK_ResidentTask_Stage CHECK (Stage IN ('Collected', 'Identified', 'Assigned', 'Resolved', 'Closed')),
    AssignedTeamId  INTEGER NULL CONSTRAINT FK_ResidentTask_Team REFERENCES Team (Id),
    DeliberationId  INTEGER NULL CONSTRAINT FK_ResidentTask_Deliberation REFERENCES Deliberation (Id),
    CollectedAt     TEXT    NOT NULL,
    DueAt           TEXT    NULL,
    ClosedAt        TEXT    NULL,
    ClosedMonth     INTEGER GENERATED ALWAYS AS (CAST(substr(ClosedAt, 1, 4) || substr(ClosedAt, 6, 2) AS INTEGER)) STORED,
    Resolution      TEXT    NULL,
    Satisfaction    TEXT    NULL CONSTRAINT CK_ResidentTask_Satisfaction CHECK (Satisfaction IS NULL OR Satisfaction IN ('Satisfied', 'Basic', 'Dissatisfied')),
    PhotoPath       TEXT    NULL,
    CreatedByUserId INTEGER NULL CONSTRAINT FK_ResidentTask_AppUser REFERENCES AppUser (Id),
    RowVersion      INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT CK_ResidentTask_Closed CHECK ((Stage = 'Closed' AND ClosedAt IS NOT NULL) OR (Stage <> 'Closed' AND ClosedAt IS NULL))
);

CREATE INDEX IX_ResidentTask_ClosedMonth ON ResidentTask (ClosedMonth, GridId);
CREATE INDEX IX_ResidentTask_CollectedAt ON ResidentTask (CollectedAt, Stage, GridId);
CREATE INDEX IX_ResidentTask_GridId_Stage ON ResidentTask (GridId, Stage);

CREATE TABLE TaskAssignee (
    TaskId   INTEGER NOT NULL CONSTRAINT FK_TaskAssignee_ResidentTask REFERENCES ResidentTask (Id),
    MemberId INTEGER NOT NULL CONSTRAINT FK_TaskAssignee_Member REFERENCES Member (Id),
    CONSTRAINT PK_TaskAssignee PRIMARY KEY (TaskId, MemberId)
);

CREATE TABLE TaskStageHistory (
    Id              INTEGER NOT NULL PRIMARY KEY,
    TaskId          INTEGER NOT NULL CONSTRAINT FK_TaskStageHistory_ResidentTask REFERENCES ResidentTask (Id),
    FromStage       TEXT    NULL CONSTRAINT CK_TaskStageHistory_FromStage CHECK (FromStage IS NULL OR FromStage IN ('Collected', 'Identified', 'Assigned', 'Resolved', 'Closed')),
    ToStage         TEXT    NOT NULL CONSTRAINT CK_TaskStageHistory_ToStage CHECK (ToStage IN ('Collected', 'Identified', 'Assigned', 'Resolved', 'Closed')),
    ChangedAt       TEXT    NOT NULL,
    ChangedByUserId INTEGER NULL CONSTRAINT FK_TaskStageHistory_AppUser REFERENCES AppUser (Id),
    Note            TEXT    NULL
);

CREATE INDEX IX_TaskStageHistory_TaskId ON TaskStageHistory (TaskId, ChangedAt);

CREATE TABLE MicroWish (
    Id                 INTEGER NOT NULL PRIMARY KEY,
    GridId             INTEGER NOT NULL CONSTRAINT FK_MicroWish_Grid REFERENCES Grid (Id),
    WisherName         TEXT    NOT NULL,
    WisherKind         TEXT    NOT NULL CONSTRAINT CK_MicroWish_WisherKind CHECK (WisherKind IN ('Elderly', 'Child', 'Other')),
    WisherMemberId     INTEGER NULL CONSTRAINT FK_MicroWish_WisherMember REFERENCES Member (Id),
    Content            TEXT    NOT NULL,
    EstimatedValue     INTEGER NULL CONSTRAINT CK_MicroWish_EstimatedValue CHECK (EstimatedValue IS NULL OR EstimatedValue >= 0),
    Status             TEXT    NOT NULL CONSTRAINT CK_MicroWish_Status CHECK (Status IN ('Published', 'Claimed', 'Fulfilled', 'Visited')),
    PublishedAt        TEXT    NOT NULL,
    ClaimedAt          TEXT    NULL,
    ClaimantKind       TEXT    NULL CONSTRAINT CK_MicroWish_ClaimantKind CHECK (ClaimantKind IS NULL OR ClaimantKind IN ('Member', 'Team', 'Partner')),
    ClaimedByMemberId  INTEGER NULL CONSTRAINT FK_MicroWish_ClaimedByMember REFERENCES Member (Id),
    ClaimedByTeamId    INTEGER NULL CONSTRAINT FK_MicroWish_ClaimedByTeam REFERENCES Team (Id),
    ClaimedByPartnerId INTEGER NULL CONSTRAINT FK_MicroWish_ClaimedByPartner REFERENCES PartnerUnit (Id),
    FulfilledAt        TEXT    NULL,
    FulfilledMonth     INTEGER GENERATED ALWAYS AS (CAST(substr(FulfilledAt, 1, 4) || substr(FulfilledAt, 6, 2) AS INTEGER)) STORED,
    FulfilmentNote     TEXT    NULL,
    PhotoPath          TEXT    NULL,
    CreatedByUserId    INTEGER NULL CONSTRAINT FK_MicroWish_AppUser REFERENCES AppUser (Id),
    RowVersion         INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT CK_MicroWish_Claimed CHECK ((Status = 'Published' AND ClaimantKind IS NULL AND ClaimedAt IS NULL) OR (Status <> 'Published' AND ClaimantKind IS NOT NULL AND ClaimedAt IS NOT NULL)),
    CONSTRAINT CK_MicroWish_Fulfilled CHECK ((Status IN ('Fulfilled', 'Visited') AND FulfilledAt IS NOT NULL) OR (Status IN ('Published', 'Claimed') AND FulfilledAt IS NULL))
);

CREATE INDEX IX_MicroWish_FulfilledMonth ON MicroWish (FulfilledMonth, GridId);
CREATE INDEX IX_MicroWish_PublishedAt ON MicroWish (PublishedAt, Status, GridId);

CREATE TABLE WishStatusHistory (
    Id              INTEGER NOT NULL PRIMARY KEY,
    WishId          INTEGER NOT NULL CONSTRAINT FK_WishStatusHistory_MicroWish REFERENCES MicroWish (Id),
    FromStatus      TEXT    NULL,
    ToStatus        TEXT    NOT NULL CONSTRAINT CK_WishStatusHistory_ToStatus CHECK (ToStatus IN ('Published', 'Claimed', 'Fulfilled', 'Visited')),
    ChangedAt       TEXT    NOT NULL,
    ChangedByUserId INTEGER NULL CONSTRAINT FK_WishStatusHistory_AppUser REFERENCES AppUser (Id),
    Note            TEXT    NULL
);

CREATE INDEX IX_WishStatusHistory_WishId ON WishStatusHistory (WishId, ChangedAt);

-- The ledger --------------------------------------------------------------------------------------

CREATE TABLE PointEntry (
    Id               INTEGER NOT NULL PRIMARY KEY,
    MemberId         INTEGER NOT NULL CONSTRAINT FK_PointEntry_Member REFERENCES Member (Id),
    CategoryId       INTEGER NOT NULL CONSTRAINT FK_PointEntry_PointCategory REFERENCES PointCategory (Id),
    Points           INTEGER NOT NULL CONSTRAINT CK_PointEntry_Points CHECK (Points <> 0),
    OccurredOn       TEXT    NOT NULL,
    Source           TEXT    NOT NULL CONSTRAINT CK_PointEntry_Source CHECK (Source IN ('Service', 'Activity', 'Task', 'Wish', 'Redemption', 'Correction')),
    RuleId           INTEGER NULL CONSTRAINT FK_PointEntry_PointRule REFERENCES PointRule (Id),
    ActivityId       INTEGER NULL CONSTRAINT FK_PointEntry_Activity REFERENCES Activity (Id),
    TaskId           INTEGER NULL CONSTRAINT FK_PointEntry_ResidentTask REFERENCES ResidentTask (Id),
    WishId           INTEGER NULL CONSTRAINT FK_PointEntry_MicroWish REFERENCES MicroWish (Id),
    RedemptionId     INTEGER NULL CONSTRAINT FK_PointEntry_Redemption REFERENCES Redemption (Id),
    ReversesEntryId  INTEGER NULL CONSTRAINT FK_PointEntry_ReversesEntry REFERENCES PointEntry (Id),
    RecordedByUserId INTEGER NULL CONSTRAINT FK_PointEntry_AppUser REFERENCES AppUser (Id),
    RecordedAt       TEXT    NOT NULL,
    Note             TEXT    NULL
);

CREATE INDEX IX_PointEntry_OccurredOn ON PointEntry (OccurredOn, CategoryId, Points, MemberId);
CREATE INDEX IX_PointEntry_MemberId ON PointEntry (MemberId, OccurredOn, CategoryId, Points);
CREATE UNIQUE INDEX UX_PointEntry_ActivityMember ON PointEntry (ActivityId, MemberId) WHERE ActivityId IS NOT NULL AND Source = 'Activity';

CREATE TRIGGER TR_PointEntry_NoUpdate BEFORE UPDATE ON PointEntry
BEGIN
    SELECT RAISE(ABORT, '积分流水只能追加，不能修改或删除。');
END;

CREATE TRIGGER TR_PointEntry_NoDelete BEFORE DELETE ON PointEntry
BEGIN
    SELECT RAISE(ABORT, '积分流水只能追加，不能修改或删除。');
END;

CREATE TABLE Evaluation (
    Id              INTEGER NOT NULL PRIMARY KEY,
    CommunityId     INTEGER NOT NULL CONSTRAINT FK_Evaluation_Community REFERENCES Community (Id),
    Year            INTEGER NOT NULL,
    Half            INTEGER NOT NULL CONSTRAINT CK_Evaluation_Half CHECK (Half IN (1, 2)),
    CategoryId      INTEGER NULL CONSTRAINT FK_Evaluation_PointCategory REFERENCES PointCategory (Id),
    ShortlistSize   INTEGER NOT NULL CONSTRAINT CK_Evaluation_ShortlistSize CHECK (ShortlistSize > 0),
    Status          TEXT    NOT NULL CONSTRAINT CK_Evaluation_Status CHECK (Status IN ('Draft', 'Publicised', 'Archived')),
    PublicityEndsOn TEXT    NULL,
    ArchivedAt      TEXT    NULL,
    RowVersion      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE EvaluationResult (
    EvaluationId INTEGER NOT NULL CONSTRAINT FK_EvaluationResult_Evaluation REFERENCES Evaluation (Id),
    MemberId     INTEGER NOT NULL CONSTRAINT FK_EvaluationResult_Member REFERENCES Member (Id),
    Rank         INTEGER NOT NULL CONSTRAINT CK_EvaluationResult_Rank CHECK (Rank > 0),
    Points       INTEGER NOT NULL,
    IsWinner     INTEGER NOT NULL DEFAULT 0 CHECK (IsWinner IN (0, 1)),
    CONSTRAINT PK_EvaluationResult PRIMARY KEY (EvaluationId, MemberId)
);

-- Reference data ----------------------------------------------------------------------------------

INSERT INTO PointCategory (Id, Code, Name, SortOrder) VALUES
    (1, 'DemocraticBuilding', '民主建设', 1),
    (2, 'CivilityCreation',   '文明创建', 2),
    (3, 'NeighbourlyHelp',    '邻里互助', 3),
    (4, 'SafeProduction',     '安全生产', 4),
    (5, 'DisputeMediation',   '调解纠纷', 5);

INSERT INTO PointRule (Code, Name, Points, IsActive) VALUES
    ('PerService', '一次一积分', 1, 1);

INSERT INTO ChangeVersion (Area, Version, ChangedAt) VALUES
    ('Roster', 0, strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('Points', 0, strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('Tasks',  0, strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('Wishes', 0, strftime('%Y-%m-%d %H:%M:%f', 'now'));
