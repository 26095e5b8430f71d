namespace Baihe.Data.Database;

/// <summary>
/// The outcome of a write. A refusal carries a Chinese message for the user and means nothing was written;
/// <see cref="Conflict"/> marks a stale save, which the UI answers by keeping the user's input.
/// </summary>
public sealed record CommandResult(bool Ok, string? Error = null, bool Conflict = false, string? Warning = null, int? Id = null)
{
    /// <summary>The message of every stale save.</summary>
    public const string StaleMessage = "已被他人修改：您的输入已保留，请核对最新数据后重新保存。";

    public static CommandResult Success(int? id = null) => new(true, Id: id);

    public static CommandResult Fail(string error) => new(false, error);

    public static CommandResult Stale() => new(false, StaleMessage, Conflict: true);

    /// <summary>Nothing written yet: the user must confirm (for example a likely duplicate, <paramref name="id"/>).</summary>
    public static CommandResult Warn(string warning, int? id = null) => new(false, Warning: warning, Id: id);
}
