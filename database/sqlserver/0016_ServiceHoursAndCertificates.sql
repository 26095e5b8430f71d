-- Service hours and 志愿服务证明 (民政部《志愿服务记录与证明出具办法（试行）》, in force 2021-02-01).
--
-- 1. An activity has a start and an end time on its day, as minutes after midnight (China time). Existing activities
--    get 09:00-11:00; new ones are given their times when created. Hours exclude travel: they are the time of the
--    service itself, which is what the activity's times say.
-- 2. An attendance row may hold the minutes one person actually served (left early, came late); NULL means the whole
--    activity. The upper bound (the activity's length) crosses tables, so the command checks it; the row checks the rest.
-- 3. A resident may carry an ID type, a MASKED ID number and a volunteer number. The full number is never stored: the
--    certificate prints the masked form, and a copy of the database must not hold 18-digit ID numbers (PIPL: collect
--    the minimum, and an ID number is sensitive personal information). CK_Member_IdNumberMasked refuses a value without
--    a '*', so a full number cannot slip into the column by mistake.
-- 4. Certificates are numbered per community and year without gaps: CertificateCounter holds the next number, and the
--    issuing transaction increments it (the row lock serialises issues of one community and year, and a rollback
--    returns the number). UQ_ServiceCertificate_Seq is the backstop. A certificate never changes and is never deleted;
--    voiding it sets Status, VoidedAt, VoidedByUserId and VoidReason once (TR_ServiceCertificate_Immutable).

ALTER TABLE [dbo].[Activity] ADD
    [StartMinute] INT NOT NULL CONSTRAINT [DF_Activity_StartMinute] DEFAULT (540),
    [EndMinute]   INT NOT NULL CONSTRAINT [DF_Activity_EndMinute] DEFAULT (660);
GO

ALTER TABLE [dbo].[Activity] ADD CONSTRAINT [CK_Activity_Minutes] CHECK ([StartMinute] >= 0 AND [EndMinute] > [StartMinute] AND [EndMinute] <= 1440);
GO

ALTER TABLE [dbo].[Attendance] ADD [ServiceMinutes] INT NULL CONSTRAINT [CK_Attendance_ServiceMinutes] CHECK ([ServiceMinutes] >= 0 AND [ServiceMinutes] <= 1440);
GO

ALTER TABLE [dbo].[Member] ADD
    [IdType]         NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NULL,
    [IdNumberMasked] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NULL,
    [VolunteerNo]    NVARCHAR (30) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[Member] ADD
    CONSTRAINT [CK_Member_IdType] CHECK ([IdType] IN (N'IdCard', N'HkMacaoPermit', N'TaiwanPermit', N'Passport', N'ForeignerPermit')),
    CONSTRAINT [CK_Member_IdPair] CHECK (([IdType] IS NULL AND [IdNumberMasked] IS NULL) OR ([IdType] IS NOT NULL AND [IdNumberMasked] IS NOT NULL)),
    CONSTRAINT [CK_Member_IdNumberMasked] CHECK ([IdNumberMasked] IS NULL OR [IdNumberMasked] LIKE N'%*%');
GO

CREATE UNIQUE INDEX [UX_Member_VolunteerNo] ON [dbo].[Member] ([VolunteerNo]) WHERE [VolunteerNo] IS NOT NULL;
GO

CREATE TABLE [dbo].[CertificateCounter] (
    [CommunityId] INT NOT NULL,
    [Year]        INT NOT NULL,
    [NextSeq]     INT NOT NULL,
    CONSTRAINT [PK_CertificateCounter] PRIMARY KEY CLUSTERED ([CommunityId], [Year]),
    CONSTRAINT [FK_CertificateCounter_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]),
    CONSTRAINT [CK_CertificateCounter_NextSeq] CHECK ([NextSeq] >= 1)
);
GO

CREATE TABLE [dbo].[ServiceCertificate] (
    [Id]             INT            IDENTITY (1, 1) NOT NULL,
    [CommunityId]    INT            NOT NULL,
    [Year]           INT            NOT NULL,
    [Seq]            INT            NOT NULL,
    [Number]         NVARCHAR (40)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [MemberId]       INT            NOT NULL,
    [VolunteerName]  NVARCHAR (20)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [IdType]         NVARCHAR (20)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [IdNumberMasked] NVARCHAR (20)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [VolunteerNo]    NVARCHAR (30)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [PeriodFrom]     DATE           NOT NULL,
    [PeriodTo]       DATE           NOT NULL,
    [ServiceMinutes] INT            NOT NULL,
    [ServiceCount]   INT            NOT NULL,
    [Content]        NVARCHAR (500) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Organisation]   NVARCHAR (50)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Principal]      NVARCHAR (20)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Handler]        NVARCHAR (20)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Contact]        NVARCHAR (30)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [IssuedOn]       DATE           NOT NULL,
    [IssuedAt]       DATETIME2 (0)  NOT NULL,
    [IssuedByUserId] INT            NULL,
    [Status]         NVARCHAR (10)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [VoidedAt]       DATETIME2 (0)  NULL,
    [VoidedByUserId] INT            NULL,
    [VoidReason]     NVARCHAR (200) COLLATE Chinese_PRC_100_CI_AS_SC NULL,
    CONSTRAINT [PK_ServiceCertificate] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_ServiceCertificate_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]),
    CONSTRAINT [FK_ServiceCertificate_Member] FOREIGN KEY ([MemberId]) REFERENCES [dbo].[Member] ([Id]),
    CONSTRAINT [FK_ServiceCertificate_IssuedBy] FOREIGN KEY ([IssuedByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [FK_ServiceCertificate_VoidedBy] FOREIGN KEY ([VoidedByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [UQ_ServiceCertificate_Seq] UNIQUE ([CommunityId], [Year], [Seq]),
    CONSTRAINT [UQ_ServiceCertificate_Number] UNIQUE ([Number]),
    CONSTRAINT [CK_ServiceCertificate_Seq] CHECK ([Seq] >= 1),
    CONSTRAINT [CK_ServiceCertificate_Period] CHECK ([PeriodTo] >= [PeriodFrom]),
    CONSTRAINT [CK_ServiceCertificate_Minutes] CHECK ([ServiceMinutes] >= 0 AND [ServiceCount] >= 0),
    CONSTRAINT [CK_ServiceCertificate_Status] CHECK ([Status] IN (N'Issued', N'Voided')),
    CONSTRAINT [CK_ServiceCertificate_Voided] CHECK (([Status] = N'Issued' AND [VoidedAt] IS NULL AND [VoidReason] IS NULL)
        OR ([Status] = N'Voided' AND [VoidedAt] IS NOT NULL AND [VoidReason] IS NOT NULL))
);
GO

CREATE INDEX [IX_ServiceCertificate_MemberId] ON [dbo].[ServiceCertificate] ([MemberId], [IssuedOn]);
GO

-- A certificate is a document already handed to a volunteer: it is never deleted, its contents never change, and a
-- voided one stays voided.
CREATE TRIGGER [dbo].[TR_ServiceCertificate_Immutable] ON [dbo].[ServiceCertificate]
AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        THROW 51000, N'服务证明不能删除，只能作废。', 1;
    END;
    IF EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.[Id] = i.[Id]
               WHERE d.[Status] = N'Voided' OR i.[Number] <> d.[Number] OR i.[MemberId] <> d.[MemberId]
                  OR i.[ServiceMinutes] <> d.[ServiceMinutes] OR i.[PeriodFrom] <> d.[PeriodFrom] OR i.[PeriodTo] <> d.[PeriodTo]
                  OR i.[Content] <> d.[Content] OR i.[VolunteerName] <> d.[VolunteerName] OR i.[IssuedOn] <> d.[IssuedOn])
    BEGIN
        THROW 51000, N'服务证明出具后不能修改，只能作废。', 1;
    END;
END;
GO
