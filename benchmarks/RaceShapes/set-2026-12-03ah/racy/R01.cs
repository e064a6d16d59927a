namespace Blind34.Saltmarsh.HideTally;

/// <summary>
/// Keeps running counts of species seen from the hides along the marsh.
/// One instance is shared by all of the hide upload handlers and by the
/// reporting page, so its public members are called from many threads at once.
/// </summary>
public sealed class HideTally
{
    private readonly object _countsGate = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _reportingHides = new(StringComparer.OrdinalIgnoreCase);
    private int _totalBirds;

    public void Record(string hide, string species, int count)
    {
        if (count <= 0)
        {
            return;
        }

        lock (_countsGate)
        {
            _counts.TryGetValue(species, out var existing);
            _counts[species] = existing + count;
            _totalBirds += count;
            _reportingHides.Add(hide);
        }
    }

    /// <summary>
    /// Applied by the county recorder when a sighting is re-identified or a
    /// flock was double counted from two hides.
    /// </summary>
    public void Correct(string species, int delta)
    {
        lock (_counts)
        {
            if (_counts.TryGetValue(species, out var existing))
            {
                var updated = Math.Max(0, existing + delta);
                _counts[species] = updated;
                _totalBirds += updated - existing;
            }
        }
    }

    public TallySnapshot Snapshot()
    {
        lock (_countsGate)
        {
            var top = _counts
                .OrderByDescending(kv => kv.Value)
                .Take(10)
                .Select(kv => new SpeciesCount(kv.Key, kv.Value))
                .ToList();
            return new TallySnapshot(_totalBirds, _reportingHides.Count, top);
        }
    }
}

public sealed record SpeciesCount(string Species, int Count);

public sealed record TallySnapshot(int TotalBirds, int HidesReporting, IReadOnlyList<SpeciesCount> Top);

/// <summary>Receives uploads from the hide tablets and from the recorder's review screen.</summary>
public sealed class HideUploadEndpoint
{
    private readonly HideTally _tally;

    public HideUploadEndpoint(HideTally tally) => _tally = tally;

    public Task AcceptAsync(IReadOnlyList<(string Hide, string Species, int Count)> rows) =>
        Task.Run(() =>
        {
            foreach (var row in rows)
            {
                _tally.Record(row.Hide, row.Species, row.Count);
            }
        });

    public Task ReviewAsync(string species, int delta) => Task.Run(() => _tally.Correct(species, delta));
}
