namespace Blind53.OrganBuilding.Voicing;

public sealed record PipeChange(string Rank, int PipeNumber, string Property, double OldValue, double NewValue);

/// <summary>
/// Records edits made to an organ's voicing plan during a voicing session.
/// A single tracker is shared by the editor window and the voicing tablets, which push
/// their edits from network threads.
/// </summary>
public sealed class VoicingChangeTracker
{
    private readonly object _sync = new();
    private readonly List<PipeChange> _changes = new();
    private int _version;

    public int Version
    {
        get
        {
            lock (_sync)
            {
                return _version;
            }
        }
    }

    public void Record(PipeChange change)
    {
        lock (_sync)
        {
            _changes.Add(change);
            _version++;
        }
    }

    public IEnumerable<PipeChange> ChangesFor(string rank)
    {
        lock (_sync)
        {
            return _changes.Where(c => string.Equals(c.Rank, rank, StringComparison.OrdinalIgnoreCase));
        }
    }

    public IReadOnlyList<PipeChange> AcceptAll()
    {
        lock (_sync)
        {
            var accepted = _changes.ToArray();
            _changes.Clear();
            _version++;
            return accepted;
        }
    }
}

/// <summary>
/// Builds the per-rank summary that the voicer sees on the workshop screen.
/// </summary>
public sealed class RankSummaryBuilder
{
    private readonly VoicingChangeTracker _tracker;

    public RankSummaryBuilder(VoicingChangeTracker tracker)
    {
        _tracker = tracker;
    }

    public Task<string> BuildAsync(string rank)
    {
        return Task.Run(() =>
        {
            var lines = new List<string>();
            foreach (var change in _tracker.ChangesFor(rank))
            {
                lines.Add($"{change.Rank} #{change.PipeNumber}: {change.Property} {change.OldValue:0.00} -> {change.NewValue:0.00}");
            }

            return string.Join(Environment.NewLine, lines);
        });
    }
}

public static class TabletSync
{
    public static Task PushAsync(VoicingChangeTracker tracker, IEnumerable<PipeChange> edits)
    {
        return Task.Run(() =>
        {
            foreach (var edit in edits)
            {
                tracker.Record(edit);
            }
        });
    }
}
