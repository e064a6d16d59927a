using System.Collections.Concurrent;
using System.Text.Json;

namespace Blind66.OrchidAuction.Notifications;

public interface IPushGateway
{
    void Send(string bidderId, string title, string body);
}

/// <summary>
/// Sends "you have been outbid" pushes to orchid bidders, at most one per bidder per window
/// so that a bidding war doesn't flood their phone. Registered as a singleton and called from
/// the bid handlers of every lot.
/// </summary>
public sealed class OutbidNotifier
{
    private readonly ConcurrentDictionary<string, BidderThrottle> _throttles = new(StringComparer.Ordinal);
    private readonly IPushGateway _push;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _window;
    private readonly string _templatePath;
    private Dictionary<string, string>? _templates;
    private long _suppressed;

    public OutbidNotifier(IPushGateway push, TimeProvider clock, string templatePath, TimeSpan? window = null)
    {
        _push = push;
        _clock = clock;
        _templatePath = templatePath;
        _window = window ?? TimeSpan.FromSeconds(30);
    }

    public long Suppressed => Interlocked.Read(ref _suppressed);

    public bool NotifyOutbid(string bidderId, string lotId, decimal newHighest)
    {
        var throttle = _throttles.GetOrAdd(bidderId, static _ => new BidderThrottle());
        var now = _clock.GetTimestamp();
        while (true)
        {
            var last = Interlocked.Read(ref throttle.LastSentTimestamp);
            if (last != 0 && _clock.GetElapsedTime(last, now) < _window)
            {
                Interlocked.Increment(ref _suppressed);
                return false;
            }

            if (Interlocked.CompareExchange(ref throttle.LastSentTimestamp, now, last) == last)
            {
                break;
            }
        }

        var templates = LazyInitializer.EnsureInitialized(ref _templates, LoadTemplates);
        var body = templates.GetValueOrDefault("outbid", "Lot {0} is now at {1:C}")
            .Replace("{0}", lotId, StringComparison.Ordinal)
            .Replace("{1:C}", newHighest.ToString("C"), StringComparison.Ordinal);
        _push.Send(bidderId, "You have been outbid", body);
        return true;
    }

    /// <summary>Drops throttles for bidders who have left the sale.</summary>
    public void Forget(string bidderId) => _throttles.TryRemove(bidderId, out _);

    private Dictionary<string, string> LoadTemplates()
    {
        if (!File.Exists(_templatePath))
        {
            return new Dictionary<string, string>();
        }

        using var stream = File.OpenRead(_templatePath);
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? new Dictionary<string, string>();
    }

    private sealed class BidderThrottle
    {
        public long LastSentTimestamp;
    }
}
