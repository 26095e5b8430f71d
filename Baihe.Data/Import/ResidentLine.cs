namespace Baihe.Data.Import;

/// <summary>One data row of the 居民 sheet as typed (cells as text, trimmed); <see cref="Row"/> is its Excel row number.</summary>
public sealed record ResidentLine(int Row, string Name, string Phone, string Grid, string PartyMember, string NeighbourLead, string Skill);
