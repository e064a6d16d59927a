using System.Collections.Concurrent;

namespace GardenCentre.CareReminders;

public sealed record PlantCareRecord(Guid Id, string CustomerEmail, string PlantName, TimeSpan WateringInterval, DateTime LastRemindedUtc);

public sealed class ReminderDueEventArgs : EventArgs
{
    public ReminderDueEventArgs(PlantCareRecord record) => Record = record;

    public PlantCareRecord Record { get; }
}

/// <summary>
/// Sends watering and feeding reminders to customers who registered plants bought at the
/// garden centre. The e-mail sender and the app's push service subscribe to
/// <see cref="ReminderDue"/>; the sign-up kiosk registers plants.
/// </summary>
public sealed class CareReminderService : IDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(10);

    private readonly object _handlersLock = new();
    private readonly ConcurrentDictionary<Guid, PlantCareRecord> _plants = new();
    private readonly Timer _timer;
    private EventHandler<ReminderDueEventArgs>? _reminderDue;

    public CareReminderService()
    {
        _timer = new Timer(OnCheck, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(CheckInterval, Timeout.InfiniteTimeSpan);
    }

    public event EventHandler<ReminderDueEventArgs>? ReminderDue
    {
        add
        {
            lock (_handlersLock)
            {
                _reminderDue += value;
            }
        }
        remove
        {
            lock (_handlersLock)
            {
                _reminderDue -= value;
            }
        }
    }

    public Guid Register(string email, string plantName, TimeSpan wateringInterval)
    {
        var record = new PlantCareRecord(Guid.NewGuid(), email, plantName, wateringInterval, DateTime.UtcNow);
        _plants.TryAdd(record.Id, record);
        return record.Id;
    }

    public bool Unregister(Guid id) => _plants.TryRemove(id, out _);

    private void OnCheck(object? state)
    {
        var now = DateTime.UtcNow;
        EventHandler<ReminderDueEventArgs>? handlers;
        lock (_handlersLock)
        {
            handlers = _reminderDue;
        }

        foreach (var (id, record) in _plants)
        {
            if (now - record.LastRemindedUtc < record.WateringInterval)
            {
                continue;
            }

            var updated = record with { LastRemindedUtc = now };
            if (_plants.TryUpdate(id, updated, record))
            {
                handlers?.Invoke(this, new ReminderDueEventArgs(updated));
            }
        }

        try
        {
            _timer.Change(CheckInterval, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _timer.Dispose();
}
