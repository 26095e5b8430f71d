using System.Text.RegularExpressions;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Data.Database;

/// <summary>The one check of user text at the door, and the one cut of text the system composes.</summary>
public class TextInputTests
{
    [Theory]
    [InlineData("  楼道灯不亮  ", "楼道灯不亮")]
    [InlineData("灯😀", "灯😀")]
    [InlineData("e\u0301", "e\u0301")] // a combining accent is fine
    public void GoodText_IsTrimmedAndOtherwiseUnchanged(string raw, string expected)
    {
        Assert.Null(TextInput.Check(raw, 10, "标题", out var text));
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("灯\uFFFF")]
    [InlineData("灯\uFFFE")]
    [InlineData("灯\uFDD0")]
    [InlineData("灯\uFDEF")]
    [InlineData("灯\U0001FFFF")] // the non-character of plane 1
    [InlineData("灯\U0010FFFE")]
    public void NonCharacters_AreRefused(string raw)
    {
        var error = TextInput.Check(raw, 10, "标题", out _);

        Assert.Equal("「标题」包含无法保存的字符（如残缺的表情符号或非法字符），请删除后重新输入。", error);
    }

    /// <summary>Built in code: a lone surrogate in an attribute would reach the test already replaced by U+FFFD.</summary>
    [Fact]
    public void LoneSurrogates_AreRefused()
    {
        string[] broken = ["灯" + (char)0xD83D, (char)0xDE00 + "灯", "灯" + (char)0xDE00 + (char)0xD83D, "😀"[..1] + "灯"];

        Assert.All(broken, raw => Assert.Equal("「标题」包含无法保存的字符（如残缺的表情符号或非法字符），请删除后重新输入。", TextInput.Check(raw, 10, "标题", out _)));
        Assert.Null(TextInput.Check("\uFFFD", 10, "标题", out _)); // the replacement character itself is a real character
    }

    [Theory]
    [InlineData("楼道\u0007灯", false)]
    [InlineData("楼道\n灯", false)]
    [InlineData("楼道\u0085灯", false)] // a C1 control
    [InlineData("楼道\u007F灯", true)]
    [InlineData("楼道\r灯", true)]      // a bare carriage return is not a line break
    public void ControlCharacters_AreRefused_UnlessALineBreakOrTabInAMultiLineField(string raw, bool multiline)
    {
        Assert.Contains("不能包含控制字符", TextInput.Check(raw, 10, "内容", out _, multiline: multiline));
    }

    [Theory]
    [InlineData("第一行\n第二行")]
    [InlineData("第一行\r\n第二行")]
    [InlineData("列\t列")]
    public void LineBreaksAndTabs_AreKept_InAMultiLineField(string raw)
    {
        Assert.Null(TextInput.Check(raw, 10, "内容", out var text, multiline: true));
        Assert.Equal(raw, text);
    }

    [Fact]
    public void Length_IsCountedInUtf16Units_AsNvarcharCountsIt_AndTheLimitItselfIsAllowed()
    {
        Assert.Null(TextInput.Check(new string('灯', 100), 100, "标题", out _));
        Assert.Null(TextInput.Check(new string('灯', 98) + "😀", 100, "标题", out _));
        Assert.Equal("「标题」不能超过 100 字（现为 101 字；表情符号按 2 字计）。", TextInput.Check(new string('灯', 101), 100, "标题", out _));
        Assert.Equal("「标题」不能超过 100 字（现为 101 字；表情符号按 2 字计）。", TextInput.Check(new string('灯', 99) + "😀", 100, "标题", out _));
    }

    [Fact]
    public void BlankText_IsRefusedWhenRequired_AndEmptyWhenOptional()
    {
        Assert.Equal("请填写诉求内容。", TextInput.Check("  \n ", 10, "诉求内容", out _));
        Assert.Equal("请填写诉求内容。", TextInput.Check(null, 10, "诉求内容", out _));
        Assert.Null(TextInput.Check("   ", 10, "回访记录", out var text, required: false));
        Assert.Equal("", text);
    }

    [Theory]
    [InlineData("一二三四五", 5, "一二三四五")]
    [InlineData("一二三四五六", 5, "一二三四五")]
    [InlineData("一二三四😀", 5, "一二三四")]         // the emoji would straddle the cut
    [InlineData("一二三😀四", 5, "一二三😀")]         // the emoji fits exactly
    [InlineData("一二三四e\u0301", 5, "一二三四")]    // a letter and its accent stay together
    [InlineData("👨‍👩‍👧", 5, "")]                    // a family emoji is one element of 8 units
    [InlineData("", 5, "")]
    public void Cut_EndsOnATextElementBoundary_AtMostTheLimit(string text, int max, string expected)
    {
        var cut = TextInput.Cut(text, max);

        Assert.Equal(expected, cut);
        Assert.DoesNotContain('\uFFFD', cut);
        Assert.Null(TextInput.Check(cut, max, "标题", out _, required: false));
    }

    /// <summary>
    /// A browser's maxlength cuts pasted text without a word, and a numeric field's Min turns −5 into 0: the task and
    /// wish pages show limits with a counter instead, and the command refuses with a message.
    /// </summary>
    [Fact]
    public void TaskAndWishPages_ShowLimits_ButNeverCutOrClampWhatTheUserTyped()
    {
        var pages = new[] { "Tasks", "Wishes" }
            .SelectMany(area => Directory.GetFiles(Repo.PathOf("Baihe.Dashboard", "Components", "Pages", area), "*.razor"))
            .ToList();
        Assert.NotEmpty(pages);

        var offending = pages
            .SelectMany(page => Regex.Matches(File.ReadAllText(page), @"<(MudTextField|MudNumericField|MudDatePicker)[^>]*\b(MaxLength|Min|Max)=""[^""]*""")
                .Select(m => $"{Path.GetFileName(page)}: {m.Groups[2].Value} on {m.Groups[1].Value}"))
            .ToList();

        Assert.Empty(offending);
    }
}
