namespace PuppetFestival.Schedule;

public sealed record ShowtimeChange(string Company, string Stage, DateTime OldStart, DateTime NewStart);

/// <summary>
/// Process-wide notification hub for schedule changes. Booth displays, the SMS
/// sender and the volunteer app subscribe when they start up and unsubscribe
/// when they close.
/// </summary>
public static class ShowtimeNotifications
{
    private static readonly object s_registrationLock = new();
    private static readonly List<Action<ShowtimeChange>> s_listeners = new();

    public static IDisposable Subscribe(Action<ShowtimeChange> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (s_registrationLock)
        {
            s_listeners.Add(listener);
        }
        return new Subscription(listener);
    }

    private static void Unsubscribe(Action<ShowtimeChange> listener)
    {
        lock (s_registrationLock)
        {
            s_listeners.Remove(listener);
        }
    }

    public static void Publish(ShowtimeChange change)
    {
        foreach (var listener in s_listeners)
        {
            try
            {
                listener(change);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Showtime listener failed: {ex.Message}");
            }
        }
    }

    private sealed class Subscription : IDisposable
    {
        private Action<ShowtimeChange>? _listener;

        public Subscription(Action<ShowtimeChange> listener) => _listener = listener;

        public void Dispose()
        {
            var listener = Interlocked.Exchange(ref _listener, null);
            if (listener != null)
            {
                Unsubscribe(listener);
            }
        }
    }
}

/// <summary>Pulls the organisers' spreadsheet every few minutes and publishes differences.</summary>
public sealed class ScheduleImporter
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<ShowtimeChange>>> _fetchChanges;

    public ScheduleImporter(Func<CancellationToken, Task<IReadOnlyList<ShowtimeChange>>> fetchChanges)
        => _fetchChanges = fetchChanges;

    public Task RunAsync(CancellationToken ct) => Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(2));
        do
        {
            var changes = await _fetchChanges(ct).ConfigureAwait(false);
            foreach (var change in changes)
            {
                ShowtimeNotifications.Publish(change);
            }
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }, ct);
}
