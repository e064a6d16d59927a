using System.Collections.Generic;

namespace Blind47.RadioContest.Spotting;

public sealed record Spot(string Spotter, string DxCall, double FrequencyKhz, string Comment, DateTime Utc);

/// <summary>
/// DX cluster feed for the contest station. The telnet reader adds spots from
/// its own thread; the band map, the bandit alarm and the web view all ask for
/// the recent spots and iterate them at their own pace.
/// </summary>
public sealed class SpotCluster
{
    private readonly object _gate = new();
    private readonly LinkedList<Spot> _recent = new();
    private readonly Dictionary<string, Spot> _latestByCall = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _keep;

    public SpotCluster(int keep = 500) => _keep = keep;

    public void Add(Spot spot)
    {
        lock (_gate)
        {
            _recent.AddFirst(spot);
            _latestByCall[spot.DxCall] = spot;
            while (_recent.Count > _keep)
            {
                var oldest = _recent.Last!.Value;
                _recent.RemoveLast();
                if (_latestByCall.TryGetValue(oldest.DxCall, out var latest) && ReferenceEquals(latest, oldest))
                {
                    _latestByCall.Remove(oldest.DxCall);
                }
            }
        }
    }

    /// <summary>Recent spots, newest first. The returned list belongs to the caller.</summary>
    public List<Spot> Recent(int max)
    {
        lock (_gate)
        {
            var result = new List<Spot>(Math.Min(max, _recent.Count));
            foreach (var spot in _recent)
            {
                if (result.Count == max)
                {
                    break;
                }

                result.Add(spot);
            }

            return result;
        }
    }

    public IReadOnlyDictionary<string, Spot> LatestByCall()
    {
        lock (_gate)
        {
            return new Dictionary<string, Spot>(_latestByCall, StringComparer.OrdinalIgnoreCase);
        }
    }

    public IEnumerable<Spot> OnBand(double lowKhz, double highKhz)
    {
        List<Spot> copy;
        lock (_gate)
        {
            copy = new List<Spot>(_recent);
        }

        foreach (var spot in copy)
        {
            if (spot.FrequencyKhz >= lowKhz && spot.FrequencyKhz <= highKhz)
            {
                yield return spot;
            }
        }
    }
}

public sealed class TelnetSpotReader
{
    private readonly SpotCluster _cluster;

    public TelnetSpotReader(SpotCluster cluster) => _cluster = cluster;

    public Task RunAsync(IAsyncEnumerable<string> lines, CancellationToken ct) => Task.Run(async () =>
    {
        await foreach (var line in lines.WithCancellation(ct))
        {
            // "DX de G4ABC:     14025.0  JA1XYZ       CQ WW          1234Z"
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 5 && parts[0] == "DX" && double.TryParse(parts[3], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var khz))
            {
                _cluster.Add(new Spot(parts[2].TrimEnd(':'), parts[4], khz, string.Join(' ', parts.Skip(5)), DateTime.UtcNow));
            }
        }
    }, ct);
}
