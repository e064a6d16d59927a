using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.BellFoundry.Casting;

public readonly record struct FurnaceReading(string FurnaceId, double Celsius, DateTime TakenAt);

/// <summary>Polls one furnace thermocouple and raises a reading from its own loop.</summary>
public sealed class FurnaceSensor
{
    private readonly Func<double> _probe;

    public FurnaceSensor(string furnaceId, Func<double> probe)
    {
        FurnaceId = furnaceId;
        _probe = probe;
    }

    public string FurnaceId { get; }

    public event EventHandler<FurnaceReading>? ReadingAvailable;

    public Task RunAsync(TimeSpan interval, CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            ReadingAvailable?.Invoke(this, new FurnaceReading(FurnaceId, _probe(), DateTime.UtcNow));
            try
            {
                await Task.Delay(interval, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    });
}

public interface ICastingLog
{
    Task AppendAsync(FurnaceReading reading);
}

/// <summary>View-model behind the casting-floor screen: live count and peak bronze temperature.</summary>
public sealed class CastingMonitorViewModel
{
    private readonly ICastingLog _log;
    private int _readingCount;
    private double _peakCelsius;

    public CastingMonitorViewModel(ICastingLog log, IEnumerable<FurnaceSensor> sensors)
    {
        _log = log;
        foreach (var sensor in sensors)
            sensor.ReadingAvailable += OnReadingAvailable;
    }

    public int ReadingCount => Volatile.Read(ref _readingCount);

    public double PeakCelsius => _peakCelsius;

    public bool ReadyToPour => PeakCelsius >= 1150;

    private async void OnReadingAvailable(object? sender, FurnaceReading reading)
    {
        try
        {
            await _log.AppendAsync(reading);
            Interlocked.Increment(ref _readingCount);
            if (reading.Celsius > _peakCelsius)
            {
                _peakCelsius = reading.Celsius;
            }
        }
        catch (Exception)
        {
            // a failed log write must not take down the floor screen
        }
    }
}
