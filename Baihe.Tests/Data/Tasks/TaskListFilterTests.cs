using Baihe.Data.Tasks;

namespace Baihe.Tests.Data.Tasks;

public class TaskListFilterTests
{
    [Fact]
    public void AWellFormedLink_IsReadWhole_AndWrittenBackTheSame()
    {
        var link = TaskListFilter.Parse(" 漏水 ", "2", "3", "水电维修", "Urgent", "2026-03-01", "2026-03-31", "Overdue", "4");

        Assert.Empty(link.Problems);
        Assert.Equal(4, link.Page);
        var f = link.Filter;
        Assert.Equal(("漏水", 2, 3, "水电维修", "Urgent", "Overdue"), (f.Keyword, f.GridId, f.TeamId, f.Category, f.Urgency, f.Stage));
        Assert.Equal((new DateTime(2026, 3, 1), new DateTime(2026, 4, 1)), (f.From, f.ToExclusive));
        var back = f.ToLink();
        Assert.Equal(("2026-03-01", "2026-03-31", null), (back["from"], back["to"], back["page"]));
        var again = TaskListFilter.Parse((string?)back["q"], back["grid"]?.ToString(), back["team"]?.ToString(), (string?)back["category"],
            (string?)back["urgency"], (string?)back["from"], (string?)back["to"], (string?)back["stage"], null);
        Assert.Equal(f, again.Filter);
    }

    [Theory]
    [InlineData("abc", null, null, null, null, null, "网格编号“abc”无效")]
    [InlineData(null, "2026-13-01", null, null, null, null, "无法识别受理日期的开始日期“2026-13-01”")]
    [InlineData(null, "2026-05-01", "2026-02-01", null, null, null, "开始日期 2026-05-01 晚于结束日期 2026-02-01")]
    [InlineData(null, null, null, "Done", null, null, "无法识别阶段“Done”")]
    [InlineData(null, null, null, null, "紧急", null, "无法识别紧急程度“紧急”")]
    [InlineData(null, null, null, null, null, "0", "页码“0”无效")]
    public void ABadValue_IsExplainedInChinese_AndThatFilterFallsBackToItsDefault(string? grid, string? from, string? to, string? stage, string? urgency, string? page, string message)
    {
        var link = TaskListFilter.Parse(null, grid, null, null, urgency, from, to, stage, page);

        Assert.Contains(link.Problems, p => p.Contains(message, StringComparison.Ordinal));
        Assert.Equal(TaskListFilter.None, link.Filter);
        Assert.Equal(1, link.Page);
    }

    [Fact]
    public void ABadValue_LeavesTheOtherFiltersOfTheLinkInPlace()
    {
        var link = TaskListFilter.Parse("漏水", "x", null, "水电维修", null, "2026-02-30", null, "Assigned", null);

        Assert.Equal(2, link.Problems.Count);
        Assert.Equal(new TaskListFilter { Keyword = "漏水", Category = "水电维修", Stage = "Assigned" }, link.Filter);
    }
}
