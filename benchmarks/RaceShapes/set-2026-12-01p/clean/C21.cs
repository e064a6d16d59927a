using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Blind16.BridgeMonitoring.Strain;

public sealed record GaugeChannel(string ChannelId, string Span, double CalibrationFactor);

public sealed record StrainResult(string ChannelId, string Span, double PeakMicrostrain, double RmsMicrostrain);

public interface IStrainRecorder
{
    double[] DownloadRaw(string channelId, DateTimeOffset from, DateTimeOffset to);
}

/// <summary>
/// Downloads and reduces strain gauge records for each channel on a bridge after a
/// heavy-load event (e.g. an abnormal load convoy). Channels are processed on the
/// thread pool.
/// </summary>
public sealed class LoadEventReducer
{
    private readonly IStrainRecorder _recorder;

    public LoadEventReducer(IStrainRecorder recorder) => _recorder = recorder;

    public IReadOnlyList<StrainResult> Reduce(IReadOnlyList<GaugeChannel> channels, DateTimeOffset from, DateTimeOffset to)
    {
        var results = new StrainResult?[channels.Count];
        var errors = new Exception?[channels.Count];

        using var remaining = new CountdownEvent(channels.Count);

        for (var i = 0; i < channels.Count; i++)
        {
            var index = i;
            ThreadPool.QueueUserWorkItem(_ =>
            {
                try
                {
                    var channel = channels[index];
                    var raw = _recorder.DownloadRaw(channel.ChannelId, from, to);
                    var scaled = raw.Select(v => v * channel.CalibrationFactor).ToArray();

                    var peak = scaled.Length == 0 ? 0 : scaled.Max(Math.Abs);
                    var rms = scaled.Length == 0 ? 0 : Math.Sqrt(scaled.Average(v => v * v));

                    results[index] = new StrainResult(channel.ChannelId, channel.Span, Math.Round(peak, 1), Math.Round(rms, 1));
                }
                catch (Exception ex)
                {
                    errors[index] = ex;
                }
                finally
                {
                    remaining.Signal();
                }
            });
        }

        remaining.Wait();

        var failures = errors.Where(e => e is not null).Select(e => e!).ToList();
        if (failures.Count > 0)
        {
            throw new AggregateException("Some strain channels could not be reduced.", failures);
        }

        return results.Select(r => r!).OrderByDescending(r => r.PeakMicrostrain).ToList();
    }
}
