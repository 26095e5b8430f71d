-- Optional email notifications.
--
-- AppUser.Email is where an account receives mail (254 characters: the longest address SMTP carries); an account
-- without one gets none. EmailNotifications is the account's own switch (同时发送邮件), on by default: setting an
-- address is the opt-in, and the switch lets a user stop mail without removing the address.
--
-- EmailOutbox holds every message to send. A notification writes its row in the same transaction as the write that
-- caused it, so a rolled-back write sends nothing and a slow or absent SMTP server never delays or fails a write.
-- Every server runs a sender: it claims a due row with a conditional UPDATE (SentAt IS NULL and no live claim) and
-- sends it only when exactly one row changed, so two servers never send one message twice. A failure counts an
-- attempt, keeps the error and moves NextAttemptAt on; rows are never deleted, so nothing is lost while SMTP is down.

ALTER TABLE [dbo].[AppUser] ADD
    [Email]              NVARCHAR (254) COLLATE Chinese_PRC_100_CI_AS_SC NULL,
    [EmailNotifications] BIT NOT NULL CONSTRAINT [DF_AppUser_EmailNotifications] DEFAULT (1);
GO

ALTER TABLE [dbo].[AppUser] ADD CONSTRAINT [CK_AppUser_Email] CHECK ([Email] IS NULL OR [Email] LIKE N'_%@_%');
GO

CREATE TABLE [dbo].[EmailOutbox] (
    [Id]            INT             IDENTITY (1, 1) NOT NULL,
    [UserId]        INT             NOT NULL,
    [ToAddress]     NVARCHAR (254)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Subject]       NVARCHAR (200)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Body]          NVARCHAR (4000) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [CreatedAt]     DATETIME2 (0)   NOT NULL,
    [Attempts]      INT             NOT NULL CONSTRAINT [DF_EmailOutbox_Attempts] DEFAULT (0),
    [NextAttemptAt] DATETIME2 (0)   NOT NULL,
    [SentAt]        DATETIME2 (0)   NULL,
    [ClaimedBy]     NVARCHAR (100)  COLLATE Chinese_PRC_100_CI_AS_SC NULL,
    [ClaimedUntil]  DATETIME2 (0)   NULL,
    [LastError]     NVARCHAR (500)  COLLATE Chinese_PRC_100_CI_AS_SC NULL,
    CONSTRAINT [PK_EmailOutbox] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_EmailOutbox_UserId] FOREIGN KEY ([UserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [CK_EmailOutbox_Attempts] CHECK ([Attempts] >= 0)
);
GO

-- The sender's due query: unsent rows by the time they are next due. Sent rows, the great majority, are not in it.
CREATE INDEX [IX_EmailOutbox_Due] ON [dbo].[EmailOutbox] ([NextAttemptAt], [Id]) INCLUDE ([ClaimedUntil]) WHERE [SentAt] IS NULL;
GO
