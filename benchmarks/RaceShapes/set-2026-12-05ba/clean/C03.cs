using System.Collections.Immutable;

namespace Blind53.BridgeInspections.Defects;

public sealed record DefectChange(string Span, string Element, string Severity, string Inspector, DateTime RecordedAtUtc);

/// <summary>
/// Collects defect edits made by inspectors on site. Tablets record edits concurrently
/// while the office report generator enumerates what has been recorded so far.
/// </summary>
public sealed class DefectChangeSet
{
    private ImmutableList<DefectChange> _changes = ImmutableList<DefectChange>.Empty;

    public void Record(DefectChange change)
    {
        ImmutableInterlocked.Update(ref _changes, (list, item) => list.Add(item), change);
    }

    public IReadOnlyList<DefectChange> Current => Volatile.Read(ref _changes);

    public IEnumerable<DefectChange> ForSpan(string span)
    {
        var snapshot = Volatile.Read(ref _changes);
        return snapshot.Where(c => c.Span == span);
    }

    public ImmutableList<DefectChange> Drain()
    {
        return Interlocked.Exchange(ref _changes, ImmutableList<DefectChange>.Empty);
    }
}

/// <summary>
/// Produces the interim inspection report while inspectors are still recording.
/// </summary>
public sealed class InterimReport
{
    private readonly DefectChangeSet _changes;

    public InterimReport(DefectChangeSet changes)
    {
        _changes = changes;
    }

    public Task<IReadOnlyDictionary<string, int>> CountBySeverityAsync()
    {
        return Task.Run<IReadOnlyDictionary<string, int>>(() =>
        {
            var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var change in _changes.Current)
            {
                counts[change.Severity] = counts.TryGetValue(change.Severity, out var n) ? n + 1 : 1;
            }

            return counts;
        });
    }

    public Task<string[]> SpanLinesAsync(string span)
    {
        return Task.Run(() => _changes.ForSpan(span)
            .Select(c => $"{c.Element}: {c.Severity} ({c.Inspector})")
            .ToArray());
    }
}

public static class InspectorTablet
{
    public static Task UploadAsync(DefectChangeSet changes, IEnumerable<DefectChange> edits)
    {
        return Task.Run(() =>
        {
            foreach (var edit in edits)
            {
                changes.Record(edit);
            }
        });
    }
}
