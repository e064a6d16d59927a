namespace DataAccess.Pooling;

public interface IDbSession : IDisposable
{
    bool IsOpen { get; }
    Task OpenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Pools database sessions for one connection string. The repository layer
/// rents a session per unit of work, so the pool is hit from many request
/// threads at once.
/// </summary>
public sealed class SessionPool : IDisposable
{
    private readonly object _sync = new();
    private readonly Stack<PooledSession> _idle = new();
    private readonly Func<IDbSession> _factory;
    private readonly int _maxSessions;
    private int _leased;
    private int _totalCreated;
    private bool _disposed;

    public SessionPool(Func<IDbSession> factory, int maxSessions = 32)
    {
        _factory = factory;
        _maxSessions = maxSessions;
    }

    public async ValueTask<PooledSession> RentAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            while (_idle.Count > 0)
            {
                var session = _idle.Pop();
                if (session.Inner.IsOpen)
                {
                    _leased++;
                    return session;
                }

                session.Inner.Dispose();
            }

            if (_leased >= _maxSessions)
            {
                throw new InvalidOperationException($"All {_maxSessions} sessions are in use.");
            }

            _leased++;
        }

        try
        {
            return await CreateSessionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_sync)
            {
                _leased--;
            }
            throw;
        }
    }

    public void Return(PooledSession session)
    {
        lock (_sync)
        {
            _leased--;
            if (!_disposed && session.Inner.IsOpen)
            {
                _idle.Push(session);
                return;
            }
        }

        session.Inner.Dispose();
    }

    public (int Idle, int Leased, int Created) GetCounters()
    {
        lock (_sync)
        {
            return (_idle.Count, _leased, _totalCreated);
        }
    }

    private async Task<PooledSession> CreateSessionAsync(CancellationToken cancellationToken)
    {
        var inner = _factory();
        await inner.OpenAsync(cancellationToken).ConfigureAwait(false);

        int id;
        lock (_sync)
        {
            id = ++_totalCreated;
        }

        return new PooledSession(inner, id);
    }

    public void Dispose()
    {
        PooledSession[] idle;
        lock (_sync)
        {
            _disposed = true;
            idle = _idle.ToArray();
            _idle.Clear();
        }

        foreach (var session in idle)
        {
            session.Inner.Dispose();
        }
    }
}

public sealed record PooledSession(IDbSession Inner, int Id);
