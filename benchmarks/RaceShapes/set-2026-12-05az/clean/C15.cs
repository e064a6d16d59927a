using System;
using System.Timers;

namespace Blind52.ClockTower.Drift;

public readonly record struct DriftSummary(long Samples, double MeanDriftMs, double WorstDriftMs, DateTimeOffset? LastCorrection);

/// <summary>
/// Statistics of the tower clock's pendulum drift against the GPS reference.
/// Samples come from the reference timer; the clock-keeper's web page and the
/// automatic regulator read summaries at any time.
/// </summary>
public sealed class PendulumDriftStatistics
{
    private readonly object _sync = new();
    private long _samples;
    private double _sumMs;
    private double _worstMs;
    private DateTimeOffset? _lastCorrection;

    public void AddSample(double driftMs)
    {
        lock (_sync)
        {
            _samples++;
            _sumMs += driftMs;
            if (Math.Abs(driftMs) > Math.Abs(_worstMs))
            {
                _worstMs = driftMs;
            }
        }
    }

    public void RecordCorrection(DateTimeOffset at)
    {
        lock (_sync)
        {
            _lastCorrection = at;
            _samples = 0;
            _sumMs = 0;
            _worstMs = 0;
        }
    }

    /// <summary>
    /// If enough samples have built up and the mean drift is past the limit,
    /// starts a new correction period and returns the drift to correct.
    /// </summary>
    public bool TryBeginCorrection(long minSamples, double limitMs, DateTimeOffset at, out double meanDriftMs)
    {
        lock (_sync)
        {
            meanDriftMs = _samples == 0 ? 0 : _sumMs / _samples;
            if (_samples < minSamples || Math.Abs(meanDriftMs) <= limitMs)
            {
                return false;
            }

            _lastCorrection = at;
            _samples = 0;
            _sumMs = 0;
            _worstMs = 0;
            return true;
        }
    }

    public DriftSummary Snapshot()
    {
        lock (_sync)
        {
            return new DriftSummary(_samples, _samples == 0 ? 0 : _sumMs / _samples, _worstMs, _lastCorrection);
        }
    }
}

/// <summary>
/// Compares the pendulum's escapement sensor with the GPS receiver every few
/// seconds and nudges the regulator weight when drift builds up.
/// </summary>
public sealed class DriftMonitor : IDisposable
{
    private readonly PendulumDriftStatistics _stats;
    private readonly Func<double> _measureDriftMs;
    private readonly Action<double> _moveRegulator;
    private readonly System.Timers.Timer _timer;

    public DriftMonitor(PendulumDriftStatistics stats, Func<double> measureDriftMs, Action<double> moveRegulator)
    {
        _stats = stats;
        _measureDriftMs = measureDriftMs;
        _moveRegulator = moveRegulator;
        _timer = new System.Timers.Timer(5000) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
    }

    public void Start() => _timer.Start();

    private void OnElapsed(object? sender, ElapsedEventArgs e)
    {
        _stats.AddSample(_measureDriftMs());

        if (_stats.TryBeginCorrection(60, 250, DateTimeOffset.UtcNow, out double meanDriftMs))
        {
            _moveRegulator(-meanDriftMs);
        }
    }

    public string StatusLine()
    {
        var s = _stats.Snapshot();
        return $"{s.Samples} samples, mean {s.MeanDriftMs:F0} ms, worst {s.WorstDriftMs:F0} ms, last corrected {s.LastCorrection?.ToString("u") ?? "never"}";
    }

    public void Dispose() => _timer.Dispose();
}
