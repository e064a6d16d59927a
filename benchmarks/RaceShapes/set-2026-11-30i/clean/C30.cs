namespace Arena.Server.Sessions;

/// <summary>
/// A player's session on the game server. Sessions are created by the
/// network layer on I/O threads and closed from the match loop, the
/// idle-kick timer, or the admin console.
/// </summary>
public sealed class PlayerSession : IDisposable
{
    private static readonly object s_registryLock = new();
    private static readonly Dictionary<int, PlayerSession> s_active = new();
    private static int s_nextId = 1;
    private static int s_peakConcurrent;

    private int _closed;

    private PlayerSession(int id, string playerName)
    {
        Id = id;
        PlayerName = playerName;
        ConnectedAtUtc = DateTime.UtcNow;
    }

    public int Id { get; }
    public string PlayerName { get; }
    public DateTime ConnectedAtUtc { get; }

    public static PlayerSession Open(string playerName)
    {
        lock (s_registryLock)
        {
            var session = new PlayerSession(s_nextId++, playerName);
            s_active.Add(session.Id, session);
            if (s_active.Count > s_peakConcurrent)
            {
                s_peakConcurrent = s_active.Count;
            }
            return session;
        }
    }

    public static bool TryGet(int id, out PlayerSession? session)
    {
        lock (s_registryLock)
        {
            return s_active.TryGetValue(id, out session);
        }
    }

    public static (int Active, int Peak) GetCounts()
    {
        lock (s_registryLock)
        {
            return (s_active.Count, s_peakConcurrent);
        }
    }

    public static IReadOnlyList<PlayerSession> ListActive()
    {
        lock (s_registryLock)
        {
            return s_active.Values.OrderBy(s => s.Id).ToList();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        lock (s_registryLock)
        {
            s_active.Remove(Id);
        }
    }
}

public static class AdminConsole
{
    public static void PrintStatus(TextWriter output)
    {
        var (active, peak) = PlayerSession.GetCounts();
        output.WriteLine($"{active} players online (peak {peak})");
        foreach (var session in PlayerSession.ListActive())
        {
            output.WriteLine($"  #{session.Id} {session.PlayerName} since {session.ConnectedAtUtc:HH:mm:ss}");
        }
    }
}
