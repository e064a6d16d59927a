using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Pipeline.LeakDetection;

public readonly record struct PressureReading(string SegmentId, double Kilopascals, DateTimeOffset At);

public sealed record LeakAlert(string SegmentId, double DropKpa, DateTimeOffset DetectedAt);

/// <summary>
/// Consumes SCADA pressure readings and flags segments whose pressure drops
/// faster than the configured threshold.
/// </summary>
public sealed class LeakDetectorService : BackgroundService
{
    private readonly Channel<PressureReading> _readings = Channel.CreateUnbounded<PressureReading>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, Queue<PressureReading>> _windows = new();
    private readonly double _dropThresholdKpa;
    private ImmutableList<LeakAlert> _alerts = ImmutableList<LeakAlert>.Empty;

    public LeakDetectorService(double dropThresholdKpa = 35.0) => _dropThresholdKpa = dropThresholdKpa;

    /// <summary>Called by the SCADA gateway handlers for every reading.</summary>
    public bool Submit(PressureReading reading) => _readings.Writer.TryWrite(reading);

    public IReadOnlyList<LeakAlert> RecentAlerts => Volatile.Read(ref _alerts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var reading in _readings.Reader.ReadAllAsync(stoppingToken))
        {
            if (!_windows.TryGetValue(reading.SegmentId, out var window))
            {
                window = new Queue<PressureReading>();
                _windows[reading.SegmentId] = window;
            }

            window.Enqueue(reading);
            while (window.Count > 0 && reading.At - window.Peek().At > TimeSpan.FromMinutes(2))
            {
                window.Dequeue();
            }

            var drop = window.Max(r => r.Kilopascals) - reading.Kilopascals;
            if (drop >= _dropThresholdKpa)
            {
                var alert = new LeakAlert(reading.SegmentId, drop, reading.At);
                var current = _alerts;
                var next = current.Count >= 100 ? current.RemoveAt(0).Add(alert) : current.Add(alert);
                Volatile.Write(ref _alerts, next);
                window.Clear();
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _readings.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
