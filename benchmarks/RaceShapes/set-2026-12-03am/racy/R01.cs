using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind39.AlpineHuts.Holds;

/// <summary>
/// Short-lived holds on hut bunks while a hiker completes checkout.
/// Registered as a singleton in the booking API: request threads call
/// <see cref="TryHold"/> and <see cref="Release"/>, and a sweep timer drops
/// holds that ran past their deadline.
/// </summary>
public sealed class BunkHoldCache : IDisposable
{
    private readonly Dictionary<string, BunkHold> _holds = new(StringComparer.Ordinal);
    private readonly object _sync = new();
    private readonly Timer _sweepTimer;
    private readonly TimeSpan _holdDuration;

    public BunkHoldCache(TimeSpan holdDuration)
    {
        _holdDuration = holdDuration;
        _sweepTimer = new Timer(_ => Sweep(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public bool TryHold(string hutId, int bunk, string hikerId)
    {
        var key = MakeKey(hutId, bunk);
        var now = DateTime.UtcNow;
        lock (_sync)
        {
            if (_holds.TryGetValue(key, out var existing) && existing.ExpiresAt > now)
            {
                // the same hiker refreshing the page keeps the hold
                return existing.HikerId == hikerId;
            }

            _holds[key] = new BunkHold(hikerId, now + _holdDuration);
            return true;
        }
    }

    public void Release(string hutId, int bunk, string hikerId)
    {
        var key = MakeKey(hutId, bunk);
        lock (_holds)
        {
            if (_holds.TryGetValue(key, out var existing) && existing.HikerId == hikerId)
            {
                _holds.Remove(key);
            }
        }
    }

    public int ActiveCount
    {
        get
        {
            lock (_sync)
            {
                return _holds.Count;
            }
        }
    }

    private void Sweep()
    {
        var now = DateTime.UtcNow;
        lock (_sync)
        {
            var expired = new List<string>();
            foreach (var pair in _holds)
            {
                if (pair.Value.ExpiresAt <= now)
                    expired.Add(pair.Key);
            }

            foreach (var key in expired)
                _holds.Remove(key);
        }
    }

    private static string MakeKey(string hutId, int bunk) => $"{hutId}:{bunk}";

    public void Dispose() => _sweepTimer.Dispose();
}

public sealed record BunkHold(string HikerId, DateTime ExpiresAt);
