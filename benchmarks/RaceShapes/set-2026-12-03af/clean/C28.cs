using System.Collections.Immutable;

namespace Blind32.Origami.Announcements;

public sealed record Announcement(string Room, string Text, DateTimeOffset At);

/// <summary>
/// Pushes announcements (room changes, folding contest results) to every
/// screen at the origami convention. Screens register and unregister
/// themselves at any time, including from inside a handler while an
/// announcement is being delivered.
/// </summary>
public sealed class AnnouncementBoard
{
    private ImmutableList<Func<Announcement, Task>> _screens = ImmutableList<Func<Announcement, Task>>.Empty;
    private int _delivered;

    public int Delivered => Volatile.Read(ref _delivered);

    public IDisposable Register(Func<Announcement, Task> screen)
    {
        ImmutableInterlocked.Update(ref _screens, static (list, s) => list.Add(s), screen);
        return new Registration(this, screen);
    }

    public async Task AnnounceAsync(Announcement announcement)
    {
        var screens = Volatile.Read(ref _screens);
        var deliveries = screens.Select(async screen =>
        {
            try
            {
                await screen(announcement).ConfigureAwait(false);
                Interlocked.Increment(ref _delivered);
            }
            catch (IOException)
            {
                // A screen that dropped off the network; it will re-register when it reconnects.
            }
        });
        await Task.WhenAll(deliveries).ConfigureAwait(false);
    }

    private void Unregister(Func<Announcement, Task> screen) =>
        ImmutableInterlocked.Update(ref _screens, static (list, s) => list.Remove(s), screen);

    private sealed class Registration : IDisposable
    {
        private AnnouncementBoard? _board;
        private readonly Func<Announcement, Task> _screen;

        public Registration(AnnouncementBoard board, Func<Announcement, Task> screen)
        {
            _board = board;
            _screen = screen;
        }

        public void Dispose() => Interlocked.Exchange(ref _board, null)?.Unregister(_screen);
    }
}

/// <summary>A hallway screen that shows only its own room's announcements.</summary>
public sealed class HallwayScreen : IDisposable
{
    private readonly string _room;
    private readonly IDisposable _registration;
    private readonly object _gate = new();
    private string _showing = "";

    public HallwayScreen(string room, AnnouncementBoard board)
    {
        _room = room;
        _registration = board.Register(ShowAsync);
    }

    public string Showing
    {
        get { lock (_gate) return _showing; }
    }

    private Task ShowAsync(Announcement announcement)
    {
        if (announcement.Room == _room || announcement.Room == "*")
        {
            lock (_gate)
            {
                _showing = announcement.Text;
            }
        }
        return Task.CompletedTask;
    }

    public void Dispose() => _registration.Dispose();
}
