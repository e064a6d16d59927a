using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind39.DogSled.Telemetry;

public readonly record struct HarnessSample(string TeamId, int DogPosition, double TensionNewtons, DateTime At);

public interface ITelemetrySink
{
    Task WritePeaksAsync(IReadOnlyDictionary<string, double> peakTensionByTeam, CancellationToken ct);
}

/// <summary>
/// Collects harness tension samples from the trail checkpoints. Registered as a singleton;
/// each checkpoint gateway calls <see cref="Record"/> from its own receive loop.
/// </summary>
public sealed class HarnessTelemetryBuffer
{
    private List<HarnessSample> _pending = new();

    public void Record(HarnessSample sample)
    {
        lock (_pending)
        {
            _pending.Add(sample);
        }
    }

    /// <summary>Hands over everything recorded so far and starts a fresh buffer.</summary>
    public List<HarnessSample> TakeAll()
    {
        return Interlocked.Exchange(ref _pending, new List<HarnessSample>());
    }
}

/// <summary>Every ten seconds, writes each team's peak harness tension to the musher dashboard.</summary>
public sealed class HarnessTelemetryExporter : BackgroundService
{
    private readonly HarnessTelemetryBuffer _buffer;
    private readonly ITelemetrySink _sink;
    private readonly ILogger<HarnessTelemetryExporter> _logger;

    public HarnessTelemetryExporter(HarnessTelemetryBuffer buffer, ITelemetrySink sink, ILogger<HarnessTelemetryExporter> logger)
    {
        _buffer = buffer;
        _sink = sink;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var batch = _buffer.TakeAll();
            if (batch.Count == 0)
                continue;

            var peaks = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var sample in batch)
            {
                if (!peaks.TryGetValue(sample.TeamId, out var peak) || sample.TensionNewtons > peak)
                    peaks[sample.TeamId] = sample.TensionNewtons;
            }

            try
            {
                await _sink.WritePeaksAsync(peaks, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Dropped {Count} harness samples", batch.Count);
            }
        }
    }
}
