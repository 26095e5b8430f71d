using System.Diagnostics;
using Baihe.Dashboard.Services.Reports;
using Baihe.Data;
using Baihe.Data.Reports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Bench;

/// <summary>One measured run: wall time and the process's peak working set above its level before the run.</summary>
public sealed record Measurement(string Name, TimeSpan Time, long PeakBytes, long OutputBytes, long AllocatedBytes = 0);
