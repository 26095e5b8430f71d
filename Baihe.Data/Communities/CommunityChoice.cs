namespace Baihe.Data.Communities;

/// <summary>
/// The community a page resolved from its link: either <see cref="Community"/>, or a Chinese <see cref="Refusal"/>
/// for the user (the id does not exist, or the actor may not read it). Never both.
/// </summary>
public sealed record CommunityChoice(CommunityRow? Community, string? Refusal)
{
    /// <summary>A community id in a link that does not exist or is outside the user's scope.</summary>
    public const string Refused = "找不到这个社区，或您无权查看它。链接可能有误，请从菜单重新进入。";

    /// <summary>An account whose scope holds no community (for example an administrator in an empty database).</summary>
    public const string NoneVisible = "您的账号没有可查看的社区。";
}
