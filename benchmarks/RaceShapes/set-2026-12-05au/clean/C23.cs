using System.Collections.Generic;
using System.Text;

namespace Blind47.Harpsichords.Tuning;

public sealed record TuningVisit(string Instrument, string Client, string Temperament, double PitchHz);

/// <summary>
/// Formats tuning reports for the tuner's scheduling service. Each request
/// carries a visit id that is attached to log lines for that request, and
/// formatting reuses a per-thread buffer.
/// </summary>
public static class TuningReportFormatter
{
    private static readonly AsyncLocal<string?> s_visitId = new();
    private static readonly ThreadLocal<StringBuilder> s_buffer = new(() => new StringBuilder(256));

    public static string? CurrentVisitId => s_visitId.Value;

    public static IDisposable BeginVisit(string visitId)
    {
        var previous = s_visitId.Value;
        s_visitId.Value = visitId;
        return new Restore(previous);
    }

    public static string Format(TuningVisit visit, IReadOnlyList<(string Note, double CentsBefore, double CentsAfter)> notes)
    {
        var sb = s_buffer.Value!;
        sb.Clear();
        sb.Append('[').Append(CurrentVisitId ?? "-").Append("] ");
        sb.Append(visit.Instrument).Append(" for ").Append(visit.Client);
        sb.Append(", ").Append(visit.Temperament).Append(" at a'=").Append(visit.PitchHz.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)).Append(" Hz");
        foreach (var (note, before, after) in notes)
        {
            sb.AppendLine().Append("  ").Append(note.PadRight(4)).Append(before.ToString("+0.0;-0.0")).Append(" -> ").Append(after.ToString("+0.0;-0.0"));
        }

        return sb.ToString();
    }

    private sealed class Restore : IDisposable
    {
        private readonly string? _previous;

        public Restore(string? previous) => _previous = previous;

        public void Dispose() => s_visitId.Value = _previous;
    }
}

public sealed class TuningReportService
{
    private readonly Func<string, CancellationToken, Task<IReadOnlyList<(string, double, double)>>> _loadNotes;

    public TuningReportService(Func<string, CancellationToken, Task<IReadOnlyList<(string, double, double)>>> loadNotes) => _loadNotes = loadNotes;

    public async Task<IReadOnlyList<string>> ReportsAsync(IReadOnlyList<(string VisitId, TuningVisit Visit)> visits, CancellationToken ct)
    {
        var reports = await Task.WhenAll(visits.Select(async v =>
        {
            using var _ = TuningReportFormatter.BeginVisit(v.VisitId);
            var notes = await _loadNotes(v.VisitId, ct);
            return TuningReportFormatter.Format(v.Visit, notes);
        }));

        return reports;
    }
}
