using System.Collections.Concurrent;

namespace MountainRescue.Callouts;

public sealed record PositionFix(string TeamMember, double Latitude, double Longitude, DateTime At);

/// <summary>
/// Collects position fixes relayed from team radios during a callout. Radio
/// receivers add fixes from their own threads; one logger thread owns the
/// track table.
/// </summary>
public sealed class CalloutTrackLogger
{
    private readonly BlockingCollection<PositionFix> _fixes = new(boundedCapacity: 4096);
    private readonly Dictionary<string, List<PositionFix>> _tracks = new(StringComparer.OrdinalIgnoreCase);
    private readonly Thread _logger;
    private int _outOfOrder;

    public CalloutTrackLogger()
    {
        _logger = new Thread(Consume) { IsBackground = true, Name = "callout-track" };
        _logger.Start();
    }

    /// <summary>Called from each radio receiver thread.</summary>
    public bool TryAdd(PositionFix fix) => _fixes.TryAdd(fix, TimeSpan.FromMilliseconds(100));

    private void Consume()
    {
        foreach (var fix in _fixes.GetConsumingEnumerable())
        {
            if (!_tracks.TryGetValue(fix.TeamMember, out var track))
            {
                track = new List<PositionFix>();
                _tracks[fix.TeamMember] = track;
            }

            if (track.Count > 0 && track[^1].At > fix.At)
            {
                _outOfOrder++;
                int index = track.FindLastIndex(f => f.At <= fix.At) + 1;
                track.Insert(index, fix);
            }
            else
            {
                track.Add(fix);
            }
        }
    }

    /// <summary>Stops accepting fixes, waits for the logger to drain, and summarises.</summary>
    public CalloutSummary Finish()
    {
        _fixes.CompleteAdding();
        _logger.Join();

        var perMember = _tracks.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<PositionFix>)kv.Value.ToArray());
        return new CalloutSummary(perMember, _outOfOrder);
    }
}

public sealed record CalloutSummary(IReadOnlyDictionary<string, IReadOnlyList<PositionFix>> Tracks, int OutOfOrderFixes);

public static class CalloutDemo
{
    public static CalloutSummary Simulate(int radios, int fixesPerRadio)
    {
        var logger = new CalloutTrackLogger();
        Parallel.For(0, radios, r =>
        {
            for (int i = 0; i < fixesPerRadio; i++)
            {
                logger.TryAdd(new PositionFix($"member-{r}", 54.45 + i * 1e-4, -3.21, DateTime.UtcNow));
            }
        });
        return logger.Finish();
    }
}
