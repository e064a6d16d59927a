using Microsoft.Extensions.Logging;

namespace ClayWorks.Kilns.Firing;

public sealed record FiringSegment(double RampCelsiusPerHour, double TargetCelsius, TimeSpan Hold);

public interface IKilnController
{
    Task SetTargetAsync(double celsius, CancellationToken ct);
    Task<double> ReadThermocoupleAsync(CancellationToken ct);
}

/// <summary>
/// Runs one firing schedule on one kiln. A new session is created for every firing and
/// driven by a single call to <see cref="RunAsync"/>.
/// </summary>
public sealed class KilnFiringSession
{
    private readonly IKilnController _kiln;
    private readonly ILogger _logger;
    private readonly List<(DateTimeOffset At, double Celsius)> _trace = new();
    private double _peakCelsius;
    private int _segmentsCompleted;
    private TimeSpan _totalHold;

    public KilnFiringSession(IKilnController kiln, ILogger logger)
    {
        _kiln = kiln;
        _logger = logger;
    }

    public async Task<FiringSummary> RunAsync(IReadOnlyList<FiringSegment> schedule, CancellationToken ct)
    {
        var current = await _kiln.ReadThermocoupleAsync(ct).ConfigureAwait(false);
        Record(current);

        foreach (var segment in schedule)
        {
            while (current < segment.TargetCelsius - 2)
            {
                var step = Math.Min(segment.TargetCelsius, current + segment.RampCelsiusPerHour / 60.0);
                await _kiln.SetTargetAsync(step, ct).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMinutes(1), ct).ConfigureAwait(false);
                current = await _kiln.ReadThermocoupleAsync(ct).ConfigureAwait(false);
                Record(current);
            }

            await Task.Delay(segment.Hold, ct).ConfigureAwait(false);
            _totalHold += segment.Hold;
            _segmentsCompleted++;
            _logger.LogInformation("Segment {N} complete at {Celsius:F0} C", _segmentsCompleted, current);
        }

        var cone = await Task.Run(() => EstimateCone(_trace), ct).ConfigureAwait(false);
        return new FiringSummary(_segmentsCompleted, _peakCelsius, _totalHold, cone);
    }

    private void Record(double celsius)
    {
        _trace.Add((DateTimeOffset.UtcNow, celsius));
        if (celsius > _peakCelsius)
        {
            _peakCelsius = celsius;
        }
    }

    // Rough heat-work estimate from the temperature trace, CPU bound for long firings.
    private static string EstimateCone(IReadOnlyList<(DateTimeOffset At, double Celsius)> trace)
    {
        double heatWork = 0;
        for (int i = 1; i < trace.Count; i++)
        {
            var minutes = (trace[i].At - trace[i - 1].At).TotalMinutes;
            heatWork += Math.Max(0, trace[i].Celsius - 600) * minutes;
        }
        return heatWork switch
        {
            > 400_000 => "Cone 10",
            > 250_000 => "Cone 6",
            > 120_000 => "Cone 04",
            _ => "Underfired",
        };
    }
}

public sealed record FiringSummary(int SegmentsCompleted, double PeakCelsius, TimeSpan TotalHold, string ConeEstimate);
