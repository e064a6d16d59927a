using System.Diagnostics;

namespace Blind63.SaltMarsh.Alerts;

public interface ISmsSender
{
    Task SendAsync(string number, string text, CancellationToken ct);
}

/// <summary>
/// Sends a text to the marsh warden when a sluice sensor reports seawater
/// over the sill. Sensors report from many gateway threads, often in bursts;
/// at most one text goes out per sluice per quiet period.
/// </summary>
public sealed class SluiceOvertopNotifier
{
    private sealed class SluiceThrottle
    {
        public long LastSentTimestamp = long.MinValue;
        public int Suppressed;
    }

    private readonly ISmsSender _sms;
    private readonly string _wardenNumber;
    private readonly long _quietTicks;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SluiceThrottle> _throttles = new();

    public SluiceOvertopNotifier(ISmsSender sms, string wardenNumber, TimeSpan quietPeriod)
    {
        _sms = sms;
        _wardenNumber = wardenNumber;
        _quietTicks = (long)(quietPeriod.TotalSeconds * Stopwatch.Frequency);
    }

    public async Task<bool> OnOvertopAsync(string sluiceId, double depthCm, CancellationToken ct)
    {
        var throttle = _throttles.GetOrAdd(sluiceId, _ => new SluiceThrottle());
        long now = Stopwatch.GetTimestamp();

        while (true)
        {
            long last = Interlocked.Read(ref throttle.LastSentTimestamp);
            if (last != long.MinValue && now - last < _quietTicks)
            {
                Interlocked.Increment(ref throttle.Suppressed);
                return false;
            }
            if (Interlocked.CompareExchange(ref throttle.LastSentTimestamp, now, last) == last)
            {
                break;
            }
        }

        int suppressed = Interlocked.Exchange(ref throttle.Suppressed, 0);
        string extra = suppressed > 0 ? $" (+{suppressed} further reports)" : string.Empty;
        await _sms.SendAsync(_wardenNumber, $"Sluice {sluiceId}: seawater {depthCm:F0} cm over sill{extra}", ct);
        return true;
    }
}
