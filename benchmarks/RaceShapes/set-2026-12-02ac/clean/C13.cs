namespace Blind29.BellRinging.Practice;

public sealed class RingerCheckIn
{
    public required string Name { get; init; }
    public int Bell { get; set; }
    public DateTimeOffset ArrivedAt { get; set; }
    public List<string> MethodsWanted { get; } = new();
}

/// <summary>
/// Waits for the ringers needed for practice night to check in at the tower door
/// tablet. The tablet's handler runs on its own thread; the tower captain's app awaits
/// <see cref="WaitForBandAsync"/>.
/// </summary>
public sealed class PracticeBand
{
    private readonly int _bells;
    private readonly object _sync = new();
    private readonly List<RingerCheckIn> _arrived = new();
    private readonly TaskCompletionSource<IReadOnlyList<RingerCheckIn>> _complete =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PracticeBand(int bells) => _bells = bells;

    public void CheckIn(string name, IEnumerable<string> methods)
    {
        var ringer = new RingerCheckIn { Name = name, ArrivedAt = DateTimeOffset.UtcNow };
        ringer.MethodsWanted.AddRange(methods);

        RingerCheckIn[]? band = null;
        lock (_sync)
        {
            if (_arrived.Count >= _bells)
            {
                return;
            }

            ringer.Bell = _arrived.Count + 1;
            _arrived.Add(ringer);
            if (_arrived.Count == _bells)
            {
                band = _arrived.ToArray();
            }
        }

        if (band is not null)
        {
            _complete.TrySetResult(band);
        }
    }

    public async Task<string> WaitForBandAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_complete.Task, Task.Delay(timeout)).ConfigureAwait(false);
        if (finished != _complete.Task)
        {
            int count;
            lock (_sync)
            {
                count = _arrived.Count;
            }

            return $"Only {count} of {_bells} ringers arrived.";
        }

        var band = await _complete.Task.ConfigureAwait(false);
        var common = band
            .Select(r => (IEnumerable<string>)r.MethodsWanted)
            .Aggregate((a, b) => a.Intersect(b, StringComparer.OrdinalIgnoreCase))
            .FirstOrDefault() ?? "Plain Hunt";
        return $"Band complete ({string.Join(", ", band.Select(r => $"{r.Bell}:{r.Name}"))}); ring {common}.";
    }
}
