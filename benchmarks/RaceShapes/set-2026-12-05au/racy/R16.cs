using System.Collections.Generic;

namespace Blind47.WeatherBalloons.Ascent;

public readonly record struct RadiosondeFrame(int FrameNumber, double AltitudeM, double PressureHpa, double TemperatureC, double HumidityPct);

/// <summary>Decodes frames from the ground receiver and reports them as they arrive.</summary>
public sealed class RadiosondeDecoder
{
    private readonly Func<CancellationToken, Task<byte[]?>> _receive;

    public RadiosondeDecoder(Func<CancellationToken, Task<byte[]?>> receive) => _receive = receive;

    public async Task RunAsync(IProgress<RadiosondeFrame> progress, CancellationToken ct)
    {
        var frameNumber = 0;
        while (!ct.IsCancellationRequested)
        {
            var raw = await _receive(ct).ConfigureAwait(false);
            if (raw is null)
            {
                break;
            }

            if (raw.Length < 16)
            {
                continue;
            }

            var frame = new RadiosondeFrame(
                ++frameNumber,
                BitConverter.ToSingle(raw, 0),
                BitConverter.ToSingle(raw, 4),
                BitConverter.ToSingle(raw, 8),
                BitConverter.ToSingle(raw, 12));
            progress.Report(frame);
        }
    }
}

/// <summary>
/// Collects the ascent profile for one launch. Runs inside the launch-site
/// console tool, which reports progress through <see cref="Progress{T}"/>.
/// </summary>
public sealed class AscentProfileRecorder
{
    private readonly List<RadiosondeFrame> _profile = new();

    public int FramesKept
    {
        get
        {
            lock (_profile)
            {
                return _profile.Count;
            }
        }
    }

    public async Task<IReadOnlyList<RadiosondeFrame>> RecordAsync(RadiosondeDecoder decoder, CancellationToken ct)
    {
        var progress = new Progress<RadiosondeFrame>(OnFrame);
        await decoder.RunAsync(progress, ct);

        // Give the last queued reports a moment to be handled before building the profile.
        await Task.Delay(250, CancellationToken.None);
        lock (_profile)
        {
            return _profile.OrderBy(f => f.FrameNumber).ToArray();
        }
    }

    private void OnFrame(RadiosondeFrame frame)
    {
        if (frame.AltitudeM <= 0 || frame.HumidityPct is < 0 or > 100)
        {
            return;
        }

        _profile.Add(frame);
    }
}

public static class LaunchConsole
{
    public static async Task<int> RunAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromHours(3));
        var random = new Random(7);
        var decoder = new RadiosondeDecoder(async ct =>
        {
            await Task.Delay(10, ct);
            var buffer = new byte[16];
            BitConverter.TryWriteBytes(buffer.AsSpan(0), (float)random.Next(1, 30_000));
            return buffer;
        });

        var recorder = new AscentProfileRecorder();
        var profile = await recorder.RecordAsync(decoder, cts.Token);
        var burst = profile.Count == 0 ? 0 : profile.Max(f => f.AltitudeM);
        Console.WriteLine($"{profile.Count} frames, burst at {burst:F0} m");
        return 0;
    }
}
