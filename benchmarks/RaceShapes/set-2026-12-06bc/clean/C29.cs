namespace Blind55.Clean.C29;

public interface IMessageChannel
{
    Task SendAsync(string to, string body, CancellationToken ct);
}

/// <summary>
/// Sliding-window throttle shared by the dental clinic's SMS and email reminder senders, so that
/// together they stay within the provider's limit of N messages per window.
/// </summary>
public sealed class ReminderThrottle
{
    private readonly object _sync = new();
    private readonly Queue<DateTime> _sentAt = new();
    private readonly int _limit;
    private readonly TimeSpan _window;

    public ReminderThrottle(int limit, TimeSpan window)
    {
        _limit = limit;
        _window = window;
    }

    public async Task WaitTurnAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan delay;
            lock (_sync)
            {
                var now = DateTime.UtcNow;
                while (_sentAt.Count > 0 && now - _sentAt.Peek() >= _window)
                {
                    _sentAt.Dequeue();
                }

                if (_sentAt.Count < _limit)
                {
                    _sentAt.Enqueue(now);
                    return;
                }

                delay = _window - (now - _sentAt.Peek());
            }

            await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.FromMilliseconds(1), ct);
        }
    }
}

public sealed record Reminder(string PatientId, string Address, DateTime Appointment);

/// <summary>One sender per channel; both share the same throttle instance.</summary>
public sealed class ReminderSender
{
    private readonly ReminderThrottle _throttle;
    private readonly IMessageChannel _channel;
    private int _sent;

    public ReminderSender(ReminderThrottle throttle, IMessageChannel channel)
    {
        _throttle = throttle;
        _channel = channel;
    }

    public int Sent => Volatile.Read(ref _sent);

    public async Task SendAllAsync(IEnumerable<Reminder> reminders, CancellationToken ct)
    {
        await Parallel.ForEachAsync(reminders, new ParallelOptions { MaxDegreeOfParallelism = 3, CancellationToken = ct }, async (r, token) =>
        {
            await _throttle.WaitTurnAsync(token);
            await _channel.SendAsync(r.Address, $"Reminder: dental appointment on {r.Appointment:ddd d MMM 'at' HH:mm}.", token);
            Interlocked.Increment(ref _sent);
        });
    }
}

public static class NightlyReminderJob
{
    public static Task RunAsync(IMessageChannel sms, IMessageChannel email, IReadOnlyList<Reminder> bySms, IReadOnlyList<Reminder> byEmail, CancellationToken ct)
    {
        var throttle = new ReminderThrottle(limit: 30, TimeSpan.FromMinutes(1));
        return Task.WhenAll(
            new ReminderSender(throttle, sms).SendAllAsync(bySms, ct),
            new ReminderSender(throttle, email).SendAllAsync(byEmail, ct));
    }
}
