using System.Collections.Concurrent;

namespace Blind45.RareBooks.BidAudit;

public sealed record AuditLine(string? SaleId, string? Paddle, string Message, DateTimeOffset At);

/// <summary>
/// Audit trail for the rare book sale room. Bid handlers open a scope per request so that
/// every line written during that request is stamped with the sale and paddle number,
/// even across awaits.
/// </summary>
public sealed class BidAuditLog
{
    private sealed record Scope(string SaleId, string Paddle);

    private static readonly AsyncLocal<Scope?> s_scope = new();

    private ConcurrentQueue<AuditLine>? _lines;

    private ConcurrentQueue<AuditLine> Lines => LazyInitializer.EnsureInitialized(ref _lines);

    public IDisposable BeginScope(string saleId, string paddle)
    {
        var previous = s_scope.Value;
        s_scope.Value = new Scope(saleId, paddle);
        return new Restore(previous);
    }

    public void Write(string message)
    {
        var scope = s_scope.Value;
        Lines.Enqueue(new AuditLine(scope?.SaleId, scope?.Paddle, message, DateTimeOffset.UtcNow));
    }

    public IReadOnlyList<AuditLine> Drain()
    {
        var drained = new List<AuditLine>();
        while (Lines.TryDequeue(out var line))
        {
            drained.Add(line);
        }

        return drained;
    }

    private sealed class Restore : IDisposable
    {
        private readonly Scope? _previous;

        public Restore(Scope? previous) => _previous = previous;

        public void Dispose() => s_scope.Value = _previous;
    }
}

/// <summary>Handles absentee and telephone bids for a lot.</summary>
public sealed class BidHandler
{
    private readonly BidAuditLog _audit;
    private readonly Func<string, decimal, CancellationToken, Task<bool>> _submit;

    public BidHandler(BidAuditLog audit, Func<string, decimal, CancellationToken, Task<bool>> submit)
    {
        _audit = audit;
        _submit = submit;
    }

    public async Task<bool> PlaceAsync(string saleId, string paddle, string lot, decimal amount, CancellationToken ct)
    {
        using var _ = _audit.BeginScope(saleId, paddle);
        _audit.Write($"bid received for lot {lot}: {amount:N0}");

        var accepted = await _submit(lot, amount, ct).ConfigureAwait(false);

        _audit.Write(accepted ? $"bid on lot {lot} accepted" : $"bid on lot {lot} below current asking price");
        return accepted;
    }

    public Task<bool[]> PlaceBookAsync(string saleId, string paddle, IEnumerable<(string Lot, decimal Max)> book, CancellationToken ct) =>
        Task.WhenAll(book.Select(b => PlaceAsync(saleId, paddle, b.Lot, b.Max, ct)));
}
