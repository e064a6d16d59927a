namespace Blind63.ChessClub.Fixtures;

public interface ILeagueConnection : IAsyncDisposable
{
    Task<IReadOnlyList<string>> FixturesForAsync(string teamId, CancellationToken ct);
}

public interface ILeagueConnector
{
    Task<ILeagueConnection> ConnectAsync(CancellationToken ct);
}

/// <summary>
/// Singleton gateway to the county league server. The connection is set up
/// on first use and then shared by every request.
/// </summary>
public sealed class LeagueGateway : IAsyncDisposable
{
    private readonly Lazy<Task<ILeagueConnection>> _connection;
    private int _disposed;

    public LeagueGateway(ILeagueConnector connector)
    {
        _connection = new Lazy<Task<ILeagueConnection>>(
            () => connector.ConnectAsync(CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task<IReadOnlyList<string>> FixturesForAsync(string teamId, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connection = await _connection.Value.WaitAsync(ct);
        return await connection.FixturesForAsync(teamId, ct);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> FixturesForAllAsync(
        IEnumerable<string> teamIds, CancellationToken ct = default)
    {
        var lookups = teamIds.Distinct().Select(async id => (id, fixtures: await FixturesForAsync(id, ct)));
        var results = await Task.WhenAll(lookups);
        return results.ToDictionary(r => r.id, r => r.fixtures);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_connection.IsValueCreated)
        {
            try
            {
                var connection = await _connection.Value;
                await connection.DisposeAsync();
            }
            catch (Exception)
            {
                // Connection never came up; nothing to close.
            }
        }
    }
}
