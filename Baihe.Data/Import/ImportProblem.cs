namespace Baihe.Data.Import;

/// <summary>What is wrong with one cell: the sheet, the Excel row number, the column header and a Chinese message.</summary>
public sealed record ImportProblem(string Sheet, int Row, string Column, string Message);
