namespace Baihe.Dashboard.Components.Shared;

/// <summary>
/// One drop-down of a <see cref="ListFilterBar"/>: the link key it sets (<c>grid</c>, <c>team</c>, …), its Chinese
/// label, the text of the "no filter" choice, the choices as (value, text) and the value chosen now (null: none).
/// </summary>
public sealed record ListFilterSelect(string Key, string Label, string AllText, IReadOnlyList<(string Value, string Text)> Options, string? Value);
