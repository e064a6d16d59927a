namespace Blind63.ChessClub.Ratings;

public interface IRatingsConnection : IAsyncDisposable
{
    Task<int> GetRatingAsync(string memberId, CancellationToken ct);
    Task SaveRatingAsync(string memberId, int rating, CancellationToken ct);
}

public interface IRatingsConnectionFactory
{
    IRatingsConnection Open();
}

/// <summary>
/// Client for the league ratings service. Registered as a singleton and used
/// by the pairing endpoints and the results importer at the same time.
/// The connection is opened on first use.
/// </summary>
public sealed class RatingsClient : IAsyncDisposable
{
    private readonly IRatingsConnectionFactory _factory;
    private IRatingsConnection? _connection;
    private int _opened;

    public RatingsClient(IRatingsConnectionFactory factory)
    {
        _factory = factory;
    }

    public int ConnectionsOpened => Volatile.Read(ref _opened);

    private IRatingsConnection Connection
    {
        get
        {
            if (_connection == null)
            {
                _connection = _factory.Open();
                Interlocked.Increment(ref _opened);
            }
            return _connection;
        }
    }

    public Task<int> GetRatingAsync(string memberId, CancellationToken ct = default) =>
        Connection.GetRatingAsync(memberId, ct);

    public async Task ApplyResultAsync(string white, string black, double whiteScore, CancellationToken ct = default)
    {
        var conn = Connection;
        int rw = await conn.GetRatingAsync(white, ct);
        int rb = await conn.GetRatingAsync(black, ct);

        double expected = 1.0 / (1.0 + Math.Pow(10, (rb - rw) / 400.0));
        int delta = (int)Math.Round(20 * (whiteScore - expected));

        await conn.SaveRatingAsync(white, rw + delta, ct);
        await conn.SaveRatingAsync(black, rb - delta, ct);
    }

    public async ValueTask DisposeAsync()
    {
        var conn = Interlocked.Exchange(ref _connection, null);
        if (conn != null)
        {
            await conn.DisposeAsync();
        }
    }
}
