using System.ComponentModel;

namespace Blind55.Racy.R06;

public sealed class RoomFinishedEventArgs : EventArgs
{
    public RoomFinishedEventArgs(string room, TimeSpan time, bool escaped)
    {
        Room = room;
        Time = time;
        Escaped = escaped;
    }

    public string Room { get; }
    public TimeSpan Time { get; }
    public bool Escaped { get; }
}

/// <summary>
/// Watches the escape rooms' door sensors. Each room is polled on its own worker and
/// <see cref="RoomFinished"/> is raised from that worker.
/// </summary>
public sealed class RoomMonitor
{
    public event EventHandler<RoomFinishedEventArgs>? RoomFinished;

    public Task WatchAsync(IEnumerable<string> rooms, Func<string, CancellationToken, Task<(TimeSpan, bool)>> waitForDoor, CancellationToken ct)
    {
        var watchers = rooms.Select(room => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                var (time, escaped) = await waitForDoor(room, ct);
                RoomFinished?.Invoke(this, new RoomFinishedEventArgs(room, time, escaped));
            }
        }, ct));

        return Task.WhenAll(watchers);
    }
}

public interface IBookingArchive
{
    Task SaveResultAsync(string room, TimeSpan time, bool escaped);
}

/// <summary>Front desk dashboard: shows how many games finished today.</summary>
public sealed class FrontDeskViewModel : INotifyPropertyChanged
{
    private readonly IBookingArchive _archive;
    private int _finishedToday;

    public FrontDeskViewModel(RoomMonitor monitor, IBookingArchive archive)
    {
        _archive = archive;
        monitor.RoomFinished += OnRoomFinished;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public int FinishedToday => _finishedToday;

    private async void OnRoomFinished(object? sender, RoomFinishedEventArgs e)
    {
        _finishedToday++;
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(FinishedToday)));

        try
        {
            await _archive.SaveResultAsync(e.Room, e.Time, e.Escaped);
        }
        catch (IOException)
        {
            // The archive is best effort; the game master keeps paper sheets too.
        }
    }
}
