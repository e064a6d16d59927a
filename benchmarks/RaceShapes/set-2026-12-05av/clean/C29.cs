namespace Blind48.JazzFestival.Notifications;

public sealed record Subscriber(string Id, string Channel, string Address);

public sealed record DeliveryOutcome(string SubscriberId, bool Delivered, string? Error);

public interface INotificationChannel
{
    string Name { get; }
    Task SendAsync(string address, string message, CancellationToken ct);
}

/// <summary>
/// Sends set-time changes to everyone following a band, over SMS, e-mail and
/// push at once, and reports what happened for each subscriber.
/// </summary>
public sealed class SetTimeChangeNotifier
{
    private readonly IReadOnlyDictionary<string, INotificationChannel> _channels;
    private readonly SemaphoreSlim _throttle = new(32);

    public SetTimeChangeNotifier(IEnumerable<INotificationChannel> channels) =>
        _channels = channels.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public async Task<(int Delivered, IReadOnlyList<DeliveryOutcome> Failures)> NotifyAsync(
        IReadOnlyList<Subscriber> followers, string band, DateTimeOffset newTime, CancellationToken ct)
    {
        var message = $"{band} now plays at {newTime:HH:mm}. See you at the stage!";

        var sends = followers.Select(f => SendOneAsync(f, message, ct)).ToArray();
        var outcomes = await Task.WhenAll(sends).ConfigureAwait(false);

        var delivered = 0;
        var failures = new List<DeliveryOutcome>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Delivered)
            {
                delivered++;
            }
            else
            {
                failures.Add(outcome);
            }
        }

        return (delivered, failures);
    }

    private async Task<DeliveryOutcome> SendOneAsync(Subscriber subscriber, string message, CancellationToken ct)
    {
        if (!_channels.TryGetValue(subscriber.Channel, out var channel))
        {
            return new DeliveryOutcome(subscriber.Id, false, $"No channel '{subscriber.Channel}'");
        }

        await _throttle.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await channel.SendAsync(subscriber.Address, message, ct).ConfigureAwait(false);
            return new DeliveryOutcome(subscriber.Id, true, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return new DeliveryOutcome(subscriber.Id, false, ex.Message);
        }
        finally
        {
            _throttle.Release();
        }
    }
}
