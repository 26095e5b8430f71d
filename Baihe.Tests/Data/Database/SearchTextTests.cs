using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Database;

/// <summary>The keyword pattern matches typed text literally, on a real database, whatever characters it holds.</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("50%", new[] { "满50%减" })]
    [InlineData("a_b", new[] { "a_b" })]
    [InlineData("[急]", new[] { "[急]修灯" })]
    [InlineData(@"c:\x", new[] { @"c:\x" })]
    [InlineData("修灯", new[] { "[急]修灯" })]
    public async Task APattern_MatchesOnlyTheRowsHoldingTheTextLiterally(string typed, string[] expected)
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var conn = await db.Factory.OpenAsync();
        await conn.ExecuteAsync("CREATE TABLE T (V TEXT);");
        foreach (var v in new[] { "满50%减", "满500减", "a_b", "axb", "[急]修灯", "急修", @"c:\x", "c:x" })
        {
            await conn.ExecuteAsync("INSERT INTO T (V) VALUES (@v);", new { v });
        }
        var found = await conn.QueryAsync<string>(@"SELECT V FROM T WHERE V LIKE @q ESCAPE '\' ORDER BY V;",
            new { q = SearchText.Contains(typed) });
        Assert.Equal(expected, found.ToArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NothingTyped_MeansNoFilter(string? typed) => Assert.Null(SearchText.Contains(typed));

    [Fact]
    public void AVeryLongKeyword_IsCutToTheLimit() =>
        Assert.Equal(SearchText.MaxLength + 2, SearchText.Contains(new string('字', 500))!.Length);
}
