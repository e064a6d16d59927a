namespace Blind55.Clean.C06;

/// <summary>
/// Walk-in lobby for the escape room venue: players join from the kiosk app, may leave before a
/// group forms, and the game master's console blocks until a full team is available.
/// </summary>
public sealed class WalkInLobby
{
    private readonly object _gate = new();
    private readonly List<string> _waiting = new();
    private readonly int _teamSize;
    private bool _closed;

    public WalkInLobby(int teamSize) => _teamSize = teamSize;

    public bool Join(string player)
    {
        lock (_gate)
        {
            if (_closed || _waiting.Contains(player))
            {
                return false;
            }

            _waiting.Add(player);
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    public bool Leave(string player)
    {
        lock (_gate)
        {
            return _waiting.Remove(player);
        }
    }

    /// <summary>Waits for a full team; returns null on timeout or when the lobby closes.</summary>
    public string[]? WaitForTeam(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_waiting.Count < _teamSize)
            {
                if (_closed)
                {
                    return null;
                }

                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    return null;
                }

                Monitor.Wait(_gate, remaining);
            }

            var team = _waiting.GetRange(0, _teamSize).ToArray();
            _waiting.RemoveRange(0, _teamSize);
            return team;
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    public int WaitingCount
    {
        get { lock (_gate) return _waiting.Count; }
    }
}

public static class GameMasterConsole
{
    public static Task RunAsync(WalkInLobby lobby, Action<string[]> startGame, CancellationToken ct) =>
        Task.Factory.StartNew(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                var team = lobby.WaitForTeam(TimeSpan.FromSeconds(30));
                if (team != null)
                {
                    startGame(team);
                }
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
