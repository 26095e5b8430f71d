using Baihe.Data.Residents;

namespace Baihe.Tests.Data.Residents;

/// <summary>Names and phones at the door: the one text check underneath, Chinese messages, nothing changed silently.</summary>
public class ResidentRulesTests
{
    [Theory]
    [InlineData("张\uFFFF三", "无法保存的字符")]
    [InlineData("张\uFFFE三", "无法保存的字符")]
    [InlineData("张\U0001FFFF三", "无法保存的字符")]
    [InlineData("张\u0085三", "控制字符")]
    [InlineData("张\n三", "控制字符")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一", "不能超过 20 字")]
    [InlineData("  ", "请填写姓名")]
    public void ABadName_IsRefusedWithAChineseMessage(string raw, string message)
    {
        var error = ResidentRules.CheckName(raw, out _);

        Assert.NotNull(error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void ANameIsCountedInUtf16Units_AsNvarcharCountsIt()
    {
        // Nineteen characters and one emoji are 21 UTF-16 units: too long for NVARCHAR(20).
        var name = new string('李', 19) + "😀";

        Assert.Contains("不能超过 20 字", ResidentRules.CheckName(name, out _));
        Assert.Null(ResidentRules.CheckName(new string('李', 18) + "😀", out var ok));
        Assert.Equal(20, ok.Length);
    }

    [Fact]
    public void AGoodName_IsOnlyTrimmed()
    {
        Assert.Null(ResidentRules.CheckName("  欧阳 娜娜 ", out var name));
        Assert.Equal("欧阳 娜娜", name);
    }

    [Theory]
    [InlineData("138\u00001234\u00005678", "控制字符")]
    [InlineData("138\uFFFF12345678", "无法保存的字符")]
    [InlineData("1381234567", "11 位")]
    public void ABadPhone_IsRefusedWithAChineseMessage(string raw, string message)
    {
        var error = ResidentRules.CheckPhone(raw, out var phone);

        Assert.Contains(message, error);
        Assert.Null(phone);
    }

    [Theory]
    [InlineData("+86 138-1234-5678")]
    [InlineData("13812345678")]
    public void AMobileNumber_IsStoredAsItsElevenDigits(string raw)
    {
        Assert.Null(ResidentRules.CheckPhone(raw, out var phone));
        Assert.Equal("13812345678", phone);
    }
}
