using System.Collections.Concurrent;

namespace Blind27.RiverFerries.Tickets;

/// <summary>A connection to one ticket barrier at the ferry slipway.</summary>
public sealed class BarrierConnection : IDisposable
{
    public BarrierConnection(string slipway) => Slipway = slipway;

    public string Slipway { get; }
    public bool IsHealthy { get; private set; } = true;

    public Task<bool> ValidateAsync(string ticketCode, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(ticketCode))
        {
            IsHealthy = false;
        }
        return Task.FromResult(IsHealthy);
    }

    public void Dispose() { }
}

/// <summary>
/// Pool of barrier connections shared by all ticket-validation requests. At most
/// <c>maxConnections</c> connections are out at once.
/// </summary>
public sealed class BarrierConnectionPool : IDisposable
{
    private readonly ConcurrentBag<BarrierConnection> _idle = new();
    private readonly SemaphoreSlim _slots;
    private readonly string _slipway;

    public BarrierConnectionPool(string slipway, int maxConnections)
    {
        _slipway = slipway;
        _slots = new SemaphoreSlim(maxConnections, maxConnections);
    }

    public async Task<BarrierConnection> RentAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        while (_idle.TryTake(out var conn))
        {
            if (conn.IsHealthy)
            {
                return conn;
            }

            conn.Dispose();
        }

        return new BarrierConnection(_slipway);
    }

    public void Return(BarrierConnection conn)
    {
        if (conn.IsHealthy)
        {
            _idle.Add(conn);
        }
        else
        {
            conn.Dispose();
        }

        _slots.Release();
    }

    public async Task<bool> ValidateTicketAsync(string code, CancellationToken ct)
    {
        var conn = await RentAsync(ct).ConfigureAwait(false);
        try
        {
            return await conn.ValidateAsync(code, ct).ConfigureAwait(false);
        }
        finally
        {
            Return(conn);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var conn))
        {
            conn.Dispose();
        }

        _slots.Dispose();
    }
}
