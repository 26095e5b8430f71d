namespace Baihe.Dashboard.Components.Shared;

/// <summary>
/// A value the user set in a <see cref="ListFilterBar"/>: the link key (<c>q</c>, <c>from</c>, <c>to</c> or a
/// <see cref="ListFilterSelect.Key"/>) and the raw value, null when cleared. The page writes it into its link and reads
/// the link back through its filter's parser, so a value typed here is checked exactly as a value in a link.
/// </summary>
public sealed record ListFilterChange(string Key, string? Value);
