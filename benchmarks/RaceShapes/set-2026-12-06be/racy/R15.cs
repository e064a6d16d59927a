namespace Blind57.EscapeRooms.GameMaster;

public interface IRoomScreen
{
    string Name { get; }
    Task ShowCluesAsync(string text, CancellationToken ct);
}

/// <summary>
/// One live game in an escape room. The game master's console (a single UI thread) reveals
/// clues as the players get stuck; every screen in the room is updated in the background so
/// the console never waits on a slow display.
/// </summary>
public sealed class RoomSession
{
    private readonly List<string> _revealedClues = new();
    private readonly IReadOnlyList<IRoomScreen> _screens;
    private readonly Action<string, Exception> _logError;

    public RoomSession(string roomName, IReadOnlyList<IRoomScreen> screens, Action<string, Exception> logError)
    {
        RoomName = roomName;
        _screens = screens;
        _logError = logError;
    }

    public string RoomName { get; }

    public int CluesUsed => _revealedClues.Count;

    /// <summary>Called from the console when the game master sends a clue.</summary>
    public void RevealClue(string clue)
    {
        _revealedClues.Add(clue);
        _ = Task.Run(PushToScreensAsync);
    }

    /// <summary>Called from the console when a new team starts.</summary>
    public void Reset()
    {
        _revealedClues.Clear();
        _ = Task.Run(PushToScreensAsync);
    }

    private async Task PushToScreensAsync()
    {
        var text = string.Join(Environment.NewLine, _revealedClues.Select((c, i) => $"{i + 1}. {c}"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var pushes = _screens.Select(async screen =>
        {
            try
            {
                await screen.ShowCluesAsync(text, timeout.Token);
            }
            catch (Exception ex)
            {
                _logError(screen.Name, ex);
            }
        });
        await Task.WhenAll(pushes);
    }
}
