using MudBlazor;

namespace Baihe.Dashboard.Components.Shared;

/// <summary>
/// The one way a page asks before an irreversible action: a dialog that names the action and states its consequence
/// in Chinese ("将为 6 人各记 2 分，结束后不能修改"). Cancelling, pressing Esc or closing the dialog all answer no.
/// </summary>
public static class Confirmations
{
    /// <summary>Asks; true only when the user pressed the action button.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string consequence, string action) =>
        await dialogs.ShowMessageBoxAsync(title, consequence, yesText: action, cancelText: "取消",
            options: new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall, FullWidth = true }) == true;
}
