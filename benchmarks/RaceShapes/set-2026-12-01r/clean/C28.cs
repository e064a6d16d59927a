using Microsoft.Extensions.Logging;

namespace TramDepot.Pantographs;

public interface IPantographBus
{
    IReadOnlyList<(string TramId, double ContactForceN)> ReadAll();
}

public sealed record PantographReport(DateTime TakenAt, IReadOnlyList<string> WornContacts, double AverageForce);

/// <summary>
/// Samples pantograph contact force across the depot. The timer can fire again while a
/// slow bus read is still in progress; overlapping ticks are skipped. The latest report
/// is published as an immutable object for the depot dashboard.
/// </summary>
public sealed class PantographSampler : IDisposable
{
    private readonly IPantographBus _bus;
    private readonly ILogger _logger;
    private readonly Timer _timer;
    private readonly Dictionary<string, int> _lowForceStreak = new();
    private int _sampling;
    private PantographReport? _latest;

    public PantographSampler(IPantographBus bus, ILogger logger)
    {
        _bus = bus;
        _logger = logger;
        _timer = new Timer(OnTick, null, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    public PantographReport? Latest => Volatile.Read(ref _latest);

    private void OnTick(object? state)
    {
        if (Interlocked.CompareExchange(ref _sampling, 1, 0) != 0)
        {
            _logger.LogDebug("Previous pantograph sample still running");
            return;
        }

        try
        {
            var readings = _bus.ReadAll();
            var worn = new List<string>();
            foreach (var (tramId, force) in readings)
            {
                var streak = force < 70 ? _lowForceStreak.GetValueOrDefault(tramId) + 1 : 0;
                _lowForceStreak[tramId] = streak;
                if (streak >= 5)
                {
                    worn.Add(tramId);
                }
            }

            var average = readings.Count == 0 ? 0 : readings.Average(r => r.ContactForceN);
            Volatile.Write(ref _latest, new PantographReport(DateTime.UtcNow, worn, average));
        }
        finally
        {
            Volatile.Write(ref _sampling, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
