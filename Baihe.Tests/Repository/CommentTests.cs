using System.Text.RegularExpressions;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Repository;

/// <summary>Comments say why; an issue number says only who asked, and means nothing once the tracker moves.</summary>
public class CommentTests
{
    private static readonly string[] Extensions = [".cs", ".razor", ".sql", ".props", ".csproj", ".css", ".js", ".conf", ".service"];

    [Fact]
    public void NoSourceFile_RefersToAnIssueNumber()
    {
        var issue = new Regex(@"\b[Ii]ssues? ?#?\d+|\(#\d+\)", RegexOptions.Compiled);
        var offenders = Directory.EnumerateFiles(Repo.Root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                     && !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}")
                     && !f.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}")
                     && !f.EndsWith("CommentTests.cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => issue.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Repo.Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }
}
