using System.Threading.Channels;

namespace Blind24.CaveDiving;

public sealed class GasReading
{
    public string Cylinder { get; set; } = "";
    public double PressureBar { get; set; }
    public double OxygenFraction { get; set; }
    public double DepthMetres { get; set; }
    public DateTime TakenUtc { get; set; }
}

public interface IRegulatorSensor
{
    bool TryRead(string cylinder, out double pressureBar, out double oxygenFraction, out double depthMetres);
}

/// <summary>
/// Samples the diver's cylinders and writes entries into the dive gas log. Sampling
/// and log writing run on separate tasks connected by a bounded channel so a slow
/// SD card never delays sampling.
/// </summary>
public sealed class GasLogRecorder
{
    private readonly Channel<GasReading> _channel = Channel.CreateBounded<GasReading>(
        new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly IRegulatorSensor _sensor;
    private readonly TextWriter _log;

    public GasLogRecorder(IRegulatorSensor sensor, TextWriter log)
    {
        _sensor = sensor;
        _log = log;
    }

    public Task RunAsync(IReadOnlyList<string> cylinders, CancellationToken ct)
    {
        var sampler = Task.Run(() => SampleAsync(cylinders, ct), ct);
        var writer = Task.Run(() => WriteAsync(ct), ct);
        return Task.WhenAll(sampler, writer);
    }

    private async Task SampleAsync(IReadOnlyList<string> cylinders, CancellationToken ct)
    {
        var scratch = new GasReading();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                foreach (var cylinder in cylinders)
                {
                    if (!_sensor.TryRead(cylinder, out var bar, out var o2, out var depth))
                    {
                        continue;
                    }

                    scratch.Cylinder = cylinder;
                    scratch.PressureBar = bar;
                    scratch.OxygenFraction = o2;
                    scratch.DepthMetres = depth;
                    scratch.TakenUtc = DateTime.UtcNow;
                    await _channel.Writer.WriteAsync(scratch, ct);
                }

                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
        finally
        {
            _channel.Writer.TryComplete();
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        await foreach (var reading in _channel.Reader.ReadAllAsync(ct))
        {
            double ppO2 = reading.OxygenFraction * (1 + reading.DepthMetres / 10.0);
            await _log.WriteLineAsync(
                $"{reading.TakenUtc:HH:mm:ss} {reading.Cylinder} {reading.PressureBar:F0} bar ppO2={ppO2:F2}");
        }

        await _log.FlushAsync();
    }
}
