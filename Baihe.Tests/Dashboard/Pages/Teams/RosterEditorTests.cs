using Baihe.Dashboard.Components.Shared;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Bunit;

namespace Baihe.Tests.Dashboard.Pages.Teams;

public class RosterEditorTests
{
    private static readonly RosterRow Row = new()
    {
        MembershipId = 7, MemberId = 70, Name = "陈淑贞", Phone = "13933334444", Role = RosterRole.Member,
        JoinedOn = new DateTime(2025, 3, 1), Grid = "第二网格", MemberVersion = 3, MembershipVersion = 5,
    };

    [Fact]
    public async Task Editor_StartsFromTheRowAndRaisesWhatTheUserTyped()
    {
        await using var ctx = BunitTestContext.Create();
        (string? Name, string? Phone)? saved = null;
        var cut = ctx.Render<RosterMemberEditor>(p => p
            .Add(x => x.Original, Row)
            .Add(x => x.CanEditContact, true)
            .Add(x => x.OnSaveContact, (ValueTuple<string?, string?> v) => saved = v));

        Assert.Equal("陈淑贞", cut.Find(".edit-name input").GetAttribute("value"));
        cut.Find(".edit-name input").Change("陈淑珍");
        cut.Find(".edit-phone input").Change("+86 139 3333 5555");
        cut.Find(".save-contact").Click();

        Assert.Equal(("陈淑珍", "+86 139 3333 5555"), saved);
    }

    [Fact]
    public async Task RefusedSave_KeepsTheInputAndShowsTheMessageAndTheLatestData()
    {
        await using var ctx = BunitTestContext.Create();
        var cut = ctx.Render<RosterMemberEditor>(p => p.Add(x => x.Original, Row).Add(x => x.CanEditContact, true));
        cut.Find(".edit-name input").Change("我的修改");

        // The page answers a stale save by passing the message and the row as it now is.
        cut.Render(p => p
            .Add(x => x.Error, "已被他人修改：您的输入已保留，请核对最新数据后重新保存。")
            .Add(x => x.Latest, Row with { Name = "别人的修改", MemberVersion = 4 }));

        Assert.Contains("已被他人修改", cut.Find(".editor-error").TextContent);
        Assert.Contains("别人的修改", cut.Find(".editor-latest").TextContent);
        Assert.Equal("我的修改", cut.Find(".edit-name input").GetAttribute("value"));
    }

    [Fact]
    public async Task Editor_ForAMemberWhoseContactOnlyTheSecretaryMayChange_SaysSoAndOffersNoContactFields()
    {
        await using var ctx = BunitTestContext.Create();
        var cut = ctx.Render<RosterMemberEditor>(p => p.Add(x => x.Original, Row).Add(x => x.CanEditContact, false));

        Assert.Contains("只能由社区书记修改", cut.Find(".contact-locked").TextContent);
        Assert.Empty(cut.FindAll(".edit-phone"));
        Assert.Empty(cut.FindAll(".save-contact"));
        Assert.NotEmpty(cut.FindAll(".save-role"));
    }

    [Fact]
    public async Task AddForm_WithNoResidentChosen_SaysSoAndRaisesNothing()
    {
        await using var ctx = BunitTestContext.Create();
        var raised = 0;
        var cut = ctx.Render<AddMemberForm>(p => p
            .Add(x => x.Grids, [])
            .Add(x => x.SearchResidents, (_, _) => Task.FromResult(Enumerable.Empty<ResidentMatch>()))
            .Add(x => x.OnSubmit, (AddMemberRequest _) => raised++));

        cut.Find(".submit-add").Click();

        cut.WaitForAssertion(() => Assert.Contains("请先按姓名或手机号查找并选择一位居民", cut.Find(".add-error").TextContent));
        Assert.Equal(0, raised);
    }

    [Fact]
    public async Task AddForm_DuplicateWarning_OffersTheExistingResident()
    {
        await using var ctx = BunitTestContext.Create();
        AddMemberRequest? raised = null;
        var cut = ctx.Render<AddMemberForm>(p => p
            .Add(x => x.Grids, [])
            .Add(x => x.SearchResidents, (_, _) => Task.FromResult(Enumerable.Empty<ResidentMatch>()))
            .Add(x => x.Warning, "社区里已有同名同号的居民“周小红”。")
            .Add(x => x.DuplicateId, 42)
            .Add(x => x.OnSubmit, (AddMemberRequest r) => raised = r));

        cut.Find(".use-existing").Click();

        Assert.Equal(42, raised?.ExistingMemberId);
        Assert.Null(raised?.Name);
    }
}
