using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Blind39.BellFoundry.Tuning;

public readonly record struct ToneMeasurement(string BellId, string Partial, double FrequencyHz);

/// <summary>Accumulated partials for one bell as it is tuned on the lathe.</summary>
public sealed class BellProfile
{
    public BellProfile(string bellId) => BellId = bellId;

    public string BellId { get; }
    public Dictionary<string, double> LatestHz { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int Measurements { get; set; }
}

/// <summary>
/// Receives frequency measurements from the microphones around the tuning lathe and
/// folds them into bell profiles. Each microphone submits from its own loop.
/// </summary>
public sealed class ToneTuningPipeline
{
    private readonly Channel<ToneMeasurement> _channel = Channel.CreateBounded<ToneMeasurement>(
        new BoundedChannelOptions(512)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private readonly Dictionary<string, BellProfile> _profiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _reader;

    public ToneTuningPipeline()
    {
        _reader = Task.Run(ReadLoopAsync);
    }

    public ValueTask SubmitAsync(ToneMeasurement measurement, CancellationToken ct) =>
        _channel.Writer.WriteAsync(measurement, ct);

    private async Task ReadLoopAsync()
    {
        await foreach (var m in _channel.Reader.ReadAllAsync())
        {
            if (!_profiles.TryGetValue(m.BellId, out var profile))
            {
                profile = new BellProfile(m.BellId);
                _profiles.Add(m.BellId, profile);
            }

            profile.LatestHz[m.Partial] = m.FrequencyHz;
            profile.Measurements++;
        }
    }

    /// <summary>Stops accepting measurements and returns the finished profiles.</summary>
    public async Task<IReadOnlyDictionary<string, BellProfile>> CompleteAsync()
    {
        _channel.Writer.TryComplete();
        await _reader.ConfigureAwait(false);
        return _profiles;
    }
}

/// <summary>One microphone streaming measurements into the pipeline.</summary>
public static class LatheMicrophone
{
    public static Task StreamAsync(ToneTuningPipeline pipeline, string bellId, IEnumerable<(string Partial, double Hz)> readings, CancellationToken ct) =>
        Task.Run(async () =>
        {
            foreach (var (partial, hz) in readings)
                await pipeline.SubmitAsync(new ToneMeasurement(bellId, partial, hz), ct);
        }, ct);
}
