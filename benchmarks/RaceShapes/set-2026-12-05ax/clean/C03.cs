using System.Collections.Concurrent;

namespace Blind50.QuiltingGuild.PatternExchange;

public sealed record PatternMessage(Guid Id, string MemberId, string PatternName);

/// <summary>
/// Delivers pattern-swap notifications to guild members' devices and redelivers any that are
/// not acknowledged in time. Acknowledgements arrive on the devices' connection threads while
/// the redelivery timer scans the outstanding messages.
/// </summary>
public sealed class PatternNotificationBroker : IDisposable
{
    private sealed record Outstanding(PatternMessage Message, DateTime SentUtc, int Attempts);

    private readonly ConcurrentDictionary<Guid, Outstanding> _outstanding = new();
    private readonly Func<PatternMessage, Task> _deliver;
    private readonly TimeSpan _ackTimeout;
    private readonly int _maxAttempts;
    private readonly Timer _redeliveryTimer;
    private long _deadLettered;

    public PatternNotificationBroker(Func<PatternMessage, Task> deliver, TimeSpan ackTimeout, int maxAttempts)
    {
        _deliver = deliver;
        _ackTimeout = ackTimeout;
        _maxAttempts = maxAttempts;
        _redeliveryTimer = new Timer(_ => ScanForRedelivery(), null, ackTimeout, ackTimeout);
    }

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public async Task<Guid> PublishAsync(string memberId, string patternName)
    {
        var message = new PatternMessage(Guid.NewGuid(), memberId, patternName);
        _outstanding[message.Id] = new Outstanding(message, DateTime.UtcNow, 1);
        await _deliver(message).ConfigureAwait(false);
        return message.Id;
    }

    public bool Acknowledge(Guid messageId) => _outstanding.TryRemove(messageId, out _);

    private void ScanForRedelivery()
    {
        var now = DateTime.UtcNow;
        foreach (var pair in _outstanding)
        {
            var entry = pair.Value;
            if (now - entry.SentUtc < _ackTimeout)
            {
                continue;
            }

            if (entry.Attempts >= _maxAttempts)
            {
                if (_outstanding.TryRemove(KeyValuePair.Create(pair.Key, entry)))
                {
                    Interlocked.Increment(ref _deadLettered);
                }

                continue;
            }

            var resent = entry with { SentUtc = now, Attempts = entry.Attempts + 1 };
            if (_outstanding.TryUpdate(pair.Key, resent, entry))
            {
                _ = RedeliverAsync(resent.Message);
            }
        }
    }

    private async Task RedeliverAsync(PatternMessage message)
    {
        try
        {
            await _deliver(message).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Redelivery of {message.Id} to {message.MemberId} failed: {ex.Message}");
        }
    }

    public int OutstandingCount => _outstanding.Count;

    public void Dispose() => _redeliveryTimer.Dispose();
}
