namespace EscapeRooms.Hints;

public enum HintOutcome { Delivered, PlayersSolvedFirst, SessionEnded }

/// <summary>
/// Waits for the game master to approve a hint request. The approval arrives via the
/// game-master API, the puzzle sensor may report a solve first, and the room deadline may expire.
/// </summary>
public sealed class HintRequest
{
    private readonly TaskCompletionSource<HintOutcome> _outcome =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _hintsDelivered;

    public HintRequest(string roomName, string puzzleName)
    {
        RoomName = roomName;
        PuzzleName = puzzleName;
    }

    public string RoomName { get; }
    public string PuzzleName { get; }
    public int HintsDelivered => Volatile.Read(ref _hintsDelivered);

    public async Task<HintOutcome> WaitAsync(CancellationToken roomDeadline)
    {
        using var registration = roomDeadline.Register(
            static state => ((TaskCompletionSource<HintOutcome>)state!).TrySetResult(HintOutcome.SessionEnded),
            _outcome);
        return await _outcome.Task.ConfigureAwait(false);
    }

    /// <summary>Called from the game-master API request thread.</summary>
    public bool Approve()
    {
        if (_outcome.TrySetResult(HintOutcome.Delivered))
        {
            Interlocked.Increment(ref _hintsDelivered);
            return true;
        }
        return false;
    }

    /// <summary>Called from the puzzle sensor's event thread.</summary>
    public void OnPuzzleSolved() => _outcome.TrySetResult(HintOutcome.PlayersSolvedFirst);
}

public sealed class HintDesk
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HintRequest> _open = new();

    public HintRequest Open(string room, string puzzle) =>
        _open.GetOrAdd($"{room}/{puzzle}", _ => new HintRequest(room, puzzle));

    public bool Approve(string room, string puzzle) =>
        _open.TryRemove($"{room}/{puzzle}", out var request) && request.Approve();
}
