using System;
using System.Collections.Generic;
using System.Timers;
using Timer = System.Timers.Timer;

namespace Blind16.Glacier.Telemetry;

public readonly record struct GaugeReading(string StationId, DateTimeOffset TakenAt, double DischargeM3s, double WaterTempC);

public interface IGaugeSource
{
    GaugeReading Read();
}

public interface ISatelliteUplink
{
    /// <summary>Transmits a batch over the Iridium modem. Can take several seconds.</summary>
    void Transmit(IReadOnlyList<GaugeReading> batch);
}

/// <summary>
/// Samples the meltwater gauge on a fixed interval and forwards readings in batches
/// over the satellite uplink at remote glacier stations.
/// </summary>
public sealed class MeltwaterTelemetryUploader : IDisposable
{
    private readonly IGaugeSource _gauge;
    private readonly ISatelliteUplink _uplink;
    private readonly int _batchSize;
    private readonly Timer _timer;
    private readonly List<GaugeReading> _buffer = new();
    private long _transmittedBatches;

    public MeltwaterTelemetryUploader(IGaugeSource gauge, ISatelliteUplink uplink, TimeSpan sampleInterval, int batchSize = 12)
    {
        _gauge = gauge;
        _uplink = uplink;
        _batchSize = batchSize;
        _timer = new Timer(sampleInterval.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += OnSampleDue;
    }

    public long TransmittedBatches => System.Threading.Interlocked.Read(ref _transmittedBatches);

    public void Start() => _timer.Start();

    public void Stop() => _timer.Stop();

    private void OnSampleDue(object? sender, ElapsedEventArgs e)
    {
        GaugeReading reading;
        try
        {
            reading = _gauge.Read();
        }
        catch (TimeoutException)
        {
            // Gauge sometimes stalls in sub-zero temperatures; skip this sample.
            return;
        }

        _buffer.Add(reading);

        if (_buffer.Count < _batchSize)
        {
            return;
        }

        var batch = _buffer.ToArray();
        try
        {
            _uplink.Transmit(batch);
            System.Threading.Interlocked.Increment(ref _transmittedBatches);
            _buffer.Clear();
        }
        catch (Exception ex)
        {
            // Keep the readings and try again with the next batch.
            Console.Error.WriteLine($"Uplink failed for {batch.Length} readings: {ex.Message}");
        }
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Elapsed -= OnSampleDue;
        _timer.Dispose();
    }
}
