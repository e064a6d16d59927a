using System.Collections.Concurrent;

namespace Blind59.ClockRepair.Timegrapher;

public readonly record struct BeatSample(long MicrosecondsSinceStart, double AmplitudeDegrees, bool Tick);

public sealed record RegulationReport(double RateSecondsPerDay, double MeanAmplitude, double BeatErrorMs, int Beats);

/// <summary>
/// Runs one measurement on the workshop's timegrapher: a reader thread pulls beat
/// samples off the microphone stand, an analysis thread works out rate, amplitude and
/// beat error. The bench UI awaits the report.
/// </summary>
public sealed class RegulationSession
{
    private readonly Func<BeatSample?> _readSample;
    private readonly int _nominalBeatsPerHour;

    public RegulationSession(Func<BeatSample?> readSample, int nominalBeatsPerHour)
    {
        _readSample = readSample;
        _nominalBeatsPerHour = nominalBeatsPerHour;
    }

    public Task<RegulationReport> MeasureAsync(TimeSpan duration, CancellationToken ct)
    {
        var samples = new BlockingCollection<BeatSample>(boundedCapacity: 4096);

        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                var until = DateTime.UtcNow + duration;
                while (DateTime.UtcNow < until && !ct.IsCancellationRequested)
                {
                    if (_readSample() is { } sample)
                    {
                        samples.Add(sample, ct);
                    }
                }
            }
            finally
            {
                samples.CompleteAdding();
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var analyser = Task.Factory.StartNew(() => Analyse(samples), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

        return Task.WhenAll(reader, analyser).ContinueWith(_ =>
        {
            samples.Dispose();
            return analyser.Result;
        }, TaskScheduler.Default);
    }

    private RegulationReport Analyse(BlockingCollection<BeatSample> samples)
    {
        double expectedPeriodUs = 3_600_000_000.0 / _nominalBeatsPerHour;
        long? first = null, last = null, previous = null;
        double amplitudeSum = 0, tickGapSum = 0, tockGapSum = 0;
        int beats = 0, ticks = 0, tocks = 0;

        foreach (var s in samples.GetConsumingEnumerable())
        {
            first ??= s.MicrosecondsSinceStart;
            if (previous is { } p)
            {
                double gap = s.MicrosecondsSinceStart - p;
                if (s.Tick) { tickGapSum += gap; ticks++; } else { tockGapSum += gap; tocks++; }
            }
            previous = last = s.MicrosecondsSinceStart;
            amplitudeSum += s.AmplitudeDegrees;
            beats++;
        }

        if (beats < 2 || ticks == 0 || tocks == 0)
        {
            return new RegulationReport(0, 0, 0, beats);
        }

        double measuredPeriod = (double)(last!.Value - first!.Value) / (beats - 1);
        double rate = (expectedPeriodUs - measuredPeriod) / expectedPeriodUs * 86_400;
        double beatError = Math.Abs(tickGapSum / ticks - tockGapSum / tocks) / 2 / 1000;
        return new RegulationReport(rate, amplitudeSum / beats, beatError, beats);
    }
}
