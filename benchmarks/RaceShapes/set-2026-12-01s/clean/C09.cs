using System.Collections.Concurrent;
using System.Timers;

namespace SchoolBus.Dispatch;

public sealed record BusFix(string BusId, double Latitude, double Longitude, double SpeedKph, DateTimeOffset FixTime);

/// <summary>
/// Source of GPS fixes from the bus modems. <see cref="FixReceived"/> is raised on the
/// receiver's own thread once <see cref="Start"/> has been called.
/// </summary>
public interface IFixSource
{
    event EventHandler<BusFix> FixReceived;
    void Start();
}

/// <summary>
/// Dispatch-room board: latest fix per bus, refreshed to the wall screen every few
/// seconds, with late-bus flags.
/// </summary>
public sealed class DispatchBoard : IDisposable
{
    private readonly ConcurrentDictionary<string, BusFix> _latest = new(StringComparer.Ordinal);
    private readonly System.Timers.Timer _refresh;
    private readonly Action<IReadOnlyList<string>> _render;
    private readonly TimeSpan _staleAfter;

    public DispatchBoard(IFixSource source, Action<IReadOnlyList<string>> render, TimeSpan staleAfter)
    {
        _render = render;
        _staleAfter = staleAfter;
        source.FixReceived += OnFix;

        _refresh = new System.Timers.Timer(3000) { AutoReset = true };
        _refresh.Elapsed += OnRefresh;
        _refresh.Start();
        source.Start();
    }

    private void OnFix(object? sender, BusFix fix)
    {
        _latest.AddOrUpdate(
            fix.BusId,
            fix,
            (_, existing) => fix.FixTime > existing.FixTime ? fix : existing);
    }

    private void OnRefresh(object? sender, ElapsedEventArgs e)
    {
        var now = DateTimeOffset.UtcNow;
        var rows = _latest
            .Select(kv => kv.Value)
            .OrderBy(f => f.BusId, StringComparer.Ordinal)
            .Select(f => now - f.FixTime > _staleAfter
                ? $"{f.BusId,-6} NO SIGNAL since {f.FixTime:HH:mm}"
                : $"{f.BusId,-6} {f.SpeedKph,5:F1} km/h")
            .ToList();
        _render(rows);
    }

    public BusFix? Find(string busId) => _latest.TryGetValue(busId, out var fix) ? fix : null;

    public void Dispose() => _refresh.Dispose();
}
