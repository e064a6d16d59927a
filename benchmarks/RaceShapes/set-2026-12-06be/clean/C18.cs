namespace Blind57.EscapeRooms.Clues;

public interface IClueScreen
{
    string Name { get; }
    Task ShowAsync(long version, IReadOnlyList<string> clues, CancellationToken ct);
}

/// <summary>
/// A running escape-room game. The game master's console reveals clues; the room's screens are
/// updated in the background with a copy of the clue list so the console never blocks.
/// </summary>
public sealed class ClueSession
{
    private readonly object _gate = new();
    private readonly List<string> _clues = new();
    private readonly IReadOnlyList<IClueScreen> _screens;
    private readonly Action<string, Exception> _logError;
    private long _version;

    public ClueSession(IReadOnlyList<IClueScreen> screens, Action<string, Exception> logError)
    {
        _screens = screens;
        _logError = logError;
    }

    public int CluesUsed
    {
        get { lock (_gate) return _clues.Count; }
    }

    public void RevealClue(string clue)
    {
        string[] snapshot;
        long version;
        lock (_gate)
        {
            _clues.Add(clue);
            snapshot = _clues.ToArray();
            version = ++_version;
        }

        _ = PushAsync(version, snapshot);
    }

    /// <summary>Also called by the room timer when the hour runs out.</summary>
    public void Reset()
    {
        long version;
        lock (_gate)
        {
            _clues.Clear();
            version = ++_version;
        }

        _ = PushAsync(version, Array.Empty<string>());
    }

    private async Task PushAsync(long version, IReadOnlyList<string> clues)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Task.WhenAll(_screens.Select(async screen =>
        {
            try
            {
                await screen.ShowAsync(version, clues, timeout.Token);
            }
            catch (Exception ex)
            {
                _logError(screen.Name, ex);
            }
        }));
    }
}

/// <summary>A screen that ignores updates older than the one it is already showing.</summary>
public sealed class WallScreen : IClueScreen
{
    private readonly object _gate = new();
    private long _shownVersion;
    private IReadOnlyList<string> _shown = Array.Empty<string>();

    public WallScreen(string name) => Name = name;

    public string Name { get; }

    public IReadOnlyList<string> Shown
    {
        get { lock (_gate) return _shown; }
    }

    public Task ShowAsync(long version, IReadOnlyList<string> clues, CancellationToken ct)
    {
        lock (_gate)
        {
            if (version > _shownVersion)
            {
                _shownVersion = version;
                _shown = clues;
            }
        }
        return Task.CompletedTask;
    }
}
